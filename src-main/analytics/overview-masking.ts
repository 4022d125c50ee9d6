// What the analytics worker computes is raw vault text; what a caller sees passes through their PII
// lens first, as everywhere else: investigation titles with each case's known PII values (the
// investigations list does the same), the free-text notes of "expected" marks, and the values of the
// top entities (as the entity screens show them).
import type { AnomalyReport, Overview, SeriesAnomalies, StatsReport, TopEntities } from '../../src-shared/analytics-model';
import type { ReadView } from '../investigations/read-view';

function maskSeries(days: SeriesAnomalies, view: ReadView): SeriesAnomalies {
  if (days.kind !== 'scored') return days;
  return { ...days, flagged: days.flagged.map((d) => (d.mark ? { ...d, mark: { ...d.mark, note: view.lens.text(d.mark.note) } } : d)) };
}

function maskAnomalies(report: AnomalyReport, view: ReadView): AnomalyReport {
  return { ...report, days: { alerts: maskSeries(report.days.alerts, view), investigations: maskSeries(report.days.investigations, view) } };
}

export function maskOverview(overview: Overview, view: ReadView): Overview {
  const queue = overview.myQueue.investigations;
  return {
    ...overview,
    myQueue: { ...overview.myQueue, investigations: { ...queue, items: queue.items.map((item) => ({ ...item, title: view.text(item.id, item.title) })) } },
    anomalies: { ...overview.anomalies, report: maskAnomalies(overview.anomalies.report, view) },
  };
}

export function maskStatsReport(report: StatsReport, view: ReadView): StatsReport {
  return { ...report, anomalies: maskAnomalies(report.anomalies, view) };
}

/** Each value as the entity screens show it to this caller. */
export function maskTopEntities(top: TopEntities, view: ReadView): TopEntities {
  return { ...top, entities: top.entities.map((e) => ({ ...e, ...view.lens.entity(e) })) };
}
