// Service levels: a target time per severity, due from creation (or the item's own due time); where
// an item stands is src-shared/sla.ts's rule. Compliance counts only items whose due time falls in
// the range asked about, and only those decided (met or breached): an item still running is neither
// a success nor a failure yet. docs/METRICS.md states the same beside the numbers.
import type { Severity } from '../../src-shared/model';
import { judgeSla, type SlaJudgement } from '../../src-shared/sla';

export type SlaState = SlaJudgement;

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
  return judgeSla(dueAt(item, targets), item.resolvedAt, now, atRiskWindowMs);
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
