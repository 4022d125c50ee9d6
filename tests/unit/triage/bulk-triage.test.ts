import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { errorCodeOf, vigilErrorOf } from '../support/errors';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { EventMap } from '../../../src-shared/events';

let vault: TestVault;
let admin: InProcessClient;
let analyst: InProcessClient;

beforeAll(async () => {
  vault = makeTestVault();
  ({ admin } = await setUpVault(vault));
  await admin.invoke('demo.generate', { alerts: 12000, seed: 11, days: 20, investigations: 0 });
  analyst = await addUser(vault, admin, 'ann', 'analyst');
});
afterAll(() => vault.dispose());

const db = () => vault.core.services.custody.vault.db;
const alertsWhere = (where: string, ...params: unknown[]) =>
  db().prepare(`SELECT id, status, dismiss_reason, assignee_id, investigation_id FROM alerts WHERE ${where.replace(/ LIMIT \d+$/, '')} ORDER BY id ${/ LIMIT \d+$/.exec(where)?.[0] ?? ''}`).all(...params) as
    { id: string; status: string; dismiss_reason: string | null; assignee_id: string | null; investigation_id: string | null }[];
const changeLogRows = (rowIds: string[]) =>
  (db().prepare("SELECT count(*) AS n FROM change_log WHERE table_name = 'alerts' AND row_id IN (SELECT value FROM json_each(?))").get(JSON.stringify(rowIds)) as { n: number }).n;

function progressEvents(): { events: EventMap['job.progress'][]; stop: () => void } {
  const events: EventMap['job.progress'][] = [];
  const stop = vault.core.services.events.subscribe((_target, event, payload) => {
    if (event === 'job.progress') events.push(payload as EventMap['job.progress']);
  });
  return { events, stop };
}

describe('bulk triage', () => {
  it('acknowledges picked alerts once, each change with its change_log row; a rerun changes nothing', async () => {
    const picked = alertsWhere("status = 'new' LIMIT 5").map((a) => a.id);
    const logBefore = changeLogRows(picked);
    expect(await analyst.invoke('alerts.bulk', { selection: { ids: picked }, action: { kind: 'acknowledge' } })).toEqual({ affected: 5, unchanged: 0 });
    expect(alertsWhere('id IN (SELECT value FROM json_each(?))', JSON.stringify(picked)).every((a) => a.status === 'acknowledged')).toBe(true);
    expect(changeLogRows(picked) - logBefore).toBe(5);
    expect(await analyst.invoke('alerts.bulk', { selection: { ids: picked }, action: { kind: 'acknowledge' } })).toEqual({ affected: 0, unchanged: 5 });
    expect(changeLogRows(picked) - logBefore).toBe(5);
  });

  it('stamps an alert\'s first verdict time, keeps it through a reopen and later verdicts, and not for an assignment', async () => {
    const [picked, other] = alertsWhere("status = 'new' AND triaged_at IS NULL LIMIT 2").map((a) => a.id);
    const triagedAt = (id: string | undefined) => (db().prepare('SELECT triaged_at AS t FROM alerts WHERE id = ?').get(id) as { t: number | null }).t;
    await analyst.invoke('alerts.bulk', { selection: { ids: [other ?? ''] }, action: { kind: 'assign', assigneeId: null } });
    expect(triagedAt(other)).toBeNull();
    const first = vault.clock.now();
    await analyst.invoke('alerts.bulk', { selection: { ids: [picked ?? ''] }, action: { kind: 'acknowledge' } });
    expect(triagedAt(picked)).toBe(first);
    vault.clock.advance(60_000);
    await analyst.invoke('alerts.bulk', { selection: { ids: [picked ?? ''] }, action: { kind: 'reopen' } });
    await analyst.invoke('alerts.bulk', { selection: { ids: [picked ?? ''] }, action: { kind: 'dismiss', reason: 'false_positive' } });
    expect(triagedAt(picked)).toBe(first);
  });

  it('dismisses with the reason stored, and reopen brings alerts back to the queue', async () => {
    const picked = alertsWhere("status = 'new' LIMIT 3").map((a) => a.id);
    await analyst.invoke('alerts.bulk', { selection: { ids: picked }, action: { kind: 'dismiss', reason: 'false_positive', comment: 'test traffic' } });
    expect(alertsWhere('id IN (SELECT value FROM json_each(?))', JSON.stringify(picked)).map((a) => [a.status, a.dismiss_reason])).toEqual(
      picked.map(() => ['dismissed', 'false_positive: test traffic']));
    expect(await errorCodeOf(analyst.invoke('alerts.bulk', { selection: { ids: picked }, action: { kind: 'dismiss' } } as never))).toBe('VALIDATION');
    expect(await analyst.invoke('alerts.bulk', { selection: { ids: picked }, action: { kind: 'reopen' } })).toEqual({ affected: 3, unchanged: 0 });
    expect(alertsWhere('id IN (SELECT value FROM json_each(?))', JSON.stringify(picked)).map((a) => [a.status, a.dismiss_reason])).toEqual(picked.map(() => ['new', null]));
  });

  it('applies "all N matching" in batches of 2,000 with progress, and refuses when the set changed', async () => {
    // Waiting or acknowledged (the demo's history gave most alerts a verdict): a dismissal changes both.
    const filter = { status: ['new' as const, 'acknowledged' as const], severity: ['low' as const, 'medium' as const, 'high' as const] };
    const { count } = await analyst.invoke('alerts.count', filter);
    expect(count).toBeGreaterThan(2000);
    const refused = await vigilErrorOf(analyst.invoke('alerts.bulk', { selection: { filter, expectedCount: count - 7 }, action: { kind: 'dismiss', reason: 'benign' } }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toContain(`${count} now match`);
    expect((await analyst.invoke('alerts.count', filter)).count).toBe(count);

    const { events, stop } = progressEvents();
    const result = await analyst.invoke('alerts.bulk', { selection: { filter, expectedCount: count }, action: { kind: 'dismiss', reason: 'benign' } });
    stop();
    expect(result).toEqual({ affected: count, unchanged: 0 });
    expect(events).toHaveLength(Math.ceil(count / 2000));
    expect(events[events.length - 1]).toMatchObject({ done: count, total: count });
    expect((await analyst.invoke('alerts.count', filter)).count).toBe(0);
  });

  it('tolerates drift made of alerts already in the target state, so an interrupted run can be finished', async () => {
    // A source with critical alerts, which the test before left waiting.
    const filter = { source: 'auth-anomaly' };
    const { count } = await analyst.invoke('alerts.count', filter);
    const some = alertsWhere("source = 'auth-anomaly' AND status IN ('new','acknowledged') LIMIT 40").map((a) => a.id);
    await analyst.invoke('alerts.bulk', { selection: { ids: some }, action: { kind: 'dismiss', reason: 'benign' } });
    const dismissedAlready = alertsWhere("source = 'auth-anomaly' AND status = 'dismissed'").length;
    expect(dismissedAlready).toBeGreaterThanOrEqual(40);
    // The user selected "all N" when 40 fewer matched; those 40 are already dismissed, so it goes ahead.
    const result = await analyst.invoke('alerts.bulk', { selection: { filter, expectedCount: count - 40 }, action: { kind: 'dismiss', reason: 'benign' } });
    expect(result.affected + result.unchanged).toBe(count);
    expect(result.unchanged).toBeGreaterThanOrEqual(dismissedAlready);
  });

  it('assigns only to an enabled user, and unassigns', async () => {
    const directory = await analyst.invoke('users.directory', {});
    const ann = directory.find((u) => u.username === 'ann');
    const picked = alertsWhere("status = 'new' LIMIT 4").map((a) => a.id);
    expect(await analyst.invoke('alerts.bulk', { selection: { ids: picked }, action: { kind: 'assign', assigneeId: ann?.id ?? null } })).toEqual({ affected: 4, unchanged: 0 });
    expect(alertsWhere('id IN (SELECT value FROM json_each(?))', JSON.stringify(picked)).every((a) => a.assignee_id === ann?.id)).toBe(true);
    const ghost = '00000000-0000-4000-8000-000000000000';
    expect(await errorCodeOf(analyst.invoke('alerts.bulk', { selection: { ids: picked }, action: { kind: 'assign', assigneeId: ghost } }))).toBe('VALIDATION');
    expect(await analyst.invoke('alerts.bulk', { selection: { ids: picked }, action: { kind: 'assign', assigneeId: null } })).toEqual({ affected: 4, unchanged: 0 });
  });
});

describe('promote and merge', () => {
  it('promotes a filter selection into a new investigation from a template, linking every alert', async () => {
    const filter = { rule: 'card-testing' };
    const { count } = await analyst.invoke('alerts.count', filter);
    expect(count).toBeGreaterThan(0);
    const detail = await analyst.invoke('alerts.promote', {
      selection: { filter, expectedCount: count },
      investigation: { title: 'Card testing ring', templateId: 'fraud_ring' },
    });
    expect(detail).toMatchObject({ title: 'Card testing ring', status: 'open', templateId: 'fraud_ring', alertCount: count, counts: { alerts: count } });
    expect(detail.counts.tasks).toBeGreaterThan(0);
    const linked = alertsWhere('investigation_id = ?', detail.id);
    expect(linked).toHaveLength(count);
    expect(linked.every((a) => a.status === 'promoted')).toBe(true);
    const timeline = await analyst.invoke('investigations.timeline', { investigationId: detail.id });
    expect(timeline.filter((t) => t.kind === 'alert').map((t) => t.title)).toEqual([`Promoted from ${count} alert${count === 1 ? '' : 's'}`]);
    const graph = await analyst.invoke('investigations.entities', { investigationId: detail.id, maxNodes: 10 });
    expect(graph.nodes.length).toBeGreaterThan(0);
    expect(graph.nodes.length).toBeLessThanOrEqual(10);
    // Alerts listed by the new investigation's filter are exactly these.
    expect((await analyst.invoke('alerts.count', { investigationId: detail.id })).count).toBe(count);
  });

  it('refuses a promote whose selection changed or is empty, creating nothing', async () => {
    const before = (db().prepare('SELECT count(*) AS n FROM investigations').get() as { n: number }).n;
    const { count } = await analyst.invoke('alerts.count', { rule: 'phishing-url' });
    expect(await errorCodeOf(analyst.invoke('alerts.promote', { selection: { filter: { rule: 'phishing-url' }, expectedCount: count + 1 }, investigation: { title: 'x' } }))).toBe('CONFLICT');
    expect(await errorCodeOf(analyst.invoke('alerts.promote', { selection: { filter: { rule: 'no-such-rule' } }, investigation: { title: 'x' } }))).toBe('VALIDATION');
    expect((db().prepare('SELECT count(*) AS n FROM investigations').get() as { n: number }).n).toBe(before);
  });

  it('merges alerts into an open investigation and refuses a closed one', async () => {
    const target = await analyst.invoke('investigations.create', { title: 'Merge target' });
    const picked = alertsWhere("status = 'new' AND investigation_id IS NULL LIMIT 6").map((a) => a.id);
    expect(await analyst.invoke('alerts.merge', { selection: { ids: picked.slice(0, 4) }, investigationId: target.id })).toEqual({ affected: 4, unchanged: 0 });
    expect(await analyst.invoke('alerts.merge', { selection: { ids: picked }, investigationId: target.id })).toEqual({ affected: 2, unchanged: 4 });
    const timeline = await analyst.invoke('investigations.timeline', { investigationId: target.id });
    expect(timeline.filter((t) => t.kind === 'alert').map((t) => t.title)).toEqual(['4 alerts added', '2 alerts added']);
    await analyst.invoke('investigations.setStatus', { investigationId: target.id, status: 'closed', resolution: 'duplicate' });
    const more = alertsWhere("status = 'new' AND investigation_id IS NULL LIMIT 1").map((a) => a.id);
    expect(await errorCodeOf(analyst.invoke('alerts.merge', { selection: { ids: more }, investigationId: target.id }))).toBe('CONFLICT');
    expect(alertsWhere('id = ?', more[0]).map((a) => a.investigation_id)).toEqual([null]);
  });
});
