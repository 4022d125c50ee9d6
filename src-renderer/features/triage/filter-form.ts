// The filter bar's draft, the contract filter it stands for, and the draft as an address
// (#triage/severity=high&from=…). Pure, so the rules (empty means "any", time presets counted back
// from now, local days in their zone) are tested without a screen.
import { ALERT_STATUSES, SEVERITIES, type AlertStatus, type Severity } from '../../../src-shared/model';
import { localDayRange } from '../../../src-shared/zoned-time';
import { localDaysQuery, readLocalDays, readRouteQuery, routeQuery, type LocalDays } from '../../kit/route-query';
import { ALERT_SORTS, type AlertSort } from '../../../src-shared/my-work-contract';
import type { AlertFilter, AlertOrder } from './store';

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
  /** Sources or rules starting with these; whole values only when `…Exact` (a chart's link). */
  source: string;
  sourceExact: boolean;
  rule: string;
  ruleExact: boolean;
  /** '' anyone; 'me' (whoever is signed in: main resolves it), 'none' (unassigned) or a user's id. */
  assignee: string;
  range: TimeRangeId;
  /** Alerts that occurred on these local days (a chart's day or range); wins over `range`. */
  days: LocalDays | null;
  text: string;
  /** Kept from the entity page's "alerts for this entity" link; not editable in the bar. */
  entityId: string | null;
  /** How the queue is sorted: part of the address too, so a shared view sorts the same. */
  sort: AlertSort;
  order: AlertOrder;
}

export const EMPTY_DRAFT: FilterDraft = {
  status: '', severity: '', source: '', sourceExact: false, rule: '', ruleExact: false, assignee: '', range: 'any', days: null, text: '',
  entityId: null, sort: 'occurred', order: 'newest',
};

const ASSIGNEE = /^(me|none|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

export function filterFromDraft(draft: FilterDraft, now: number): AlertFilter {
  const filter: AlertFilter = {};
  if (draft.status) filter.status = [draft.status];
  if (draft.severity) filter.severity = [draft.severity];
  const source = draft.source.trim();
  if (source) filter[draft.sourceExact ? 'source' : 'sourcePrefix'] = source;
  const rule = draft.rule.trim();
  if (rule) filter[draft.ruleExact ? 'rule' : 'rulePrefix'] = rule;
  if (ASSIGNEE.test(draft.assignee)) filter.assignee = draft.assignee;
  if (draft.text.trim()) filter.text = draft.text.trim();
  if (draft.entityId) filter.entityId = draft.entityId;
  const days = draft.days && localDayRange(draft.days.from, draft.days.to, draft.days.timeZone);
  const range = TIME_RANGES.find((candidate) => candidate.id === draft.range);
  if (days) {
    filter.from = days.start;
    filter.to = days.end;
  } else if (range?.ms) {
    filter.from = Math.max(0, now - range.ms);
  }
  return filter;
}

const ENTITY_ID = /^[0-9a-f-]{36}$/i;
const oneOf = <T extends string>(values: readonly T[], value: string | null): T | '' => (values.find((candidate) => candidate === value) ?? '');

/**
 * A route param for #triage/<param>: key=value pairs (status, severity, source and rule — prefixes, or
 * whole values with sourceExact=1 / ruleExact=1 —, assignee (me, none or an id), time, from + to + tz,
 * text, entity, sort, order), or `entity:<id>` (the entity page's link). Anything unknown is "any".
 */
export function draftFromRouteParam(param: string | null): FilterDraft {
  const entity = /^entity:(.+)$/i.exec(param ?? '')?.[1];
  if (entity !== undefined) return ENTITY_ID.test(entity) ? { ...EMPTY_DRAFT, entityId: entity } : EMPTY_DRAFT;
  const query = readRouteQuery(param);
  if (!query) return EMPTY_DRAFT;
  const entityId = query.get('entity');
  return {
    status: oneOf(ALERT_STATUSES, query.get('status')),
    severity: oneOf(SEVERITIES, query.get('severity')),
    source: query.get('source')?.trim() ?? '',
    sourceExact: query.get('sourceExact') === '1',
    rule: query.get('rule')?.trim() ?? '',
    ruleExact: query.get('ruleExact') === '1',
    assignee: ASSIGNEE.test(query.get('assignee') ?? '') ? (query.get('assignee') ?? '') : '',
    range: oneOf(TIME_RANGES.map((r) => r.id), query.get('time')) || 'any',
    days: readLocalDays(query),
    text: query.get('text')?.trim() ?? '',
    entityId: entityId !== null && ENTITY_ID.test(entityId) ? entityId : null,
    sort: oneOf(ALERT_SORTS, query.get('sort')) || 'occurred',
    order: query.get('order') === 'oldest' ? 'oldest' : 'newest',
  };
}

/** The draft as #triage/<param>; null for "every alert", newest first. */
export function routeParamFromDraft(draft: FilterDraft): string | null {
  return routeQuery([
    ['status', draft.status], ['severity', draft.severity],
    ['source', draft.source.trim()], ['sourceExact', draft.sourceExact && draft.source.trim() ? '1' : null],
    ['rule', draft.rule.trim()], ['ruleExact', draft.ruleExact && draft.rule.trim() ? '1' : null],
    ['assignee', draft.assignee],
    ...(draft.days ? localDaysQuery(draft.days) : [['time', draft.range === 'any' ? null : draft.range] as const]),
    ['text', draft.text.trim()], ['entity', draft.entityId],
    ['sort', draft.sort === 'occurred' ? null : draft.sort], ['order', draft.order === 'newest' ? null : draft.order],
  ]);
}

/** How many filters differ from "everything", for the Clear button and the summary line. */
export function activeFilterCount(draft: FilterDraft): number {
  const time = draft.days !== null || draft.range !== 'any' ? 'x' : '';
  return [draft.status, draft.severity, draft.source.trim(), draft.rule.trim(), draft.assignee, time, draft.text.trim(), draft.entityId ?? '']
    .filter(Boolean).length;
}

/** #triage/alert:<id> opens the queue with that alert's detail panel (from a search hit). */
export function alertFromRouteParam(param: string | null): string | null {
  const match = /^alert:([0-9a-f-]{36})$/i.exec(param ?? '');
  return match?.[1] ?? null;
}
