// Service levels: a target time per severity (settings), due from creation. An item is met when
// resolved by its due time, breached when resolved late or still open past it, at risk while open
// and due within the warning window, open otherwise. Compliance counts only items whose due time
// falls in the range asked about, and only those decided (met or breached): an item still running
// is neither a success nor a failure yet. docs/METRICS.md states the same beside the numbers.
import type { Severity } from '../../src-shared/model';

export type SlaState = 'met' | 'breached' | 'at_risk' | 'open';

export type SlaTargets = Readonly<Record<Severity, number>>;

export interface SlaItem {
  createdAt: number;
  severity: Severity;
  resolvedAt: number | null;
  /** The item's own due time, when it has one (an investigation's template sets it); else the severity's target applies. */
  dueAt?: number | null;
}

export function dueAt(item: Pick<SlaItem, 'createdAt' | 'severity' | 'dueAt'>, targets: SlaTargets): number {
  return item.dueAt ?? item.createdAt + targets[item.severity];
}

export function slaState(item: SlaItem, targets: SlaTargets, now: number, atRiskWindowMs: number): SlaState {
  const due = dueAt(item, targets);
  if (item.resolvedAt !== null) return item.resolvedAt <= due ? 'met' : 'breached';
  if (now > due) return 'breached';
  return due - now <= atRiskWindowMs ? 'at_risk' : 'open';
}

export interface SlaCompliance {
  met: number;
  breached: number;
  atRisk: number;
  open: number;
  /** met ÷ (met + breached); null when nothing due in the range was decided. */
  compliance: number | null;
}

/** Items due in [from, to), by state, and the compliance over those decided. */
export function slaCompliance(items: Iterable<SlaItem>, targets: SlaTargets, range: { from: number; to: number }, now: number, atRiskWindowMs: number): SlaCompliance {
  const counts = { met: 0, breached: 0, at_risk: 0, open: 0 };
  for (const item of items) {
    const due = dueAt(item, targets);
    if (due < range.from || due >= range.to) continue;
    counts[slaState(item, targets, now, atRiskWindowMs)] += 1;
  }
  const decided = counts.met + counts.breached;
  return { met: counts.met, breached: counts.breached, atRisk: counts.at_risk, open: counts.open, compliance: decided === 0 ? null : counts.met / decided };
}
