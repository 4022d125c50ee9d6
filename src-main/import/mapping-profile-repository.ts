// Mapping profiles saved in the vault (table mapping_profiles): shared by everyone who imports, synced
// rows with a change log. A profile is checked by the same schema as the CLI's `--mapping FILE`, so
// what is saved here always imports, from the window or the command line.
import { VigilError } from '../../src-shared/errors';
import type { MappingKind, MappingProfileBody, SavedMappingProfile } from '../../src-shared/import-profile-contract';
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { RowContext } from '../store/row-context';
import { mappingProfileSchema, type MappingProfile } from './column-mapping';

interface ProfileRow {
  id: string;
  name: string;
  kind: MappingKind;
  profile: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

const COLUMNS = 'id, name, kind, profile, created_at, updated_at, deleted_at';

/** Checks a profile as `--mapping FILE` would; a VALIDATION error names the first problem and lists them all. */
export function parseMappingProfile(profile: unknown): MappingProfile {
  const parsed = mappingProfileSchema.safeParse(profile);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const first = issues[0];
  throw new VigilError('VALIDATION', `The mapping profile is not valid: ${first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'unknown problem'}`, { issues });
}

export class MappingProfileRepository {
  private readonly listAll;
  private readonly listKind;
  private readonly byName;
  private readonly byId;
  private readonly insert;
  private readonly update;
  private readonly softDelete;

  constructor(private readonly db: SqliteDatabase, private readonly row: RowContext) {
    this.listAll = db.prepare<[], ProfileRow>(`SELECT ${COLUMNS} FROM mapping_profiles WHERE deleted_at IS NULL ORDER BY name COLLATE NOCASE`);
    this.listKind = db.prepare<[string], ProfileRow>(
      `SELECT ${COLUMNS} FROM mapping_profiles WHERE deleted_at IS NULL AND kind = ? ORDER BY name COLLATE NOCASE`,
    );
    // The name column is UNIQUE over deleted rows too, so a deleted profile's row is reused by its name.
    // Live rows first: every save goes through here, so at most one row per name in any case.
    this.byName = db.prepare<[string], ProfileRow>(
      `SELECT ${COLUMNS} FROM mapping_profiles WHERE name = ? COLLATE NOCASE ORDER BY deleted_at IS NOT NULL LIMIT 1`,
    );
    this.byId = db.prepare<[string], ProfileRow>(`SELECT ${COLUMNS} FROM mapping_profiles WHERE id = ? AND deleted_at IS NULL`);
    this.insert = db.prepare(
      `INSERT INTO mapping_profiles (id, name, kind, profile, created_at, updated_at, updated_hlc, origin_device)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.update = db.prepare(
      `UPDATE mapping_profiles SET name = ?, kind = ?, profile = ?, updated_at = ?, updated_hlc = ?, origin_device = ?, deleted_at = NULL,
         created_at = CASE WHEN deleted_at IS NULL THEN created_at ELSE ? END
       WHERE id = ?`,
    );
    this.softDelete = db.prepare(
      'UPDATE mapping_profiles SET deleted_at = ?, updated_at = ?, updated_hlc = ?, origin_device = ? WHERE id = ? AND deleted_at IS NULL',
    );
  }

  list(kind?: MappingKind): SavedMappingProfile[] {
    return (kind === undefined ? this.listAll.all() : this.listKind.all(kind)).map(toSaved);
  }

  get(id: string): SavedMappingProfile | null {
    const found = this.byId.get(id);
    return found ? toSaved(found) : null;
  }

  /**
   * Saves `profile` under `name` (the name inside the profile is replaced by it). A live profile of
   * the same name, in any case, is refused with CONFLICT unless `replace`, which overwrites it.
   */
  save(name: string, profile: unknown, replace: boolean): SavedMappingProfile {
    const trimmed = name.trim();
    const body = parseMappingProfile({ ...(typeof profile === 'object' && profile !== null ? profile : {}), name: trimmed });
    const json = JSON.stringify(body);
    let id = '';
    this.db.transaction(() => {
      const now = this.row.now();
      const hlc = this.row.hlc();
      const existing = this.byName.get(trimmed);
      if (existing && existing.deleted_at === null && !replace) {
        throw new VigilError('CONFLICT', `A mapping profile named "${existing.name}" already exists`, { field: 'name', profileId: existing.id });
      }
      if (existing) {
        id = existing.id;
        this.update.run(trimmed, body.kind, json, now, hlc, this.row.device, now, id);
        this.row.changes.record('mapping_profiles', id, ['name', 'kind', 'profile', 'deleted_at'], hlc);
      } else {
        id = uuidv7(now);
        this.insert.run(id, trimmed, body.kind, json, now, now, hlc, this.row.device);
        this.row.changes.record('mapping_profiles', id, ['name', 'kind', 'profile'], hlc);
      }
    })();
    const saved = this.get(id);
    if (!saved) throw new VigilError('INTERNAL', 'The saved mapping profile could not be read back');
    return saved;
  }

  /** Returns the deleted profile's name (for the audit row). */
  delete(id: string): string {
    let name = '';
    this.db.transaction(() => {
      const found = this.byId.get(id);
      if (!found) throw new VigilError('NOT_FOUND', 'No such mapping profile');
      name = found.name;
      const now = this.row.now();
      const hlc = this.row.hlc();
      this.softDelete.run(now, now, hlc, this.row.device, id);
      this.row.changes.record('mapping_profiles', id, ['deleted_at'], hlc);
    })();
    return name;
  }
}

function toSaved(row: ProfileRow): SavedMappingProfile {
  return {
    id: row.id, name: row.name, kind: row.kind, profile: JSON.parse(row.profile) as MappingProfileBody,
    createdAt: row.created_at, updatedAt: row.updated_at,
  };
}
