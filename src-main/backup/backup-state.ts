// backup-state.json in the data directory: the backup settings and the run history. Kept outside
// the vault on purpose: a restore must not rewind the schedule, the folder or the record of which
// backups were verified, and the scheduler reads it before anyone unlocks. Holds no PII or secrets.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { BackupSettings } from '../../src-shared/backup-model';
import { writeFileAtomic } from '../vault/atomic-file';
import { DEFAULT_RETENTION } from './retention';

export const BACKUP_STATE_FILE = 'backup-state.json';
/** Every 6 hours, on the hour, unless the admin sets another schedule. */
export const DEFAULT_SCHEDULE = '0 */6 * * *';

const stateSchema = z.object({
  settings: z.object({
    folder: z.string(),
    schedule: z.string(),
    enabled: z.boolean(),
    retention: z.object({ keepLast: z.number().int(), daily: z.number().int(), weekly: z.number().int(), monthly: z.number().int() }),
  }),
  lastSuccessAt: z.number().nullable(),
  lastAttemptAt: z.number().nullable(),
  lastError: z.object({ at: z.number(), code: z.string(), message: z.string() }).nullable(),
  /** Verdicts of verifications after the one at creation, by file name. */
  verifications: z.record(z.string(), z.object({ at: z.number(), ok: z.boolean() })),
  /** The last nightly structural check of the live vault (vault-structure-check.ts); absent in older files. */
  structureCheck: z.object({ at: z.number(), ok: z.boolean(), problems: z.array(z.string()) }).nullable().default(null),
});

export type BackupState = z.infer<typeof stateSchema>;

export function defaultBackupFolder(dataDir: string): string {
  return join(dataDir, 'backups');
}

export class BackupStateFile {
  private readonly path: string;

  constructor(private readonly dataDir: string) {
    this.path = join(dataDir, BACKUP_STATE_FILE);
  }

  read(): BackupState {
    const fallback: BackupState = {
      settings: { folder: defaultBackupFolder(this.dataDir), schedule: DEFAULT_SCHEDULE, enabled: true, retention: { ...DEFAULT_RETENTION } },
      lastSuccessAt: null, lastAttemptAt: null, lastError: null, verifications: {}, structureCheck: null,
    };
    if (!existsSync(this.path)) return fallback;
    try {
      const parsed = stateSchema.safeParse(JSON.parse(readFileSync(this.path, 'utf8')));
      // A damaged state file must not stop backups: start again from the defaults.
      return parsed.success ? parsed.data : fallback;
    } catch {
      return fallback;
    }
  }

  settings(): BackupSettings {
    return this.read().settings;
  }

  update(change: (state: BackupState) => void): BackupState {
    const state = this.read();
    change(state);
    writeFileAtomic(this.path, `${JSON.stringify(state, null, 2)}\n`);
    return state;
  }
}
