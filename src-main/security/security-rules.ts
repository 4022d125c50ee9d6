// Every rule the monitor runs, and which of them each audit action is shown to.
import type { SecurityRuleCheck } from './audit-fact';
import { permissionDenials, piiRevealBurst, signinFailuresOverall, signinFailuresPerUser, totpFailures } from './burst-rules';
import { auditTamperReported, piiRevealWithoutCase, sensitiveChange } from './event-rules';
import { massExport } from './export-rule';
import { signinAfterFailures, unusualSigninHour } from './signin-rules';

export const SECURITY_RULE_CHECKS: readonly SecurityRuleCheck[] = [
  signinFailuresPerUser, signinFailuresOverall, signinAfterFailures, unusualSigninHour, massExport,
  piiRevealBurst, piiRevealWithoutCase, permissionDenials, totpFailures, sensitiveChange, auditTamperReported,
];

/** action → the rules that read its rows. */
export function rulesByAction(rules: readonly SecurityRuleCheck[] = SECURITY_RULE_CHECKS): ReadonlyMap<string, readonly SecurityRuleCheck[]> {
  const byAction = new Map<string, SecurityRuleCheck[]>();
  for (const rule of rules) {
    for (const action of rule.actions) byAction.set(action, [...(byAction.get(action) ?? []), rule]);
  }
  return byAction;
}

/** Every action some rule reads: the only rows a scan parses. */
export const WATCHED_ACTIONS: readonly string[] = [...rulesByAction().keys()];
