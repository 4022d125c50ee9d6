// The analytics report: a stats report for a range of local days (analytics/stats-report.ts, computed
// in its own worker) with a manifest saying who generated it, when, and from which vault state (the
// audit chain's head). It holds counts, durations, source and rule names: no personal data, so
// nothing in it is masked. analytics-sections.ts says it; the renderers lay it out.
import type { StatsReport } from '../../src-shared/analytics-model';
import type { ReportManifest } from './investigation-report';

export type AnalyticsManifest = Omit<ReportManifest, 'masked'>;

export interface AnalyticsReport {
  stats: StatsReport;
  manifest: AnalyticsManifest;
}
