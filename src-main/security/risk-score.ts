// A person's security risk: the sum of their incidents' weights, each its severity's weight
// (SEVERITY_RISK_WEIGHT: 1, 3, 9, 27), halved when resolved, and halved again for every half-life
// since it happened (the end of its window): score = Σ w(severity) × r(status) × 0.5^(age / half-life),
// so history judged late (a rescan) weighs by when it happened, not when it was found. Pure; documented in
// docs/SECURITY-MONITORING.md ("Risk score").
import {
  RESOLVED_RISK_SHARE, SEVERITY_RISK_WEIGHT, type SecurityIncident, type UserRiskScore,
} from '../../src-shared/security-model';
import { DAY } from './audit-fact';

/** Incidents older than this many half-lives weigh under 0.1 % of their first weight: left out. */
export const RISK_HORIZON_HALF_LIVES = 10;

const round2 = (n: number) => Math.round(n * 100) / 100;

export function riskScores(incidents: readonly SecurityIncident[], now: number, halfLifeDays: number): UserRiskScore[] {
  const byPerson = new Map<string, UserRiskScore>();
  for (const incident of incidents) {
    const id = incident.subject?.id;
    if (!incident.subject || !id) continue;
    const age = Math.max(0, now - incident.windowEnd);
    if (age > RISK_HORIZON_HALF_LIVES * halfLifeDays * DAY) continue;
    const weight = SEVERITY_RISK_WEIGHT[incident.severity]
      * (incident.status === 'resolved' ? RESOLVED_RISK_SHARE : 1)
      * 0.5 ** (age / (halfLifeDays * DAY));
    const score = byPerson.get(id) ?? { user: incident.subject, score: 0, contributions: [] };
    score.score += weight;
    score.contributions.push({
      incidentId: incident.id, rule: incident.rule, severity: incident.severity, status: incident.status, happenedAt: incident.windowEnd,
      evidenceCount: incident.evidenceCount, weight: round2(weight),
    });
    byPerson.set(id, score);
  }
  return [...byPerson.values()]
    .map((s) => ({ ...s, score: round2(s.score), contributions: s.contributions.sort((a, b) => b.weight - a.weight) }))
    .sort((a, b) => b.score - a.score || (a.user.name ?? '').localeCompare(b.user.name ?? ''));
}
