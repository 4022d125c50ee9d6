// Where a chart's click goes: the triage queue or the investigations list, filtered to what the
// clicked figure counted (a day's alerts, of one source or severity too; a day's opened cases; a rule
// over the range; the open backlog; a person's open assigned cases), written as the lists' own route
// params so the lists show and clear the filter.
import type { Severity } from '../../../src-shared/model';
import type { BreakdownFilter } from '../../../src-shared/analytics-charts';
import type { Route } from '../../kit/pages';
import type { LocalDays } from '../../kit/route-query';
import type { ResolutionKey } from '../../../src-shared/analytics-model';
import { EMPTY_DRAFT, routeParamFromDraft } from '../triage/filter-form';
import { DEFAULT_LIST_FILTER, routeParamFromListFilter } from '../investigations/list-filter';

/** Alerts that occurred on these days (any status), optionally of one source, rule or severity. */
export function alertsLink(days: LocalDays, only: { source?: string; rule?: string; severity?: Severity } = {}): Route {
  return { page: 'triage', param: routeParamFromDraft({ ...EMPTY_DRAFT, days, source: only.source ?? '', sourceExact: true, rule: only.rule ?? '', ruleExact: true, severity: only.severity ?? '' }) };
}

/**
 * The alerts a segment of the volume-by-source-or-severity chart counted. The queue filters one
 * source at a time and cannot leave the top sources out, so "other sources" opens the day's alerts
 * of every source (the screen says so).
 */
export function breakdownAlertsLink(days: LocalDays, filter: BreakdownFilter): Route {
  if ('severity' in filter) return alertsLink(days, { severity: filter.severity });
  if ('source' in filter) return alertsLink(days, { source: filter.source });
  return alertsLink(days);
}

/** Investigations opened on these days, whatever their status now. */
export function openedInvestigationsLink(days: LocalDays): Route {
  return { page: 'investigations', param: routeParamFromListFilter({ ...DEFAULT_LIST_FILTER, status: '', opened: days }) };
}

/** Investigations assigned to this person and open now (every status but closed): their workload's subject. */
export function assignedInvestigationsLink(userId: string): Route {
  return { page: 'investigations', param: routeParamFromListFilter({ ...DEFAULT_LIST_FILTER, assigneeId: userId }) };
}

/** Investigations open now (every status but closed), the backlog's subject; said outright, not left to the list's default. */
export function openInvestigationsLink(): Route {
  return { page: 'investigations', param: 'status=active' };
}

/** Investigations whose resolution standing now was reached on these days, optionally with one resolution: a resolutions bar's subject. */
export function resolvedInvestigationsLink(days: LocalDays, resolution?: ResolutionKey): Route {
  return { page: 'investigations', param: routeParamFromListFilter({ ...DEFAULT_LIST_FILTER, status: 'closed', resolved: days, resolution }) };
}

/** One entity's page: its alerts, investigations and risk. */
export function entityLink(entityId: string): Route {
  return { page: 'entity', param: entityId };
}
