// How many analysts the forecast inflow needs at the pace the team was measured at, and who holds
// which work. Throughput is decisions per analyst-day: an analyst-day is a (person, local day) with
// at least one decision, so days off and weekends do not dilute it. Workload is listed by name,
// never ranked. docs/METRICS.md, "Staffing" and "Workload".
import type { AnalystWorkload, StaffingEstimate, VolumeForecast } from '../../src-shared/analytics-model';
import type { LocalDay } from '../platform/zoned-time';
import { bucketIndex as dayIndex } from './day-index';
import type { DecisionEvent } from './overview-queries';

/** Mean of the forecast's daily means; null without a forecast. */
export function forecastPerDay(forecast: VolumeForecast): number | null {
  if (forecast.kind !== 'forecast' || forecast.points.length === 0) return null;
  return forecast.points.reduce((sum, p) => sum + p.mean, 0) / forecast.points.length;
}

export function staffingEstimate(
  events: readonly DecisionEvent[], days: readonly LocalDay[], forecast: { alerts: VolumeForecast; investigations: VolumeForecast },
): StaffingEstimate {
  let alertVerdicts = 0;
  let investigationResolutions = 0;
  const analysts = new Set<string>();
  const analystDays = new Set<string>();
  for (const event of events) {
    const index = dayIndex(days, event.at);
    if (index < 0) continue;
    if (event.kind === 'alert-verdict') alertVerdicts += event.count;
    else investigationResolutions += event.count;
    analysts.add(event.userId);
    analystDays.add(`${event.userId}\u0000${index}`);
  }
  const decisions = alertVerdicts + investigationResolutions;
  const throughput = analystDays.size === 0 ? null : decisions / analystDays.size;
  const alertsPerDay = forecastPerDay(forecast.alerts);
  const investigationsPerDay = forecastPerDay(forecast.investigations);
  const missing: StaffingEstimate['missing'] = [];
  if (alertsPerDay === null && investigationsPerDay === null) missing.push('no-forecast');
  if (throughput === null || throughput === 0) missing.push('no-decisions');
  const demand = (alertsPerDay ?? 0) + (investigationsPerDay ?? 0);
  return {
    decisions, alertVerdicts, investigationResolutions, analysts: analysts.size, analystDays: analystDays.size,
    throughputPerAnalystDay: throughput, forecastAlertsPerDay: alertsPerDay, forecastInvestigationsPerDay: investigationsPerDay,
    analystsNeeded: missing.length > 0 || throughput === null ? null : demand / throughput,
    missing,
  };
}

/** Everyone with open assigned work or a decision in the range, alphabetically by name. */
export function workload(
  events: readonly DecisionEvent[], days: readonly LocalDay[], openAssigned: ReadonlyMap<string, number>, names: ReadonlyMap<string, string>,
): AnalystWorkload[] {
  const rows = new Map<string, AnalystWorkload>();
  const rowOf = (userId: string): AnalystWorkload => {
    let row = rows.get(userId);
    if (!row) {
      row = { userId, displayName: names.get(userId) ?? 'Unknown user', openAssigned: openAssigned.get(userId) ?? 0, decisions: 0, alertVerdicts: 0, investigationResolutions: 0 };
      rows.set(userId, row);
    }
    return row;
  };
  for (const userId of openAssigned.keys()) rowOf(userId);
  for (const event of events) {
    if (dayIndex(days, event.at) < 0) continue;
    const row = rowOf(event.userId);
    row.decisions += event.count;
    if (event.kind === 'alert-verdict') row.alertVerdicts += event.count;
    else row.investigationResolutions += event.count;
  }
  return [...rows.values()].sort((a, b) => a.displayName.localeCompare(b.displayName) || a.userId.localeCompare(b.userId));
}
