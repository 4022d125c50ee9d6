// A saved search as the triage queue's filter, when its query says only what the queue's filter bar
// can say: one severity, one alert status, one source, words (all must appear), and kind alert if
// any kind. Otherwise the reason, in words, so the user knows why it cannot open there.
import { parseSearchQuery } from '../../../src-shared/search-syntax';
import { ALERT_STATUSES, SEVERITIES, type AlertStatus, type Severity } from '../../../src-shared/model';
import { EMPTY_DRAFT, type FilterDraft } from '../triage/filter-form';

export type TriageFromQuery = { ok: true; draft: FilterDraft } | { ok: false; reason: string };

export function triageDraftFromQuery(query: string): TriageFromQuery {
  let parsed;
  try {
    parsed = parseSearchQuery(query);
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : 'The query could not be read' };
  }
  const { filters, words, phrases, excluded } = parsed;
  if (filters.kind && !(filters.kind.length === 1 && filters.kind[0] === 'alert')) {
    return { ok: false, reason: 'It searches more than alerts (kind:); the triage queue holds alerts only' };
  }
  if (phrases.length > 0) return { ok: false, reason: 'It has a quoted phrase; the queue matches words, not phrases' };
  if (excluded.length > 0) return { ok: false, reason: 'It excludes words (-word); the queue cannot filter words out' };
  const one = (field: string, values: string[] | undefined): string | null | { reason: string } => {
    if (!values || values.length === 0) return null;
    if (values.length > 1) return { reason: `It asks for several ${field} values; the queue filters by one` };
    return values[0] ?? null;
  };
  const severity = one('severity', filters.severity);
  const status = one('status', filters.status);
  const source = one('source', filters.source);
  for (const value of [severity, status, source]) if (value !== null && typeof value === 'object') return { ok: false, reason: value.reason };
  if (typeof status === 'string' && !ALERT_STATUSES.includes(status as AlertStatus)) {
    return { ok: false, reason: `"${status}" is an investigation status, not an alert's` };
  }
  return {
    ok: true,
    draft: {
      ...EMPTY_DRAFT,
      severity: typeof severity === 'string' && SEVERITIES.includes(severity as Severity) ? (severity as Severity) : '',
      status: typeof status === 'string' ? (status as AlertStatus) : '',
      source: typeof source === 'string' ? source : '',
      sourceExact: typeof source === 'string',
      text: words.join(' '),
    },
  };
}
