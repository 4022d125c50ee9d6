// What an export will write, said before it starts: how many rows match, and what the cap does to
// them. Pure, so the wording is tested without a window.
import { EXPORT_ROW_CAP, SEARCH_EXPORT_PER_KIND } from '../../../src-shared/limits';
import type { SearchHitKind } from '../../../src-shared/workspace-model';
import type { ChannelInput } from '../../../src-shared/contract';
import type { ListQuery } from '../investigations/list-filter';

export type ExportTarget =
  | { kind: 'alerts'; filter: ChannelInput<'alerts.count'> }
  | { kind: 'investigations'; filter: ListQuery }
  | { kind: 'investigation'; investigationId: string; key: string }
  /** The search screen's last query, with how many hits of each kind matched. */
  | { kind: 'search'; query: string; counts: Record<SearchHitKind, number> };

export type ExportFormat = 'csv' | 'json';

export interface ExportPlan {
  /** Rows matching now. */
  matched: number;
  /** Rows the file will hold: all matching, or the cap's newest. */
  rows: number;
  capped: boolean;
  /** The sentence shown above the Export button. */
  summary: string;
}

const NOUNS: Record<ExportTarget['kind'], [string, string]> = {
  alerts: ['alert', 'alerts'],
  investigations: ['investigation', 'investigations'],
  investigation: ['record', 'records'],
  search: ['result', 'results'],
};

const n = (count: number) => count.toLocaleString('en-US');

export function exportPlan(kind: ExportTarget['kind'], matched: number): ExportPlan {
  const [one, many] = NOUNS[kind];
  const noun = matched === 1 ? one : many;
  if (matched > EXPORT_ROW_CAP) {
    return {
      matched, rows: EXPORT_ROW_CAP, capped: true,
      summary: `${n(matched)} ${noun} match, more than the ${n(EXPORT_ROW_CAP)} one file holds: the file will hold the newest ${n(EXPORT_ROW_CAP)}. `
        + 'Narrow the filter (a shorter date range, fewer statuses) to export the rest in further files.',
    };
  }
  if (kind === 'investigation') return { matched, rows: matched, capped: false, summary: `The case and its ${n(matched - 1)} related ${matched - 1 === 1 ? one : many} (alerts, entities, notes, findings, actions, evidence details) will be exported.` };
  if (matched === 0) return { matched, rows: 0, capped: false, summary: `No ${many} match the filter: the file would be empty.` };
  return { matched, rows: matched, capped: false, summary: `${n(matched)} ${noun} ${matched === 1 ? 'matches' : 'match'} the filter; all of them will be exported.` };
}

/** Search exports hold what the search pages hold: up to SEARCH_EXPORT_PER_KIND hits of each kind. */
export function searchExportPlan(counts: Record<SearchHitKind, number>): ExportPlan {
  const matched = Object.values(counts).reduce((a, b) => a + b, 0);
  const rows = Object.values(counts).reduce((a, b) => a + Math.min(b, SEARCH_EXPORT_PER_KIND), 0);
  if (rows < matched) {
    return {
      matched, rows, capped: true,
      summary: `${n(matched)} results match; the file will hold ${n(rows)}: the best ${n(SEARCH_EXPORT_PER_KIND)} of each kind, as the search shows them. `
        + 'Narrow the query (kind:, severity:, a phrase) or export the alerts or investigations from their lists for the rest.',
    };
  }
  return { matched, rows, capped: false, summary: `${n(matched)} ${matched === 1 ? 'result matches' : 'results match'}; all of them will be exported.` };
}

export function progressLabel(done: number, total: number | null): string {
  return total === null ? `${n(done)} rows written…` : `${n(done)} of ${n(total)} rows written…`;
}
