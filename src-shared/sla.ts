// Service levels, one rule for both processes: the policy (a target per severity, due from creation,
// and the warning window) with its bounds, and where an item stands against its due time. The
// analytics in main count with it; the window colours a case's header and list row with it. Met
// when resolved by the due time; breached when resolved after it, or still open past it; at risk
// while open and due within the warning window; open otherwise.
import { z } from 'zod';
import { SEVERITIES, type Severity } from './model';

export type SlaJudgement = 'met' | 'breached' | 'at_risk' | 'open';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The vault's service levels: stored in the settings, changed by an administrator. */
export interface SlaPolicy {
  /** Time from creation to the due time, per severity, in ms. */
  targetsMs: Readonly<Record<Severity, number>>;
  /** How long before the due time an open item is flagged at risk, in ms; 0: no warning ahead of it. */
  atRiskWindowMs: number;
}

export const DEFAULT_SLA_TARGETS: SlaPolicy['targetsMs'] = { critical: 4 * HOUR, high: 24 * HOUR, medium: 3 * DAY, low: 7 * DAY };
export const DEFAULT_SLA_POLICY: SlaPolicy = { targetsMs: DEFAULT_SLA_TARGETS, atRiskWindowMs: 4 * HOUR };

/**
 * Shorter than a quarter hour is not a target a team can work to; longer than 90 days is no longer
 * a service level. The window may be 0 (no warning) and at most a week.
 */
export const SLA_TARGET_BOUNDS_MS = { min: 15 * MINUTE, max: 90 * DAY } as const;
export const SLA_AT_RISK_WINDOW_BOUNDS_MS = { min: 0, max: 7 * DAY } as const;

const targetSchema = (severity: Severity) => z.number({ message: `The ${severity} target must be a number of milliseconds` })
  .int(`The ${severity} target must be a whole number of milliseconds`)
  .min(SLA_TARGET_BOUNDS_MS.min, `The ${severity} target must be at least 15 minutes`)
  .max(SLA_TARGET_BOUNDS_MS.max, `The ${severity} target must be at most 90 days`);

export const slaPolicySchema = z.object({
  targetsMs: z.object(Object.fromEntries(SEVERITIES.map((s) => [s, targetSchema(s)])) as Record<Severity, ReturnType<typeof targetSchema>>).strict(),
  atRiskWindowMs: z.number({ message: 'The at-risk window must be a number of milliseconds' })
    .int('The at-risk window must be a whole number of milliseconds')
    .min(SLA_AT_RISK_WINDOW_BOUNDS_MS.min, 'The at-risk window cannot be negative')
    .max(SLA_AT_RISK_WINDOW_BOUNDS_MS.max, 'The at-risk window must be at most 7 days'),
}).strict();

export function judgeSla(dueAt: number, resolvedAt: number | null, now: number, atRiskWindowMs: number): SlaJudgement {
  if (resolvedAt !== null) return resolvedAt <= dueAt ? 'met' : 'breached';
  if (now > dueAt) return 'breached';
  return dueAt - now <= atRiskWindowMs ? 'at_risk' : 'open';
}
