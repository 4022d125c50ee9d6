// Where an investigation stands against its SLA due time, for the list's highlight and the header.
import { formatDateTime } from '../../format/time';

export type SlaState = 'none' | 'met' | 'ok' | 'due_soon' | 'overdue';

const DUE_SOON_MS = 4 * 3600_000;

/** Closed cases are judged by when they closed; open ones by now. */
export function slaState(slaDueAt: number | null, closedAt: number | null, now: number): SlaState {
  if (slaDueAt === null) return 'none';
  if (closedAt !== null) return closedAt <= slaDueAt ? 'met' : 'overdue';
  if (now > slaDueAt) return 'overdue';
  if (slaDueAt - now <= DUE_SOON_MS) return 'due_soon';
  return 'ok';
}

export function slaText(slaDueAt: number | null, closedAt: number | null, now: number): string {
  const state = slaState(slaDueAt, closedAt, now);
  if (slaDueAt === null) return 'No SLA';
  const when = formatDateTime(slaDueAt);
  if (state === 'overdue') return closedAt === null ? `Overdue since ${when}` : `Closed after the SLA (${when})`;
  if (state === 'met') return `Met (due ${when})`;
  if (state === 'due_soon') return `Due soon: ${when}`;
  return `Due ${when}`;
}
