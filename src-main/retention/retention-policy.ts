// The retention policy as the vault keeps it: one settings row (so it syncs, and every device applies
// the same rule), defaults until an administrator saves one.
import { DEFAULT_RETENTION_POLICY, retentionPolicySchema, type RetentionPolicy } from '../../src-shared/retention-contract';
import type { SettingsReader, SettingsRepository } from '../settings/settings-repository';

export const RETENTION_POLICY_KEY = 'retention';

/** The saved policy, or the defaults; a stored value that no longer parses reads as the defaults (retention stays off). */
export function readRetentionPolicy(settings: SettingsReader): RetentionPolicy {
  const stored = retentionPolicySchema.safeParse(settings.get<unknown>(RETENTION_POLICY_KEY));
  return stored.success ? stored.data : DEFAULT_RETENTION_POLICY;
}

export function saveRetentionPolicy(settings: SettingsRepository, policy: RetentionPolicy): void {
  settings.set(RETENTION_POLICY_KEY, policy);
}
