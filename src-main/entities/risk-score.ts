// An entity's risk, 0–100, derived from its alerts: how severe they are, how recent, how many, and
// across how many sources. Pure, so the weighting is tested on its own and explained to the analyst
// through the factors it returns.
import type { Severity } from '../../src-shared/model';

export interface EntityAlertStats {
  bySeverity: Record<Severity, number>;
  /** Alerts in the last 7 days. */
  recent: number;
  sources: number;
  lastSeenAt: number;
}

const SEVERITY_POINTS: Record<Severity, number> = { low: 1, medium: 3, high: 7, critical: 12 };
const DAY_MS = 24 * 3600 * 1000;

export function riskScore(stats: EntityAlertStats, now: number): { score: number; factors: string[] } {
  const factors: string[] = [];
  const total = stats.bySeverity.low + stats.bySeverity.medium + stats.bySeverity.high + stats.bySeverity.critical;
  if (total === 0) return { score: 0, factors: ['no alerts'] };

  // Severity: the worst alerts dominate, more of them saturate (40 points).
  const severityPoints = (Object.keys(SEVERITY_POINTS) as Severity[]).reduce((sum, s) => sum + SEVERITY_POINTS[s] * stats.bySeverity[s], 0);
  const severity = 40 * (1 - Math.exp(-severityPoints / 25));
  if (stats.bySeverity.critical > 0) factors.push(`${stats.bySeverity.critical} critical alert${stats.bySeverity.critical === 1 ? '' : 's'}`);
  if (stats.bySeverity.high > 0) factors.push(`${stats.bySeverity.high} high-severity alert${stats.bySeverity.high === 1 ? '' : 's'}`);

  // Volume: logarithmic, so 1,000 alerts is not 100× riskier than 10 (20 points).
  const volume = Math.min(20, 5 * Math.log10(1 + total) * 1.5);
  factors.push(`${total.toLocaleString('en')} alert${total === 1 ? '' : 's'} in all`);

  // Recency: activity this week, and how long since the last alert (25 points). Old activity also
  // counts for less: severity and volume fade to half their weight over a few months of silence.
  const ageDays = Math.max(0, (now - stats.lastSeenAt) / DAY_MS);
  const fading = 0.5 + 0.5 * Math.exp(-ageDays / 30);
  const recency = 15 * Math.exp(-ageDays / 14) + Math.min(10, 4 * Math.log2(1 + stats.recent));
  if (stats.recent > 0) factors.push(`${stats.recent} in the last 7 days`);
  else factors.push(`last seen ${Math.round(ageDays)} days ago`);

  // Spread: the same entity reported by several independent sources (15 points).
  const spread = Math.min(15, 7.5 * Math.max(0, stats.sources - 1));
  if (stats.sources > 1) factors.push(`reported by ${stats.sources} sources`);

  return { score: Math.round(Math.min(100, (severity + volume) * fading + recency + spread)), factors };
}
