// The health thresholds an administrator changed (settings key `health.policy`), over the defaults
// of src-shared/health-policy.ts. Read at every run, so a change takes effect at the next one.
import { VigilError } from '../../src-shared/errors';
import type { HealthPolicy } from '../../src-shared/health-model';
import { effectivePolicy, healthPolicyOverrideSchema, policyProblems, type HealthPolicyOverride } from '../../src-shared/health-policy';
import type { SettingsReader, SettingsRepository } from '../settings/settings-repository';

export const HEALTH_POLICY_KEY = 'health.policy';

export function storedHealthOverride(settings: SettingsReader): HealthPolicyOverride {
  const parsed = healthPolicyOverrideSchema.safeParse(settings.get<unknown>(HEALTH_POLICY_KEY) ?? {});
  // A value this version cannot read (written by a newer one) falls back to the defaults rather than stop the monitor.
  return parsed.success ? parsed.data : {};
}

export function readHealthPolicy(settings: SettingsReader): HealthPolicy {
  return effectivePolicy(storedHealthOverride(settings));
}

export function saveHealthOverride(settings: SettingsRepository, override: HealthPolicyOverride): HealthPolicy {
  const policy = effectivePolicy(override);
  const problems = policyProblems(policy);
  if (problems.length > 0) throw new VigilError('VALIDATION', problems.join('; '), { problems });
  settings.set(HEALTH_POLICY_KEY, override);
  return policy;
}
