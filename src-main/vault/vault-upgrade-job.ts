// The upgrade of a vault file to the latest schema, as a worker runs it (workers/vault-upgrade-worker.ts):
// its own connection, every pending migration in one transaction (store/migrate.ts), progress out as it goes.
// A failed migration rolls the transaction back, so the vault stays at its old version with its data
// as it was; the caller gets VAULT_UPGRADE_FAILED, never a half-converted vault.
import { z } from 'zod';
import { VigilError } from '../../src-shared/errors';
import type { VaultUpgradeProgress } from '../../src-shared/events';
import { openDatabase } from '../store/database';
import { latestVersion, migrate, schemaVersion } from '../store/migrate';
import { MIGRATIONS } from '../store/migrations';
import type { Migration } from '../store/migrations/migration';
import type { JobContext } from '../workers/worker-job';

export const upgradeRequestSchema = z.object({
  databasePath: z.string().min(1),
  nativeBinding: z.string().optional(),
  migrations: z.object({ url: z.string().startsWith('file:'), exportName: z.string().min(1) }).strict().nullable(),
}).strict();
export type UpgradeRequest = z.infer<typeof upgradeRequestSchema>;

export const upgradeResultSchema = z.object({ fromVersion: z.number().int(), toVersion: z.number().int() }).strict();
export type UpgradeResult = z.infer<typeof upgradeResultSchema>;

export const upgradeProgressSchema: z.ZodType<VaultUpgradeProgress> = z.object({
  fromVersion: z.number().int(), toVersion: z.number().int(), done: z.number().int().nonnegative(), total: z.number().int().positive(),
}).strict();

/** What a sign-in reports when the upgrade did not commit, whatever stopped it. */
export function upgradeFailed(fromVersion: number, toVersion: number, reason: string): VigilError {
  return new VigilError('VAULT_UPGRADE_FAILED', `The vault could not be upgraded to this version's format; it is unchanged (schema ${fromVersion}) and nothing was lost`, {
    fromVersion, toVersion, reason,
  });
}

/** Brings the vault file up to `migrations`' latest version; the key is only read (openDatabase keeps no copy). */
export function upgradeVaultFile(
  databasePath: string, opening: { dataKey: Buffer; nativeBinding?: string | undefined }, migrations: readonly Migration[],
  onProgress: (progress: VaultUpgradeProgress) => void,
): UpgradeResult {
  const db = openDatabase(databasePath, { key: opening.dataKey, nativeBinding: opening.nativeBinding });
  const fromVersion = schemaVersion(db);
  try {
    const { from, to } = migrate(db, migrations, onProgress);
    return { fromVersion: from, toVersion: to };
  } catch (error) {
    if (error instanceof VigilError) throw error;
    throw upgradeFailed(fromVersion, latestVersion(migrations), error instanceof Error ? error.message : String(error));
  } finally {
    // Closing the last connection checkpoints the WAL the upgrade wrote, here rather than on the main thread.
    db.close();
  }
}

/** The worker's job: load the list (the shipped one unless a module is named), upgrade, report. */
export async function runUpgradeJob(raw: unknown, job: JobContext): Promise<UpgradeResult> {
  const request = upgradeRequestSchema.parse(raw);
  const migrations = request.migrations ? await importMigrations(request.migrations) : MIGRATIONS;
  return upgradeVaultFile(request.databasePath, { dataKey: job.dataKey, nativeBinding: request.nativeBinding }, migrations, (progress) => job.progress(progress));
}

const migrationShape = z.object({ version: z.number().int(), name: z.string(), sql: z.string() }).passthrough();

async function importMigrations(source: { url: string; exportName: string }): Promise<readonly Migration[]> {
  const loaded = (await import(source.url)) as Record<string, unknown>;
  const list = loaded[source.exportName];
  if (!Array.isArray(list) || !list.every((m) => migrationShape.safeParse(m).success)) {
    throw new VigilError('INTERNAL', 'The migrations module does not export a list of migrations', { exportName: source.exportName });
  }
  return list as readonly Migration[];
}
