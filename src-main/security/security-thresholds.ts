// The rules' thresholds: one settings value (`security.thresholds`) over the defaults, each rule's
// group merged on its own so a value saved before a new field existed still reads whole.
import {
  DEFAULT_SECURITY_THRESHOLDS, securityThresholdsSchema, type SecurityThresholds,
} from '../../src-shared/security-model';
import type { SettingsReader, SettingsRepository } from '../settings/settings-repository';

export const SECURITY_THRESHOLDS_KEY = 'security.thresholds';

export function readSecurityThresholds(settings: SettingsReader): SecurityThresholds {
  const stored = settings.get<Partial<Record<keyof SecurityThresholds, unknown>>>(SECURITY_THRESHOLDS_KEY) ?? {};
  const merged: Record<string, unknown> = {};
  for (const [key, fallback] of Object.entries(DEFAULT_SECURITY_THRESHOLDS)) {
    const value = stored[key as keyof SecurityThresholds];
    merged[key] = typeof fallback === 'object' && typeof value === 'object' && value !== null ? { ...fallback, ...value } : (value ?? fallback);
  }
  const parsed = securityThresholdsSchema.safeParse(merged);
  // A stored value out of bounds (written by hand, or by a version with other bounds) falls back whole.
  return parsed.success ? parsed.data : DEFAULT_SECURITY_THRESHOLDS;
}

export function saveSecurityThresholds(settings: SettingsRepository, thresholds: SecurityThresholds): void {
  settings.set(SECURITY_THRESHOLDS_KEY, securityThresholdsSchema.parse(thresholds));
}
