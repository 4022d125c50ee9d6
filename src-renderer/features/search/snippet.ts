// Search results: snippets arrive with the matched words wrapped in «…»; they become text and
// <mark> segments rendered as React text nodes (never innerHTML), and each hit kind has a place to go.
import type { SearchHit, SearchHitKind } from '../../../src-shared/workspace-model';
import type { PageId } from '../../kit/navigation';

export interface SnippetSegment {
  text: string;
  mark: boolean;
}

/** Splits "a «b» c" into [a ][b][ c]; an unclosed « marks to the end, a stray » is kept as text. */
export function snippetSegments(snippet: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let rest = snippet;
  while (rest.length > 0) {
    const open = rest.indexOf('«');
    if (open < 0) {
      segments.push({ text: rest, mark: false });
      break;
    }
    if (open > 0) segments.push({ text: rest.slice(0, open), mark: false });
    const close = rest.indexOf('»', open + 1);
    const inner = close < 0 ? rest.slice(open + 1) : rest.slice(open + 1, close);
    if (inner) segments.push({ text: inner, mark: true });
    rest = close < 0 ? '' : rest.slice(close + 1);
  }
  return segments;
}

/** Where a hit opens: investigations, notes and findings in their investigation; alerts in theirs or in the queue. */
export function hitDestination(hit: SearchHit): { page: PageId; param: string } {
  switch (hit.kind) {
    case 'entity':
      return { page: 'entity', param: hit.id };
    case 'investigation':
      return { page: 'investigation', param: hit.id };
    case 'note':
    case 'finding':
      return hit.investigationId ? { page: 'investigation', param: hit.investigationId } : { page: 'search', param: hit.title };
    case 'alert':
      return hit.investigationId ? { page: 'investigation', param: hit.investigationId } : { page: 'triage', param: `alert:${hit.id}` };
  }
}

export const HIT_KIND_ORDER: readonly SearchHitKind[] = ['alert', 'investigation', 'entity', 'note', 'finding'];

export const HIT_KIND_LABELS: Readonly<Record<SearchHitKind, string>> = {
  alert: 'Alerts',
  investigation: 'Investigations',
  entity: 'Entities',
  note: 'Notes',
  finding: 'Findings',
};

/** Hits grouped by kind in display order; kinds without hits are left out. */
export function groupHits(hits: readonly SearchHit[]): { kind: SearchHitKind; hits: SearchHit[] }[] {
  return HIT_KIND_ORDER.map((kind) => ({ kind, hits: hits.filter((hit) => hit.kind === kind) })).filter((group) => group.hits.length > 0);
}
