// SLA states and compliance, and the daily backlog, against hand-worked examples.
import { describe, expect, it } from 'vitest';
import { slaCompliance, slaState, type SlaTargets } from '../../../src-main/analytics/sla';
import { ageBuckets, backlogByDay } from '../../../src-main/analytics/backlog';
import { localDays } from '../../../src-main/platform/zoned-time';

const H = 3_600_000;
const D = 24 * H;
const TARGETS: SlaTargets = { critical: 4 * H, high: 24 * H, medium: 3 * D, low: 7 * D };

describe('SLA', () => {
  it('is met when resolved by the due time, breached after it or when still open past it', () => {
    expect(slaState({ createdAt: 0, severity: 'critical', resolvedAt: 4 * H }, TARGETS, 100 * D, H)).toBe('met');
    expect(slaState({ createdAt: 0, severity: 'critical', resolvedAt: 4 * H + 1 }, TARGETS, 100 * D, H)).toBe('breached');
    expect(slaState({ createdAt: 0, severity: 'critical', resolvedAt: null }, TARGETS, 4 * H + 1, H)).toBe('breached');
  });

  it('is at risk while open and due within the window, open before that', () => {
    expect(slaState({ createdAt: 0, severity: 'high', resolvedAt: null }, TARGETS, 23 * H, 2 * H)).toBe('at_risk');
    expect(slaState({ createdAt: 0, severity: 'high', resolvedAt: null }, TARGETS, 21 * H, 2 * H)).toBe('open');
  });

  it('computes compliance over items due in the range that are decided', () => {
    const items = [
      { createdAt: 0, severity: 'critical' as const, resolvedAt: H }, // due 4h: met
      { createdAt: 0, severity: 'critical' as const, resolvedAt: 5 * H }, // due 4h: breached
      { createdAt: H, severity: 'critical' as const, resolvedAt: null }, // due 5h, now 6h: breached
      { createdAt: 0, severity: 'high' as const, resolvedAt: null }, // due 24h: open, out of range anyway
      { createdAt: 3 * H, severity: 'critical' as const, resolvedAt: null }, // due 7h, now 6h: at risk
      { createdAt: -10 * D, severity: 'critical' as const, resolvedAt: null }, // due before the range
    ];
    expect(slaCompliance(items, TARGETS, { from: 0, to: 12 * H }, 6 * H, 2 * H)).toEqual({ met: 1, breached: 2, atRisk: 1, open: 0, compliance: 1 / 3 });
    expect(slaCompliance([], TARGETS, { from: 0, to: D }, 0, H).compliance).toBeNull();
  });
});

describe('backlog', () => {
  it('counts open at each day\'s end, inflow (a reopening too) and outflow, each day the one before plus in minus out', () => {
    const start = Date.UTC(2026, 0, 5);
    const days = localDays(start, start + 2 * D, 'UTC');
    const stretches = [
      { from: start + H, to: start + 2 * H }, // in and out on day 1
      { from: start + 3 * H, to: null }, // in on day 1, still open
      { from: start + D + H, to: start + 2 * D + H }, // in day 2, out day 3
      { from: start + 2 * D + 5 * H, to: null }, // the first one, reopened on day 3: work come back
    ];
    expect(backlogByDay(stretches, days)).toEqual([
      { date: '2026-01-05', openAtEnd: 1, inflow: 2, outflow: 1 },
      { date: '2026-01-06', openAtEnd: 2, inflow: 1, outflow: 0 },
      { date: '2026-01-07', openAtEnd: 2, inflow: 1, outflow: 1 },
    ]);
  });

  it('ends days at local midnight: an item resolved at 23:30 UTC in Paris leaves on the next day', () => {
    const days = localDays(Date.UTC(2026, 5, 1, 12), Date.UTC(2026, 5, 2, 12), 'Europe/Paris');
    const rows = backlogByDay([{ from: Date.UTC(2026, 5, 1, 8), to: Date.UTC(2026, 5, 1, 23, 30) }], days);
    // 23:30 UTC on 1 June is 01:30 on 2 June in Paris: still open at the end of the 1st there.
    expect(rows.map((r) => [r.date, r.openAtEnd, r.outflow])).toEqual([['2026-06-01', 1, 0], ['2026-06-02', 0, 1]]);
  });

  it('buckets open items by age', () => {
    const now = 100 * D;
    expect(ageBuckets([now - H, now - 2 * D, now - 5 * D, now - 10 * D, now - 40 * D, now - 3 * D], now).map((b) => b.count)).toEqual([1, 1, 2, 1, 1]);
  });
});
