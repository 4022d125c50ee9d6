// The investigations list as CSV or JSON: the rows the list screen shows for a filter (same query,
// same order, newest change first), through the caller's read view, so titles are masked as on
// screen. Read in pages of 200 with an event-loop turn between pages; progress after each page.
import type { ParsedInput } from '../../src-shared/contract';
import { csvRow } from '../../src-shared/csv';
import type { ExportFile, InvestigationSummary } from '../../src-shared/workspace-model';
import type { InvestigationQueries } from '../investigations/investigation-queries';
import type { ReadView } from '../investigations/read-view';
import { throwIfCancelled } from '../jobs/job-registry';

const PAGE_ROWS = 200;

export type InvestigationListExportRequest = Pick<ParsedInput<'exports.investigations'>, 'filter' | 'format' | 'limit'>;

export const INVESTIGATION_LIST_CSV_COLUMNS = [
  'key', 'title', 'status', 'resolution', 'severity', 'assignee', 'tags', 'alerts', 'opened_at', 'closed_at', 'updated_at', 'sla_due_at', 'id',
] as const;

export interface ExportedInvestigationSummary {
  id: string; key: string; title: string; status: string; resolution: string | null; severity: string; assignee: string | null;
  tags: string[]; alerts: number; openedAt: string; closedAt: string | null; updatedAt: string; slaDueAt: string | null;
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

function exported(i: InvestigationSummary): ExportedInvestigationSummary {
  return {
    id: i.id, key: i.key, title: i.title, status: i.status, resolution: i.resolution, severity: i.severity, assignee: i.assignee?.username ?? null,
    tags: i.tags, alerts: i.alertCount, openedAt: iso(i.openedAt), closedAt: isoOrNull(i.closedAt), updatedAt: iso(i.updatedAt), slaDueAt: isoOrNull(i.slaDueAt),
  };
}

function csvLine(i: ExportedInvestigationSummary): string {
  return csvRow([i.key, i.title, i.status, i.resolution, i.severity, i.assignee, i.tags.join('; '), i.alerts, i.openedAt, i.closedAt, i.updatedAt, i.slaDueAt, i.id]);
}

/** How many investigations match the filter (the list's own total). */
export function countInvestigations(queries: InvestigationQueries, filter: InvestigationListExportRequest['filter'], view: ReadView): number {
  return queries.list({ ...filter, limit: 1 }, view).total;
}

export async function exportInvestigationList(
  queries: InvestigationQueries,
  input: InvestigationListExportRequest,
  view: ReadView,
  stamp: string,
  progress: (done: number, matched: number) => void,
  signal?: AbortSignal,
): Promise<ExportFile> {
  const parts: string[] = input.format === 'csv' ? [csvRow([...INVESTIGATION_LIST_CSV_COLUMNS])] : [];
  let rows = 0;
  let matched = 0;
  let after: { updatedAt: number; id: string } | undefined;
  while (rows < input.limit) {
    throwIfCancelled(signal);
    const page = queries.list({ ...input.filter, limit: Math.min(PAGE_ROWS, input.limit - rows), ...(after ? { after } : {}) }, view);
    if (!after) matched = page.total;
    const records = page.rows.map(exported);
    if (records.length > 0) parts.push(input.format === 'csv' ? records.map(csvLine).join('') : records.map((r) => JSON.stringify(r)).join(',\n'));
    rows += records.length;
    progress(rows, matched);
    if (!page.next) break;
    after = page.next;
    await nextTurn();
  }
  const content = input.format === 'csv' ? parts.join('') : `[\n${parts.join(',\n')}\n]\n`;
  return {
    fileName: `vigil-investigations-${stamp}.${input.format}`,
    mediaType: input.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
    content, rows, matched, masked: !view.lens.seesAll,
  };
}
