// The channels behind the investigation's views: an entity's neighbours for the link graph
// (bounded, masked per the caller's lens), the timeline with the alerts' own occurrence times
// (ordered, grouped past a threshold), and taking alerts back out of a case (status, audit,
// timeline, graph, and all-or-nothing).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestVault } from '../support/test-core';
import { makeTeamVault } from '../support/team-vault';
import { errorCodeOf } from '../support/errors';
import { insertAlert, insertEntity, insertInvestigation, vaultDb } from '../actions/workspace-fixtures';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { LISTED_ONE_BY_ONE, groupOccurrences, mergeTimeline } from '../../../src-main/investigations/alert-occurrences';
import { UNLINKED_ALERT_STATUS } from '../../../src-shared/investigation-views-contract';
import type { TimelineItem } from '../../../src-shared/workspace-model';

let vault: TestVault;
let admin: InProcessClient;
let analyst: InProcessClient;
let viewer: InProcessClient;

beforeAll(async () => {
  ({ vault, admin, analyst, viewer } = await makeTeamVault());
});
afterAll(() => vault.dispose());

const db = () => vaultDb(vault);
const HOUR = 3_600_000;

describe('entities.neighbours', () => {
  it('returns the entities seen in the same alerts, most shared first, at most `limit`, saying when it cut', async () => {
    const hub = insertEntity(db(), 'account', 'hub-account-77');
    const close = insertEntity(db(), 'ip', '203.0.113.9');
    const others = Array.from({ length: 30 }, (_, i) => insertEntity(db(), 'domain', `n${i}.example.org`));
    for (let i = 0; i < 3; i += 1) insertAlert(db(), { title: `close ${i}`, entityIds: [hub, close] });
    for (const other of others) insertAlert(db(), { title: 'one-off', entityIds: [hub, other] });

    const first = await admin.invoke('entities.neighbours', { entityId: hub, limit: 10 });
    expect(first.neighbours).toHaveLength(10);
    expect(first.neighbours[0]).toMatchObject({ id: close, sharedAlerts: 3 });
    expect(first.truncated).toBe(true);
    expect(first.alertsRead).toBe(33);
    expect(first.neighbours.some((n) => n.id === hub)).toBe(false);

    const all = await admin.invoke('entities.neighbours', { entityId: hub, limit: 100 });
    expect(all.neighbours).toHaveLength(31);
    expect(all.truncated).toBe(false);
  });

  it('reads only the entity\'s most recent alerts, and says so', () => {
    const busy = insertEntity(db(), 'domain', 'busy.example.net');
    for (let i = 0; i < 12; i += 1) insertAlert(db(), { title: `busy ${i}`, entityIds: [busy, insertEntity(db(), 'domain', `b${i}.example.net`)] });
    const { entityNeighbours } = vault.core.services.custody.vault.repositories;
    const lens = { seesAll: true, entity: (e: { id: string; kind: 'domain'; value: string }) => ({ ...e, masked: false }), value: (_k: string, v: string) => v, text: (t: string) => t };
    const bounded = entityNeighbours.neighboursOf(busy, 100, lens as never, 5);
    expect(bounded?.alertsRead).toBe(5);
    expect(bounded?.neighbours).toHaveLength(5);
    expect(bounded?.truncated).toBe(true);
  });

  it('masks PII values for a role without access_pii, the expanded entity included', async () => {
    const account = insertEntity(db(), 'account', 'secret-holder-4412');
    const email = insertEntity(db(), 'email', 'holder@example.com');
    insertAlert(db(), { title: 'pair', entityIds: [account, email] });
    const clear = await admin.invoke('entities.neighbours', { entityId: account });
    expect(clear.entity).toMatchObject({ value: 'secret-holder-4412', masked: false });
    expect(clear.neighbours[0]).toMatchObject({ id: email, value: 'holder@example.com', masked: false });

    const masked = await analyst.invoke('entities.neighbours', { entityId: account });
    expect(masked.entity.masked).toBe(true);
    expect(masked.entity.value).not.toContain('secret-holder');
    expect(masked.neighbours[0]?.masked).toBe(true);
    expect(JSON.stringify(masked)).not.toContain('holder@example.com');
  });

  it('answers NOT_FOUND for an unknown entity', async () => {
    expect(await errorCodeOf(admin.invoke('entities.neighbours', { entityId: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
  });
});

describe('the timeline with alert occurrences', () => {
  it('places each alert at its occurred_at, marked as an alert event, merged in time order with the case\'s activity', async () => {
    const detail = await analyst.invoke('investigations.create', { title: 'Occurrences' });
    const early = insertAlert(db(), { title: 'Early login burst', occurredAt: detail.openedAt - 2 * HOUR, investigationId: detail.id, status: 'promoted' });
    insertAlert(db(), { title: 'Late login burst', occurredAt: detail.openedAt + 5 * HOUR, investigationId: detail.id, status: 'promoted' });
    vault.clock.advance(60_000);
    await analyst.invoke('notes.add', { investigationId: detail.id, body: 'Between the two' });

    const items = await analyst.invoke('investigations.timeline', { investigationId: detail.id });
    expect(items.filter((i) => i.kind !== 'task').map((i) => [i.kind, i.kind === 'occurrence' ? i.title : ''])).toEqual([
      ['occurrence', 'Alert occurred (medium): Early login burst'],
      ['status', ''],
      ['note', ''],
      ['occurrence', 'Alert occurred (medium): Late login burst'],
    ]);
    expect(items.map((i) => i.at)).toEqual([...items.map((i) => i.at)].sort((a, b) => a - b));
    expect(items.find((i) => i.refId === early)?.occurrences).toEqual({ count: 1, span: 'alert' });
  });

  it('groups by hour past the threshold, so a case of many alerts does not list them one by one', async () => {
    const investigationId = insertInvestigation(db(), { title: 'Many' });
    const base = Date.UTC(2026, 2, 1, 10);
    // LISTED_ONE_BY_ONE + 50 alerts over 5 hours.
    for (let i = 0; i < LISTED_ONE_BY_ONE + 50; i += 1) insertAlert(db(), { title: `burst ${i}`, investigationId, status: 'promoted', occurredAt: base + (i % 5) * HOUR + i });
    const items = await admin.invoke('investigations.timeline', { investigationId, timeZone: 'Europe/Berlin' });
    const occurrences = items.filter((i) => i.kind === 'occurrence');
    expect(occurrences).toHaveLength(5);
    expect(occurrences.every((i) => i.occurrences?.span === 'hour')).toBe(true);
    expect(occurrences.reduce((sum, i) => sum + (i.occurrences?.count ?? 0), 0)).toBe(LISTED_ONE_BY_ONE + 50);
    expect(occurrences[0]?.title).toBe('50 alerts occurred in this hour');
  });

  it('refuses an unknown time zone', async () => {
    const investigationId = insertInvestigation(db());
    expect(await errorCodeOf(admin.invoke('investigations.timeline', { investigationId, timeZone: 'Mars/Olympus' }))).toBe('VALIDATION');
  });
});

describe('grouping and merging occurrences (pure)', () => {
  const hour = (h: number, count: number) => ({ hour: Date.UTC(2026, 0, 1) + h * HOUR, count, first: Date.UTC(2026, 0, 1) + h * HOUR + 60_000 });

  it('keeps hours while there are at most maxGroups of them, else counts per local day', () => {
    expect(groupOccurrences([hour(0, 3), hour(1, 4)], 'UTC', 2).map((i) => i.occurrences)).toEqual([{ count: 3, span: 'hour' }, { count: 4, span: 'hour' }]);
    // 23:00 and 00:00 UTC are the same day in New York (UTC-5) and two days in UTC.
    const hours = [hour(23, 1), hour(24, 2), hour(25, 5)];
    expect(groupOccurrences(hours, 'UTC', 2).map((i) => [i.refId, i.occurrences?.count])).toEqual([['day:2026-01-01', 1], ['day:2026-01-02', 7]]);
    expect(groupOccurrences(hours, 'America/New_York', 2).map((i) => [i.refId, i.occurrences?.count])).toEqual([['day:2026-01-01', 8]]);
  });

  it('past maxGroups days lists the latest days and one item for all before them, so the list stays bounded', () => {
    const hours = Array.from({ length: 10 }, (_, d) => hour(d * 24, d + 1));
    const items = groupOccurrences(hours, 'UTC', 3);
    expect(items).toHaveLength(4);
    expect(items[0]).toMatchObject({ refId: 'before:2026-01-08', occurrences: { count: 1 + 2 + 3 + 4 + 5 + 6 + 7, span: 'earlier' } });
    expect(items[0]?.title).toBe('28 alerts occurred before 2026-01-08 (7 days, not listed day by day)');
    expect(items.slice(1).map((i) => i.occurrences?.count)).toEqual([8, 9, 10]);
  });

  it('merges oldest first; at the same instant the case\'s activity comes first', () => {
    const item = (at: number, kind: TimelineItem['kind'], refId: string): TimelineItem => ({ at, kind, refId, title: refId, by: null });
    const merged = mergeTimeline([item(5, 'status', 's'), item(9, 'note', 'n')], [item(1, 'occurrence', 'o1'), item(5, 'occurrence', 'o5'), item(12, 'occurrence', 'o12')]);
    expect(merged.map((i) => i.refId)).toEqual(['o1', 's', 'o5', 'n', 'o12']);
  });
});

describe('investigations.unlinkAlerts', () => {
  async function caseWithAlerts() {
    const detail = await analyst.invoke('investigations.create', { title: 'Unlink target' });
    const shared = insertEntity(db(), 'domain', `shared-${randomUUID()}.example`);
    const onlyFirst = insertEntity(db(), 'domain', `only-first-${randomUUID()}.example`);
    const free = [
      insertAlert(db(), { title: 'first', entityIds: [shared, onlyFirst], status: 'new' }),
      insertAlert(db(), { title: 'second', entityIds: [shared], status: 'new' }),
      insertAlert(db(), { title: 'third', entityIds: [shared], status: 'new' }),
    ];
    await analyst.invoke('alerts.merge', { selection: { ids: free }, investigationId: detail.id });
    return { investigationId: detail.id, alerts: free, shared, onlyFirst };
  }
  const alertRow = (id: string) => db().prepare('SELECT status, investigation_id FROM alerts WHERE id = ?').get(id) as { status: string; investigation_id: string | null };

  it('takes the alert out to acknowledged, records it, shows it on the timeline and drops entities only it carried', async () => {
    const { investigationId, alerts, shared, onlyFirst } = await caseWithAlerts();
    const before = await analyst.invoke('investigations.entities', { investigationId });
    expect(before.nodes.map((n) => n.id).sort()).toEqual([shared, onlyFirst].sort());
    vault.clock.advance(60_000);

    const summary = await analyst.invoke('investigations.unlinkAlerts', { investigationId, alertIds: [alerts[0] ?? ''], reason: 'Not part of this ring' });
    expect(summary).toEqual({ removed: 1, status: UNLINKED_ALERT_STATUS });
    expect(UNLINKED_ALERT_STATUS).toBe('acknowledged');
    expect(alertRow(alerts[0] ?? '')).toEqual({ status: 'acknowledged', investigation_id: null });
    expect(alertRow(alerts[1] ?? '')).toEqual({ status: 'promoted', investigation_id: investigationId });
    expect(db().prepare('SELECT from_status, to_status, reason FROM investigation_alert_removals WHERE alert_id = ?').all(alerts[0])).toEqual([
      { from_status: 'promoted', to_status: 'acknowledged', reason: 'Not part of this ring' },
    ]);

    const after = await analyst.invoke('investigations.entities', { investigationId });
    expect(after.nodes.map((n) => n.id)).toEqual([shared]);
    expect((await analyst.invoke('investigations.get', { investigationId })).counts).toMatchObject({ alerts: 2, entities: 1 });

    const timeline = await analyst.invoke('investigations.timeline', { investigationId });
    const removal = timeline.filter((i) => i.kind === 'alert').at(-1);
    expect(removal).toMatchObject({ title: 'Alert removed: first (back to acknowledged) — Not part of this ring', by: { username: 'ann' } });
    expect(timeline.filter((i) => i.kind === 'occurrence').map((i) => i.refId).sort()).toEqual([alerts[1], alerts[2]].sort());
  });

  it('writes one audit row, with counts and never the reason\'s text', async () => {
    const { investigationId, alerts } = await caseWithAlerts();
    await analyst.invoke('investigations.unlinkAlerts', { investigationId, alertIds: [alerts[1] ?? '', alerts[2] ?? ''], reason: 'mail holder@example.com' });
    const entry = (await admin.invoke('audit.list', { limit: 1, action: 'investigations.unlinkAlerts' })).entries[0];
    expect(entry).toMatchObject({ actorName: 'ann', target: investigationId, outcome: 'success', details: { alerts: 2, removed: 2, status: 'acknowledged' } });
    expect(JSON.stringify(entry)).not.toContain('holder@example.com');
  });

  it('refuses the whole call when one alert is not in the case, removing none', async () => {
    const { investigationId, alerts } = await caseWithAlerts();
    const stranger = insertAlert(db(), { title: 'elsewhere' });
    expect(await errorCodeOf(analyst.invoke('investigations.unlinkAlerts', { investigationId, alertIds: [alerts[0] ?? '', stranger] }))).toBe('CONFLICT');
    expect(alertRow(alerts[0] ?? '')).toEqual({ status: 'promoted', investigation_id: investigationId });
  });

  it('is all or nothing: a failure part way leaves no alert moved, no removal row and no change-log entry', async () => {
    const { investigationId, alerts } = await caseWithAlerts();
    const changesBefore = (db().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    // The second alert's removal row cannot be written: the first alert has been released by then.
    db().exec(`CREATE TEMP TRIGGER fail_second BEFORE INSERT ON main.investigation_alert_removals WHEN NEW.alert_id = '${alerts[1]}'
      BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    try {
      const outcome = await analyst.invoke('investigations.unlinkAlerts', { investigationId, alertIds: [alerts[0] ?? '', alerts[1] ?? ''] }).catch((error: unknown) => error);
      expect(outcome).toBeInstanceOf(Error);
    } finally {
      db().exec('DROP TRIGGER temp.fail_second');
    }
    for (const id of alerts) expect(alertRow(id)).toEqual({ status: 'promoted', investigation_id: investigationId });
    expect(db().prepare('SELECT count(*) AS n FROM investigation_alert_removals WHERE investigation_id = ?').get(investigationId)).toEqual({ n: 0 });
    expect((db().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n).toBe(changesBefore);
    const failure = (await admin.invoke('audit.list', { limit: 1, action: 'investigations.unlinkAlerts' })).entries[0];
    expect(failure).toMatchObject({ outcome: 'failure', target: investigationId });
  });

  it('refuses a closed case and a viewer', async () => {
    const { investigationId, alerts } = await caseWithAlerts();
    expect(await errorCodeOf(viewer.invoke('investigations.unlinkAlerts', { investigationId, alertIds: [alerts[0] ?? ''] }))).toBe('FORBIDDEN');
    await analyst.invoke('investigations.setStatus', { investigationId, status: 'closed', resolution: 'duplicate' });
    expect(await errorCodeOf(analyst.invoke('investigations.unlinkAlerts', { investigationId, alertIds: [alerts[0] ?? ''] }))).toBe('CONFLICT');
    expect(alertRow(alerts[0] ?? '')).toEqual({ status: 'promoted', investigation_id: investigationId });
  });
});
