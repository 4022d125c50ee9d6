// The filter bar's draft and the contract filter it stands for. Pure, so the rules (empty means
// "any", time presets counted back from now) are tested without a screen.
import type { AlertStatus, Severity } from '../../../src-shared/model';
import type { AlertFilter } from './store';

export const TIME_RANGES = [
  { id: 'any', label: 'Any time', ms: null },
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 86_400_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
] as const;
export type TimeRangeId = (typeof TIME_RANGES)[number]['id'];

export interface FilterDraft {
  status: AlertStatus | '';
  severity: Severity | '';
  source: string;
  rule: string;
  range: TimeRangeId;
  text: string;
  /** Kept from the entity page's "alerts for this entity" link; not editable in the bar. */
  entityId: string | null;
}

export const EMPTY_DRAFT: FilterDraft = { status: '', severity: '', source: '', rule: '', range: 'any', text: '', entityId: null };

export function filterFromDraft(draft: FilterDraft, now: number): AlertFilter {
  const filter: AlertFilter = {};
  if (draft.status) filter.status = [draft.status];
  if (draft.severity) filter.severity = [draft.severity];
  if (draft.source.trim()) filter.source = draft.source.trim();
  if (draft.rule.trim()) filter.rule = draft.rule.trim();
  if (draft.text.trim()) filter.text = draft.text.trim();
  if (draft.entityId) filter.entityId = draft.entityId;
  const range = TIME_RANGES.find((candidate) => candidate.id === draft.range);
  if (range?.ms) filter.from = Math.max(0, now - range.ms);
  return filter;
}

/** A route param for #triage/<param>: `entity:<id>` opens the queue filtered to one entity. */
export function draftFromRouteParam(param: string | null): FilterDraft {
  // #triage/status:new: the untriaged alerts Home counts.
  if (param === 'status:new') return { ...EMPTY_DRAFT, status: 'new' };
  const match = /^entity:([0-9a-f-]{36})$/i.exec(param ?? '');
  return match?.[1] ? { ...EMPTY_DRAFT, entityId: match[1] } : EMPTY_DRAFT;
}

/** How many filters differ from "everything", for the Clear button and the summary line. */
export function activeFilterCount(draft: FilterDraft): number {
  return [draft.status, draft.severity, draft.source.trim(), draft.rule.trim(), draft.range !== 'any' ? 'x' : '', draft.text.trim(), draft.entityId ?? '']
    .filter(Boolean).length;
}

/** #triage/alert:<id> opens the queue with that alert's detail panel (from a search hit). */
export function alertFromRouteParam(param: string | null): string | null {
  const match = /^alert:([0-9a-f-]{36})$/i.exec(param ?? '');
  return match?.[1] ?? null;
}
