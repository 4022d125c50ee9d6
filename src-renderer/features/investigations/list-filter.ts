// The investigations list's filter form, what it asks main for, and the form as an address
// (#investigations/status=any&from=…&to=…&tz=…). Empty fields mean "any"; "Active" is every status
// but closed, the list's default. The days opened, the resolution and the days resolved come only
// from links (the analytics charts).
import { SEVERITIES, type Severity } from '../../../src-shared/model';
import type { ChannelInput } from '../../../src-shared/contract';
import { INVESTIGATION_STATUSES, RESOLUTIONS, type InvestigationStatus, type Resolution } from '../../../src-shared/workspace-model';
import { localDayRange } from '../../../src-shared/zoned-time';
import { INVESTIGATION_SORTS, type InvestigationSort } from '../../../src-shared/my-work-contract';
import { localDaysQuery, readLocalDays, readRouteQuery, routeQuery, type LocalDays } from '../../kit/route-query';

export type StatusChoice = '' | 'active' | InvestigationStatus;

export interface ListFilterDraft {
  status: StatusChoice;
  severity: Severity | '';
  /** '' any; 'me' (whoever is signed in: main resolves it), 'none' (unassigned) or a user's id. */
  assigneeId: string;
  tag: string;
  text: string;
  /** Opened on these local days (a chart's day); set only from a link, shown and cleared in the bar. */
  opened: LocalDays | null;
  /** The resolution standing now ('not_recorded': closed without one); set only from a link. */
  resolution?: Resolution | 'not_recorded' | undefined;
  /** Resolved on these local days (the resolutions chart's day); set only from a link. */
  resolved?: LocalDays | null | undefined;
  /** The list's sort (absent: last updated first); in the address too, so a shared view sorts the same. */
  sort?: InvestigationSort | undefined;
  direction?: 'asc' | 'desc' | undefined;
}

const RESOLUTION_CHOICES: ReadonlyArray<Resolution | 'not_recorded'> = [...RESOLUTIONS, 'not_recorded'];

export const DEFAULT_LIST_FILTER: ListFilterDraft = { status: 'active', severity: '', assigneeId: '', tag: '', text: '', opened: null };

export type ListQuery = Omit<ChannelInput<'investigations.list'>, 'after' | 'limit'>;

export function listQuery(draft: ListFilterDraft): ListQuery {
  const query: ListQuery = {};
  if (draft.status === 'active') query.status = ['open', 'in_progress', 'pending'];
  else if (draft.status !== '') query.status = [draft.status];
  if (draft.severity !== '') query.severity = [draft.severity];
  if (draft.assigneeId !== '') query.assignee = draft.assigneeId;
  const tag = draft.tag.trim().toLowerCase();
  if (tag !== '') query.tag = tag;
  const text = draft.text.trim();
  if (text !== '') query.text = text.slice(0, 200);
  const opened = draft.opened && localDayRange(draft.opened.from, draft.opened.to, draft.opened.timeZone);
  if (opened) {
    query.openedFrom = opened.start;
    query.openedTo = opened.end;
  }
  if (draft.resolution) query.resolution = draft.resolution;
  if (draft.sort) query.sort = draft.sort;
  if (draft.direction) query.direction = draft.direction;
  const resolved = draft.resolved && localDayRange(draft.resolved.from, draft.resolved.to, draft.resolved.timeZone);
  if (resolved) {
    query.resolvedFrom = resolved.start;
    query.resolvedTo = resolved.end;
  }
  return query;
}

const STATUS_CHOICES: readonly StatusChoice[] = ['active', ...INVESTIGATION_STATUSES];

/**
 * #investigations/<param>: status (active, any or one status; absent means active), severity,
 * assignee (me, none or an id), sort and direction, tag, text, from + to + tz for the days opened, resolution, and resolvedFrom +
 * resolvedTo (+ the same tz) for the days resolved. Null when the param is not a filter.
 */
export function listFilterFromRouteParam(param: string | null): ListFilterDraft | null {
  const query = readRouteQuery(param);
  if (!query) return null;
  const status = query.get('status');
  const severity = query.get('severity');
  const resolution = RESOLUTION_CHOICES.find((choice) => choice === query.get('resolution'));
  const resolved = readLocalDays(new URLSearchParams({ from: query.get('resolvedFrom') ?? '', to: query.get('resolvedTo') ?? '', tz: query.get('tz') ?? '' }));
  return {
    status: status === 'any' ? '' : (STATUS_CHOICES.find((choice) => choice === status) ?? 'active'),
    severity: SEVERITIES.find((s) => s === severity) ?? '',
    assigneeId: query.get('assignee')?.trim() ?? '',
    tag: query.get('tag')?.trim() ?? '',
    text: query.get('text')?.trim() ?? '',
    opened: readLocalDays(query),
    ...(resolution ? { resolution } : {}),
    ...(resolved ? { resolved } : {}),
    ...sortFrom(query),
  };
}

/** The form as #investigations/<param>; null for the list's default. */
export function routeParamFromListFilter(draft: ListFilterDraft): string | null {
  return routeQuery([
    ['status', draft.status === 'active' ? null : draft.status === '' ? 'any' : draft.status],
    ['severity', draft.severity], ['assignee', draft.assigneeId], ['tag', draft.tag.trim()], ['text', draft.text.trim()],
    ...localDaysQuery(draft.opened),
    ['resolution', draft.resolution],
    // One zone for both kinds of days: a link sets one or the other.
    ...(draft.resolved ? [['resolvedFrom', draft.resolved.from], ['resolvedTo', draft.resolved.to], ['tz', draft.opened ? null : draft.resolved.timeZone]] as const : []),
    ['sort', draft.sort === 'updated' ? null : draft.sort], ['direction', draft.direction === 'desc' ? null : draft.direction],
  ]);
}

function sortFrom(query: URLSearchParams): Pick<ListFilterDraft, 'sort' | 'direction'> {
  const sort = INVESTIGATION_SORTS.find((choice) => choice === query.get('sort'));
  const direction = query.get('direction') === 'asc' ? 'asc' : undefined;
  return { ...(sort ? { sort } : {}), ...(direction ? { direction } : {}) };
}
