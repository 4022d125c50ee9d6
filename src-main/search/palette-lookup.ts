// The command palette's lookup (lookup.find): investigations by key and entities by value, each an
// indexed point or range read (the UNIQUE indexes on investigations.key and entities(kind, value)),
// a few of each. Masking is decided here with the caller's lens: a caller who does not see every
// value finds PII kinds only by their whole value, never by a prefix (a prefix oracle would spell
// an unknown email or phone number out a character at a time), and gets them back masked.
import { LOOKUP_LIMIT, LOOKUP_MIN_PREFIX, type InvestigationLookupHit, type PaletteLookup } from '../../src-shared/lookup-contract';
import { ENTITY_KINDS, PII_KINDS, type EntityKind } from '../entities/entity-kinds';
import { normalizeEntity } from '../entities/normalize';
import { formatInvestigationKey } from '../investigations/key-allocator';
import type { PiiLens } from '../pii/pii-lens';
import type { SqliteDatabase } from '../store/database';

/** Above every character a value can hold: `value < prefix + TOP` closes a prefix range. */
const TOP = '\u{10FFFF}';
/** Kinds whose values are stored lower case (see entities/normalize.ts): a typed prefix is lowered to match. */
const LOWER_CASE_KINDS: ReadonlySet<EntityKind> = new Set(['email', 'domain', 'ip', 'url']);

interface EntityRow { id: string; kind: EntityKind; value: string }

export class PaletteLookupQueries {
  private readonly keyExact;
  private readonly keyRange;
  private readonly keyYears;
  private readonly entityExact;
  private readonly entityRange;

  constructor(db: SqliteDatabase) {
    const columns = 'id, key, title, status';
    this.keyExact = db.prepare<[string], InvestigationLookupHit>(`SELECT ${columns} FROM investigations WHERE key = ? AND deleted_at IS NULL`);
    this.keyRange = db.prepare<[string, string, number], InvestigationLookupHit>(
      `SELECT ${columns} FROM investigations WHERE key >= ? AND key < ? AND deleted_at IS NULL ORDER BY key DESC LIMIT ?`,
    );
    this.keyYears = db.prepare<[], { year: number }>('SELECT year FROM investigation_key_counters ORDER BY year DESC');
    this.entityExact = db.prepare<[string, string], EntityRow>('SELECT id, kind, value FROM entities WHERE kind = ? AND value = ? AND deleted_at IS NULL');
    this.entityRange = db.prepare<[string, string, string, number], EntityRow>(
      'SELECT id, kind, value FROM entities WHERE kind = ? AND value >= ? AND value < ? AND deleted_at IS NULL ORDER BY value LIMIT ?',
    );
  }

  /** `title` passes each investigation title through the caller's read view (PII in titles is masked). */
  find(text: string, lens: PiiLens, title: (investigationId: string, title: string) => string): PaletteLookup {
    const typed = text.trim();
    return {
      investigations: this.investigations(typed).map((hit) => ({ ...hit, title: title(hit.id, hit.title) })),
      entities: this.entities(typed, lens).map((row) => lens.entity(row)),
    };
  }

  /** Exact key, "INV-12" (number 12 of any year, newest year first), then keys starting with what was typed. */
  private investigations(typed: string): InvestigationLookupHit[] {
    const key = typed.toUpperCase();
    if (!key.startsWith('INV-')) return [];
    const found: InvestigationLookupHit[] = [];
    const exact = this.keyExact.get(key);
    if (exact) found.push(exact);
    const shorthand = /^INV-(\d{1,7})$/.exec(key);
    if (shorthand?.[1]) {
      const number = Number(shorthand[1]);
      for (const { year } of this.keyYears.all()) {
        const hit = this.keyExact.get(formatInvestigationKey(year, number));
        if (hit) found.push(hit);
        if (found.length >= LOOKUP_LIMIT) break;
      }
    }
    found.push(...this.keyRange.all(key, key + TOP, LOOKUP_LIMIT));
    return unique(found).slice(0, LOOKUP_LIMIT);
  }

  private entities(typed: string, lens: PiiLens): EntityRow[] {
    const found: EntityRow[] = [];
    for (const kind of ENTITY_KINDS) {
      const value = normalizeEntity(kind, typed);
      const hit = value === null ? undefined : this.entityExact.get(kind, value);
      if (hit) found.push(hit);
    }
    if (typed.length >= LOOKUP_MIN_PREFIX) {
      for (const kind of ENTITY_KINDS) {
        // The whole value only, for PII a caller may not read: see the module comment.
        if (PII_KINDS.has(kind) && !lens.seesAll) continue;
        const prefix = LOWER_CASE_KINDS.has(kind) ? typed.toLowerCase() : typed;
        found.push(...this.entityRange.all(kind, prefix, prefix + TOP, LOOKUP_LIMIT));
        if (unique(found).length >= LOOKUP_LIMIT) break;
      }
    }
    return unique(found).slice(0, LOOKUP_LIMIT);
  }
}

function unique<T extends { id: string }>(rows: readonly T[]): T[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    if (seen.has(row.id)) return false;
    seen.add(row.id);
    return true;
  });
}
