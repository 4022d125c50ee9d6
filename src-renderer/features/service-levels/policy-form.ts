// The Service levels form's text checked against the limits main accepts (src-shared/sla.ts), so a
// message sits next to its field before the round trip. Number and unit never part across lines.
import { SEVERITIES, type Severity } from '../../../src-shared/model';
import { SLA_AT_RISK_WINDOW_BOUNDS_MS, SLA_TARGET_BOUNDS_MS, type SlaPolicy } from '../../../src-shared/sla';
import { formatDurationText, parseDurationText } from './duration-text';

export type PolicyField = Severity | 'atRiskWindow';
export type PolicyDrafts = Record<PolicyField, string>;
export type PolicyProblems = Partial<Record<PolicyField, string>>;

export function draftsOf(policy: SlaPolicy): PolicyDrafts {
  const targets = Object.fromEntries(SEVERITIES.map((s) => [s, formatDurationText(policy.targetsMs[s])])) as Record<Severity, string>;
  return { ...targets, atRiskWindow: formatDurationText(policy.atRiskWindowMs) };
}

const NOT_A_DURATION = 'Write hours ("4"), or a number with min, h or d ("30 min", "3 d")';

/** The policy the drafts describe, or the problem with each field that has one. */
export function checkPolicyDrafts(drafts: PolicyDrafts): { policy: SlaPolicy } | { problems: PolicyProblems } {
  const problems: PolicyProblems = {};
  const targets: Partial<Record<Severity, number>> = {};
  for (const severity of SEVERITIES) {
    const ms = parseDurationText(drafts[severity]);
    if (ms === null) problems[severity] = NOT_A_DURATION;
    else if (ms < SLA_TARGET_BOUNDS_MS.min || ms > SLA_TARGET_BOUNDS_MS.max) problems[severity] = '15\u00a0min to 90\u00a0d';
    else targets[severity] = ms;
  }
  const windowMs = parseDurationText(drafts.atRiskWindow);
  if (windowMs === null) problems.atRiskWindow = NOT_A_DURATION;
  else if (windowMs < SLA_AT_RISK_WINDOW_BOUNDS_MS.min || windowMs > SLA_AT_RISK_WINDOW_BOUNDS_MS.max) problems.atRiskWindow = '0\u00a0h to 7\u00a0d';
  if (Object.keys(problems).length > 0 || windowMs === null) return { problems };
  return { policy: { targetsMs: targets as Record<Severity, number>, atRiskWindowMs: windowMs } };
}
