// Search results as CSV or JSON: the same query over the same kinds, through the caller's lens, up
// to SEARCH_EXPORT_PER_KIND hits of each kind (the search's own page limit); the file says how many
// matched in all, so a file holding fewer is never taken for every match.
import { csvRow } from '../../src-shared/csv';
import { SEARCH_EXPORT_PER_KIND } from '../../src-shared/limits';
import type { ExportFile, SearchHit, SearchHitKind } from '../../src-shared/workspace-model';
import type { PiiLens } from '../pii/pii-lens';
import { parseSearchQuery, SEARCH_HIT_KINDS } from '../search/query-syntax';
import type { SearchQueries } from '../search/search-queries';

export const SEARCH_CSV_COLUMNS = ['kind', 'id', 'investigation_id', 'title', 'snippet', 'at'] as const;

const exported = (h: SearchHit) => ({ kind: h.kind, id: h.id, investigationId: h.investigationId, title: h.title, snippet: h.snippet, at: new Date(h.at).toISOString() });

export function exportSearch(
  search: SearchQueries,
  input: { query: string; kinds?: SearchHitKind[] | undefined; format: 'csv' | 'json' },
  lens: PiiLens,
  stamp: string,
): ExportFile {
  const parsed = parseSearchQuery(input.query.trim().replace(/\s+/g, ' '));
  const wanted = input.kinds ?? SEARCH_HIT_KINDS;
  const hits: SearchHit[] = [];
  let matched = 0;
  for (const kind of SEARCH_HIT_KINDS) {
    if (!wanted.includes(kind)) continue;
    const result = search.search(kind, parsed, SEARCH_EXPORT_PER_KIND, lens);
    if (!result) continue;
    matched += result.count;
    hits.push(...result.hits);
  }
  const rows = hits.map(exported);
  const content = input.format === 'csv'
    ? [csvRow([...SEARCH_CSV_COLUMNS]), ...rows.map((r) => csvRow([r.kind, r.id, r.investigationId, r.title, r.snippet, r.at]))].join('')
    : `${JSON.stringify(rows, null, 2)}\n`;
  return {
    fileName: `vigil-search-${stamp}.${input.format}`,
    mediaType: input.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json',
    content, rows: rows.length, matched, masked: !lens.seesAll,
  };
}
