// The vault's service levels in the settings table, under a key of their own. Read by the channels
// on the main connection and by the analytics worker on its own read-only one, so every stats
// report counts with the levels an administrator last saved.
import { DEFAULT_SLA_POLICY, slaPolicySchema, type SlaPolicy } from '../../src-shared/sla';
import { VigilError } from '../../src-shared/errors';
import type { SqliteDatabase } from '../store/database';
import type { SettingsReader, SettingsRepository } from './settings-repository';

export const SLA_POLICY_KEY = 'sla_policy';

/** The saved policy; the defaults until an administrator saves one. */
export function readSlaPolicy(settings: SettingsReader): SlaPolicy {
  const stored = settings.get<unknown>(SLA_POLICY_KEY);
  if (stored === undefined) return DEFAULT_SLA_POLICY;
  // Only the channel writes it, after the same schema; a value that fails now was changed behind
  // Vigil's back, and counting with guessed levels would report numbers nobody set.
  const parsed = slaPolicySchema.safeParse(stored);
  if (!parsed.success) throw new VigilError('VAULT_CORRUPT', 'The saved service levels are not valid; an administrator can save them again in Settings');
  return parsed.data;
}

/** What is stored now, as stored (for the audit row's "before"), or the defaults. */
export function storedSlaPolicy(settings: SettingsReader): unknown {
  return settings.get<unknown>(SLA_POLICY_KEY) ?? DEFAULT_SLA_POLICY;
}

/** Saves an already validated policy, the row and its change-log entry in one transaction. */
export function saveSlaPolicy(db: SqliteDatabase, settings: SettingsRepository, policy: SlaPolicy): void {
  db.transaction(() => settings.set(SLA_POLICY_KEY, policy))();
}
