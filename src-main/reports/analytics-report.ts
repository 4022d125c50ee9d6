// The analytics report: a stats report for a range of local days (analytics/stats-report.ts, computed
// in its own worker) and the range's top entities, with a manifest saying who generated it, when,
// from which vault state (the audit chain's head) and whether values were masked. The entity values
// are the only personal data in it: they come through the reader's PII lens, as on screen.
// analytics-sections.ts says it; the renderers lay it out.
import type { StatsReport, TopEntities } from '../../src-shared/analytics-model';
import type { ReportManifest } from './investigation-report';

export type AnalyticsManifest = ReportManifest;

export interface AnalyticsReport {
  stats: StatsReport;
  topEntities: TopEntities;
  manifest: AnalyticsManifest;
}
