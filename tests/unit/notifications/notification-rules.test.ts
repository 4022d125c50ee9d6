// Who is told what: an assignment tells only the assignee, a proposal awaiting approval tells the
// approvers but not the proposer, a decision tells the proposer; due times tell the assignee once;
// each person reads and marks only their own, and their windows hear of a new one at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { insertAlert, insertEntity, insertInvestigation, vaultDb } from '../actions/workspace-fixtures';
import type { EventMap } from '../../../src-shared/events';

let vault: TestVault;
let admin: InProcessClient;
let ann: InProcessClient;
let bob: InProcessClient;
let sam: InProcessClient;
let sue: InProcessClient;
let ids: Record<'ann' | 'bob' | 'sam' | 'sue', string>;
let investigationId: string;
let account: string;

beforeAll(async () => {
  vault = makeTestVault();
  ({ admin } = await setUpVault(vault));
  ann = await addUser(vault, admin, 'ann', 'analyst');
  bob = await addUser(vault, admin, 'bob', 'analyst');
  sam = await addUser(vault, admin, 'sam', 'senior_analyst');
  sue = await addUser(vault, admin, 'sue', 'senior_analyst');
  const directory = await admin.invoke('users.directory', {});
  const idOf = (name: string) => directory.find((user) => user.username === name)?.id ?? '';
  ids = { ann: idOf('ann'), bob: idOf('bob'), sam: idOf('sam'), sue: idOf('sue') };
  const db = vaultDb(vault);
  investigationId = insertInvestigation(db);
  account = insertEntity(db, 'account', 'acct-1');
  insertAlert(db, { title: 'First', entityIds: [account] });
  insertAlert(db, { title: 'Second' });
});
afterAll(() => vault.dispose());

/** The kinds of the reader's unread notifications, newest first. */
const kindsOf = async (client: InProcessClient) => (await client.invoke('notifications.list', {})).items.filter((item) => item.readAt === null).map((item) => item.kind);
const unreadOf = async (client: InProcessClient) => (await client.invoke('notifications.counts', {})).unread;
const markAllRead = async () => {
  for (const client of [admin, ann, bob, sam, sue]) await client.invoke('notifications.markRead', { all: true });
};

describe('notification rules', () => {
  it('an alert assigned to someone tells only them, with who did it and a link to the alert', async () => {
    await markAllRead();
    const { rows } = await ann.invoke('alerts.list', { limit: 1 });
    const alertId = rows[0]?.id ?? '';
    await ann.invoke('alerts.bulk', { selection: { ids: [alertId] }, action: { kind: 'assign', assigneeId: ids.bob } });
    const { items } = await bob.invoke('notifications.list', {});
    expect(items[0]).toMatchObject({ kind: 'assigned_alerts', text: 'ann assigned you 1 alert', link: { page: 'triage', param: `alert:${alertId}` }, readAt: null });
    for (const other of [ann, sam, sue, admin]) expect(await unreadOf(other)).toBe(0);
  });

  it('taking an item yourself tells nobody', async () => {
    await markAllRead();
    const { rows } = await ann.invoke('alerts.list', { limit: 1 });
    await ann.invoke('alerts.bulk', { selection: { ids: [rows[0]?.id ?? ''] }, action: { kind: 'assign', assigneeId: ids.ann } });
    await ann.invoke('investigations.update', { investigationId, assigneeId: ids.ann });
    for (const client of [admin, ann, bob, sam, sue]) expect(await unreadOf(client)).toBe(0);
  });

  it('an investigation given to someone tells them once: saving it again with the same assignee does not', async () => {
    await markAllRead();
    await ann.invoke('investigations.update', { investigationId, assigneeId: ids.bob });
    await ann.invoke('investigations.update', { investigationId, assigneeId: ids.bob, title: 'Renamed' });
    expect(await kindsOf(bob)).toEqual(expect.arrayContaining(['assigned_investigation']));
    expect(await unreadOf(bob)).toBe(1);
    const [item] = (await bob.invoke('notifications.list', {})).items;
    expect(item?.link).toEqual({ page: 'investigation', param: investigationId });
  });

  it('a destructive proposal tells every approver except the proposer, and never an analyst', async () => {
    await markAllRead();
    const action = await sam.invoke('actions.propose', { investigationId, kind: 'suspend_account', targetEntityIds: [account], reason: 'Ring of fake accounts' });
    expect(await unreadOf(sue)).toBe(1);
    expect(await unreadOf(admin)).toBe(1);
    expect(await unreadOf(sam)).toBe(0);
    expect(await unreadOf(ann)).toBe(0);
    expect(await unreadOf(bob)).toBe(0);
    expect((await sue.invoke('notifications.list', {})).items[0]).toMatchObject({ kind: 'approval_awaiting', link: { page: 'approvals', param: null } });
    expect(await sue.invoke('notifications.counts', {})).toEqual({ unread: 1, awaitingApproval: 1 });
    expect((await ann.invoke('notifications.counts', {})).awaitingApproval).toBe(0);

    await markAllRead();
    await sue.invoke('actions.approve', { actionId: action.id });
    expect((await sam.invoke('notifications.list', {})).items[0]).toMatchObject({ kind: 'proposal_approved', text: expect.stringMatching(/^sue approved your proposal: suspend account/) });
    expect(await unreadOf(sue)).toBe(0);
    expect(await unreadOf(admin)).toBe(0);
  });

  it('a rejection tells the proposer; a non-destructive proposal waits for nobody', async () => {
    await markAllRead();
    const action = await ann.invoke('actions.propose', { investigationId, kind: 'block_ip', targetEntityIds: [account], reason: 'Same address again' });
    await sam.invoke('actions.reject', { actionId: action.id, comment: 'Not enough evidence' });
    expect(await kindsOf(ann)).toEqual(['proposal_rejected']);
    await markAllRead();
    await ann.invoke('actions.propose', { investigationId, kind: 'warn_user', targetEntityIds: [account], reason: 'A first warning' });
    for (const client of [admin, sam, sue]) expect(await unreadOf(client)).toBe(0);
  });

  it('a due time near, and one past, tell the assignee once each', async () => {
    await markAllRead();
    const { atRiskWindowMs } = await admin.invoke('sla.getPolicy', {});
    const dueAt = vault.clock.now() + atRiskWindowMs + 60_000;
    await ann.invoke('investigations.update', { investigationId, assigneeId: ids.bob, slaDueAt: dueAt });
    vault.core.services.notifier.watchSla();
    expect(await unreadOf(bob)).toBe(0);
    vault.clock.advance(120_000);
    vault.core.services.notifier.watchSla();
    vault.core.services.notifier.watchSla();
    expect(await kindsOf(bob)).toEqual(['sla_at_risk']);
    // Passed (set to a moment ago, rather than hours of a clock that would lock every session).
    await ann.invoke('investigations.update', { investigationId, slaDueAt: vault.clock.now() - 1000 });
    await bob.invoke('notifications.counts', {});
    vault.core.services.notifier.watchSla();
    expect(await kindsOf(bob)).toEqual(['sla_breached', 'sla_at_risk']);
    expect(await unreadOf(ann)).toBe(0);
  });

  it('marks only the reader\'s own as read, and tells their windows the new count', async () => {
    await markAllRead();
    const heard: { target: unknown; payload: EventMap['notifications.changed'] }[] = [];
    const stop = vault.core.events.subscribe((target, event, payload) => {
      if (event === 'notifications.changed') heard.push({ target, payload: payload as EventMap['notifications.changed'] });
    });
    const { rows } = await ann.invoke('alerts.list', { limit: 1 });
    await ann.invoke('alerts.bulk', { selection: { ids: [rows[0]?.id ?? ''] }, action: { kind: 'assign', assigneeId: ids.bob } });
    expect(heard).toHaveLength(1);
    expect(heard[0]?.payload).toEqual({ unread: 1 });
    expect(heard[0]?.target).not.toBe('all');
    const bobsId = (await bob.invoke('notifications.list', {})).items[0]?.id ?? '';
    // Another person's id changes nothing.
    await ann.invoke('notifications.markRead', { ids: [bobsId] });
    expect(await unreadOf(bob)).toBe(1);
    expect(await bob.invoke('notifications.markRead', { ids: [bobsId] })).toMatchObject({ unread: 0 });
    stop();
  });
});
