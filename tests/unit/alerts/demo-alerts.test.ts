import { describe, expect, it } from 'vitest';
import { generateDemoAlerts } from '../../../src-main/demo/demo-alerts';
import { normalizeEntity } from '../../../src-main/entities/normalize';

const FROM = Date.UTC(2026, 0, 5);
const TO = Date.UTC(2026, 2, 2);

describe('demo alerts', () => {
  const alerts = [...generateDemoAlerts({ count: 20_000, from: FROM, to: TO, seed: 3 })];

  it('is the same for the same seed', () => {
    expect([...generateDemoAlerts({ count: 20_000, from: FROM, to: TO, seed: 3 })]).toEqual(alerts);
    expect([...generateDemoAlerts({ count: 20_000, from: FROM, to: TO, seed: 4 })]).not.toEqual(alerts);
  });

  it('makes the same alerts (source, external id, rule, actors) whatever the period, so a rerun recognises them', () => {
    const identity = (list: typeof alerts) => list.map((a) => [a.source, a.externalId, a.rule, a.severity, a.primaryEntity?.value].join('|'));
    const shifted = [...generateDemoAlerts({ count: 20_000, from: FROM + 17_000, to: TO + 17_000, seed: 3 })];
    const nextWeek = [...generateDemoAlerts({ count: 20_000, from: FROM + 8 * 86_400_000, to: TO + 8 * 86_400_000, seed: 3 })];
    expect(identity(shifted)).toEqual(identity(alerts));
    expect(identity(nextWeek)).toEqual(identity(alerts));
  });

  it('falls in the period, with more on weekdays than at weekends', () => {
    expect(alerts.every((a) => a.occurredAt >= FROM && a.occurredAt < TO + 2 * 3_600_000)).toBe(true);
    const perDay = (days: number[]) => alerts.filter((a) => days.includes(new Date(a.occurredAt).getUTCDay())).length / days.length;
    expect(perDay([1, 2, 3, 4])).toBeGreaterThan(1.4 * perDay([0, 6]));
  });

  it('carries only normalised entities, and has rings that share devices across accounts', () => {
    for (const alert of alerts.slice(0, 2000)) {
      for (const entity of alert.entities) expect(normalizeEntity(entity.kind, entity.value)).toBe(entity.value);
    }
    const accountsByDevice = new Map<string, Set<string>>();
    for (const alert of alerts) {
      const device = alert.entities.find((e) => e.kind === 'device')?.value ?? '';
      const set = accountsByDevice.get(device) ?? new Set<string>();
      set.add(alert.primaryEntity?.value ?? '');
      accountsByDevice.set(device, set);
    }
    expect([...accountsByDevice.values()].filter((s) => s.size >= 3).length).toBeGreaterThan(5);
  });

  it('spans several sources and every severity', () => {
    expect(new Set(alerts.map((a) => a.source)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(alerts.map((a) => a.severity))).toEqual(new Set(['low', 'medium', 'high', 'critical']));
  });
});
