// Where an item stands against its SLA due time, one rule for both processes: the analytics in main
// count it, the window colours a case's header and list row with it. Met when resolved by the due
// time; breached when resolved after it, or still open past it; at risk while open and due within
// the warning window; open otherwise.

export type SlaJudgement = 'met' | 'breached' | 'at_risk' | 'open';

/** How long before the due time an open item is flagged at risk. */
export const SLA_AT_RISK_WINDOW_MS = 4 * 3_600_000;

export function judgeSla(dueAt: number, resolvedAt: number | null, now: number, atRiskWindowMs: number = SLA_AT_RISK_WINDOW_MS): SlaJudgement {
  if (resolvedAt !== null) return resolvedAt <= dueAt ? 'met' : 'breached';
  if (now > dueAt) return 'breached';
  return dueAt - now <= atRiskWindowMs ? 'at_risk' : 'open';
}
