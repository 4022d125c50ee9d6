import { describe, expect, it } from 'vitest';
import { riskScore } from '../../../src-main/entities/risk-score';

const NOW = Date.UTC(2026, 5, 1);
const DAY = 24 * 3600 * 1000;
const none = { low: 0, medium: 0, high: 0, critical: 0 };

describe('entity risk score', () => {
  it('is zero without alerts', () => {
    expect(riskScore({ bySeverity: none, recent: 0, sources: 0, lastSeenAt: NOW }, NOW).score).toBe(0);
  });

  it('ranks critical recent multi-source activity above old low-severity noise', () => {
    const hot = riskScore({ bySeverity: { ...none, critical: 3, high: 5 }, recent: 8, sources: 3, lastSeenAt: NOW - DAY }, NOW);
    const stale = riskScore({ bySeverity: { ...none, low: 40 }, recent: 0, sources: 1, lastSeenAt: NOW - 90 * DAY }, NOW);
    expect(hot.score).toBeGreaterThan(70);
    expect(stale.score).toBeLessThan(40);
    expect(hot.factors).toContain('3 critical alerts');
    expect(hot.factors).toContain('reported by 3 sources');
    expect(stale.factors).toContain('last seen 90 days ago');
  });

  it('grows with severity and recency, and never passes 100', () => {
    const base = { bySeverity: { ...none, medium: 2 }, recent: 0, sources: 1, lastSeenAt: NOW - 30 * DAY };
    const worse = { ...base, bySeverity: { ...none, medium: 2, critical: 1 } };
    const fresher = { ...base, lastSeenAt: NOW, recent: 2 };
    expect(riskScore(worse, NOW).score).toBeGreaterThan(riskScore(base, NOW).score);
    expect(riskScore(fresher, NOW).score).toBeGreaterThan(riskScore(base, NOW).score);
    const extreme = { bySeverity: { low: 1e6, medium: 1e6, high: 1e6, critical: 1e6 }, recent: 1e6, sources: 50, lastSeenAt: NOW };
    expect(riskScore(extreme, NOW).score).toBe(100);
  });
});
