// Where an investigation stands against its SLA due time, for the list's highlight and the header,
// in the window's words; the rule is src-shared/sla.ts, the one analytics counts with, and the
// at-risk window is the vault's saved one (service-levels/use-sla-policy.ts).
import { formatDateTime } from '../../format/time';
import { judgeSla, type SlaJudgement } from '../../../src-shared/sla';

export type SlaState = 'none' | 'met' | 'ok' | 'due_soon' | 'overdue';

const WORDS: Readonly<Record<SlaJudgement, SlaState>> = { met: 'met', breached: 'overdue', at_risk: 'due_soon', open: 'ok' };

/** Closed cases are judged by when they closed; open ones by now. */
export function slaState(slaDueAt: number | null, closedAt: number | null, now: number, atRiskWindowMs: number): SlaState {
  return slaDueAt === null ? 'none' : WORDS[judgeSla(slaDueAt, closedAt, now, atRiskWindowMs)];
}

export function slaText(slaDueAt: number | null, closedAt: number | null, now: number, atRiskWindowMs: number): string {
  const state = slaState(slaDueAt, closedAt, now, atRiskWindowMs);
  if (slaDueAt === null) return 'No SLA';
  const when = formatDateTime(slaDueAt);
  if (state === 'overdue') return closedAt === null ? `Overdue since ${when}` : `Closed after the SLA (${when})`;
  if (state === 'met') return `Met (due ${when})`;
  if (state === 'due_soon') return `Due soon: ${when}`;
  return `Due ${when}`;
}
