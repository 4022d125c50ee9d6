// The numbers the compliance controls judge by, as the vault keeps them: one settings row (it syncs),
// defaults until an administrator saves one.
import { compliancePolicySchema, DEFAULT_COMPLIANCE_POLICY, type CompliancePolicy } from '../../src-shared/compliance-contract';
import type { SettingsReader, SettingsRepository } from '../settings/settings-repository';

export const COMPLIANCE_POLICY_KEY = 'compliance';

export function readCompliancePolicy(settings: SettingsReader): CompliancePolicy {
  const stored = compliancePolicySchema.safeParse(settings.get<unknown>(COMPLIANCE_POLICY_KEY));
  return stored.success ? stored.data : DEFAULT_COMPLIANCE_POLICY;
}

export function saveCompliancePolicy(settings: SettingsRepository, policy: CompliancePolicy): void {
  settings.set(COMPLIANCE_POLICY_KEY, policy);
}
