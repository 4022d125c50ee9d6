// The detail panel asks main whether its alert still matches the queue's filter (alerts.matchesFilter)
// rather than judging it itself: the answer comes from the list's own conditions, so an alert the list
// holds is one the panel says matches, and one it left is named by the part of the filter it fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { allAlertPages } from '../support/alert-pages';
import { errorCodeOf } from '../support/errors';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { AlertRow } from '../../../src-shared/model';
import type { ChannelInput } from '../../../src-shared/contract';

type Filter = ChannelInput<'alerts.count'>;

let vault: TestVault;
let admin: InProcessClient;
let ann: InProcessClient;
let annId = '';
let bobId = '';
let sample: AlertRow[] = [];

const matchOf = (client: InProcessClient, alert: { id: string }, filter: Filter) => client.invoke('alerts.matchesFilter', { alertId: alert.id, filter });

beforeAll(async () => {
  vault = makeTestVault();
  ({ admin } = await setUpVault(vault));
  await admin.invoke('demo.generate', { alerts: 300, seed: 5, days: 4, investigations: 4 });
  ann = await addUser(vault, admin, 'ann', 'analyst');
  await addUser(vault, admin, 'bob', 'analyst');
  const directory = await admin.invoke('users.directory', {});
  annId = directory.find((u) => u.username === 'ann')?.id ?? '';
  bobId = directory.find((u) => u.username === 'bob')?.id ?? '';
  const all = await allAlertPages(admin);
  // Every seventh alert, and one of those the demo put in an investigation.
  sample = all.filter((r, i) => i % 7 === 0 || r.id === all.find((a) => a.investigationId !== null)?.id);
  await admin.invoke('alerts.bulk', { selection: { ids: all.slice(0, 30).map((r) => r.id) }, action: { kind: 'assign', assigneeId: annId } });
  await admin.invoke('alerts.bulk', { selection: { ids: all.slice(30, 45).map((r) => r.id) }, action: { kind: 'assign', assigneeId: bobId } });
  await admin.invoke('alerts.bulk', { selection: { ids: all.slice(0, 80).filter((_, i) => i % 3 === 0).map((r) => r.id) }, action: { kind: 'acknowledge' } });
});
afterAll(() => vault.dispose());

describe('alerts.matchesFilter', () => {
  it('says an alert matches exactly when the queue lists it, for every part of the filter', async () => {
    const first = sample[0]!;
    const withInvestigation = sample.find((r) => r.investigationId !== null);
    const entity = (await ann.invoke('alerts.get', { alertId: first.id })).entities[0];
    const filters: Filter[] = [
      {}, { status: ['new'] }, { status: ['acknowledged', 'dismissed'] }, { severity: ['high', 'critical'] },
      { assignee: 'me' }, { assignee: 'none' }, { assignee: bobId }, { source: first.source }, { sourcePrefix: first.source.slice(0, 2) },
      ...(first.rule ? [{ rule: first.rule }, { rulePrefix: first.rule.slice(0, 3) }] : []),
      { from: first.occurredAt - 3_600_000, to: first.occurredAt + 1 }, { text: first.title.split(' ')[0] ?? 'x' },
      ...(withInvestigation?.investigationId ? [{ investigationId: withInvestigation.investigationId }] : []),
      ...(entity ? [{ entityId: entity.id }] : []),
      { status: ['new'], severity: ['low', 'medium'], assignee: 'me' },
    ];
    expect(withInvestigation).toBeDefined();
    expect(entity).toBeDefined();
    for (const filter of filters) {
      const listed = new Set((await allAlertPages(ann, filter)).map((r) => r.id));
      for (const alert of sample) {
        const match = await matchOf(ann, alert, filter);
        expect({ filter, alert: alert.id, matches: match.matches }).toEqual({ filter, alert: alert.id, matches: listed.has(alert.id) });
      }
    }
  });

  it('names the first part of the filter the alert fails, in the panel’s order', async () => {
    const [alert] = (await ann.invoke('alerts.list', { status: ['new'], assignee: 'none', limit: 1 })).rows;
    if (!alert) throw new Error('the demo has a new, unassigned alert');
    const other = alert.severity === 'low' ? 'high' : 'low';
    expect(await matchOf(ann, alert, { status: ['new'], assignee: 'none' })).toEqual({ matches: true });
    expect(await matchOf(ann, alert, { status: ['acknowledged'], severity: [other] })).toEqual({ matches: false, failing: 'status' });
    expect(await matchOf(ann, alert, { status: ['new'], severity: [other] })).toEqual({ matches: false, failing: 'severity' });
    expect(await matchOf(ann, alert, { assignee: 'me' })).toEqual({ matches: false, failing: 'assignee' });
    expect(await matchOf(ann, alert, { sourcePrefix: `${alert.source}~` })).toEqual({ matches: false, failing: 'source' });
    expect(await matchOf(ann, alert, { rulePrefix: `${alert.rule ?? ''}~` })).toEqual({ matches: false, failing: 'rule' });
    expect(await matchOf(ann, alert, { to: alert.occurredAt })).toEqual({ matches: false, failing: 'time' });
    expect(await matchOf(ann, alert, { text: 'zzqxnotaword' })).toEqual({ matches: false, failing: 'text' });

    // A verdict elsewhere: the same alert, the same filter, now failing on its status.
    await admin.invoke('alerts.bulk', { selection: { ids: [alert.id] }, action: { kind: 'acknowledge' } });
    expect(await matchOf(ann, alert, { status: ['new'], assignee: 'none' })).toEqual({ matches: false, failing: 'status' });
    await admin.invoke('alerts.bulk', { selection: { ids: [alert.id] }, action: { kind: 'assign', assigneeId: annId } });
    expect(await matchOf(ann, alert, { status: ['acknowledged'], assignee: 'none' })).toEqual({ matches: false, failing: 'assignee' });
    // 'me' is the caller, resolved in main: ann's alert is not bob-the-admin's.
    expect(await matchOf(ann, alert, { assignee: 'me' })).toEqual({ matches: true });
    expect(await matchOf(admin, alert, { assignee: 'me' })).toEqual({ matches: false, failing: 'assignee' });
  });

  it('refuses an alert that does not exist', async () => {
    expect(await errorCodeOf(ann.invoke('alerts.matchesFilter', { alertId: '00000000-0000-4000-8000-000000000000', filter: {} }))).toBe('NOT_FOUND');
  });
});
