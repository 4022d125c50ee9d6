import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { errorCodeOf, vigilErrorOf } from '../support/errors';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { insertAlert, insertEntity, insertInvestigation, vaultDb } from './workspace-fixtures';

let vault: TestVault;
let analyst: InProcessClient;
let seniorA: InProcessClient;
let seniorB: InProcessClient;
let investigationId: string;
let account: string;
let ip: string;
let content: string;

beforeAll(async () => {
  vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  analyst = await addUser(vault, admin, 'ann', 'analyst');
  seniorA = await addUser(vault, admin, 'sam', 'senior_analyst');
  seniorB = await addUser(vault, admin, 'sue', 'senior_analyst');
  const db = vaultDb(vault);
  investigationId = insertInvestigation(db);
  account = insertEntity(db, 'account', 'acct-99120044');
  ip = insertEntity(db, 'ip', '203.0.113.77');
  content = insertEntity(db, 'content', 'post-5512');
  insertAlert(db, { title: 'Spam burst', entityIds: [account, ip] });
  insertAlert(db, { title: 'Spam again', entityIds: [account] });
  insertAlert(db, { title: 'Same IP', entityIds: [ip, content] });
  insertAlert(db, { title: 'Unrelated' });
});
afterAll(() => vault.dispose());

const propose = (client: InProcessClient, kind: 'suspend_account' | 'warn_user' | 'block_ip', targets: string[]) =>
  client.invoke('actions.propose', { investigationId, kind, targetEntityIds: targets, reason: 'Repeated spam from this account' });

describe('four eyes on destructive actions', () => {
  it('refuses self-approval, refuses an analyst at the router, and accepts a second senior', async () => {
    const action = await propose(seniorA, 'suspend_account', [account]);
    expect(action).toMatchObject({ status: 'proposed', destructive: true, proposedBy: { username: 'sam' } });

    const self = await vigilErrorOf(seniorA.invoke('actions.approve', { actionId: action.id }));
    expect(self.code).toBe('FORBIDDEN');
    expect(self.message).toMatch(/different person/);
    expect(await errorCodeOf(analyst.invoke('actions.approve', { actionId: action.id }))).toBe('FORBIDDEN');
    expect((await seniorA.invoke('actions.list', { investigationId })).find((a) => a.id === action.id)?.status).toBe('proposed');

    const approved = await seniorB.invoke('actions.approve', { actionId: action.id, comment: 'Checked the alerts' });
    expect(approved).toMatchObject({ status: 'approved', decidedBy: { username: 'sue' }, decisionComment: 'Checked the alerts' });
  });

  it('will not execute a destructive action that nobody approved', async () => {
    const action = await propose(analyst, 'block_ip', [ip]);
    const refused = await vigilErrorOf(analyst.invoke('actions.execute', { actionId: action.id }));
    expect(refused.code).toBe('CONFLICT');
    expect(refused.message).toMatch(/needs approval/);
  });

  it('refuses the bypass below the service too: the table will not hold a self-approved destructive action', async () => {
    const action = await propose(seniorA, 'suspend_account', [account]);
    const db = vaultDb(vault);
    expect(() => db.prepare(`UPDATE actions SET status = 'approved', decided_by = proposed_by WHERE id = ?`).run(action.id)).toThrow(/CHECK constraint/);
  });

  it('lists as "awaiting my approval" only destructive proposals by someone else', async () => {
    const mine = await propose(seniorB, 'suspend_account', [account]);
    const theirs = await propose(seniorA, 'block_ip', [ip]);
    const gentle = await propose(seniorA, 'warn_user', [account]);
    const awaiting = (await seniorB.invoke('actions.list', { awaitingApproval: true })).map((a) => a.id);
    expect(awaiting).toContain(theirs.id);
    expect(awaiting).not.toContain(mine.id);
    expect(awaiting).not.toContain(gentle.id);
  });
});

describe('the action lifecycle', () => {
  it('executes, then reverts with a reason, recording each step in the change log', async () => {
    const action = await propose(analyst, 'suspend_account', [account, ip]);
    await seniorB.invoke('actions.approve', { actionId: action.id });
    const executed = await analyst.invoke('actions.execute', { actionId: action.id });
    expect(executed).toMatchObject({ status: 'executed', executedBy: { username: 'ann' } });
    expect(await errorCodeOf(analyst.invoke('actions.execute', { actionId: action.id }))).toBe('CONFLICT');
    expect(await errorCodeOf(analyst.invoke('actions.revert', { actionId: action.id, reason: 'no' }))).toBe('VALIDATION');
    const reverted = await analyst.invoke('actions.revert', { actionId: action.id, reason: 'Appeal upheld' });
    expect(reverted).toMatchObject({ status: 'reverted', revertReason: 'Appeal upheld', revertedBy: { username: 'ann' } });
    expect(await errorCodeOf(analyst.invoke('actions.revert', { actionId: action.id, reason: 'Again please' }))).toBe('CONFLICT');

    const log = vaultDb(vault).prepare(`SELECT fields FROM change_log WHERE table_name = 'actions' AND row_id = ? ORDER BY seq`).all(action.id) as { fields: string }[];
    expect(log.map((l) => (JSON.parse(l.fields) as string[]).includes('status'))).toEqual([true, true, true, true]);
    expect(log.map((l) => (JSON.parse(l.fields) as string[]).find((f) => f.endsWith('_by')))).toEqual(['proposed_by', 'decided_by', 'executed_by', 'reverted_by']);
  });

  it('runs a warning straight from proposed, without a second person', async () => {
    const action = await propose(analyst, 'warn_user', [account]);
    expect(action.destructive).toBe(false);
    expect(await analyst.invoke('actions.execute', { actionId: action.id })).toMatchObject({ status: 'executed' });
  });

  it('a rejected action stays rejected', async () => {
    const action = await propose(analyst, 'block_ip', [ip]);
    const rejected = await seniorA.invoke('actions.reject', { actionId: action.id, comment: 'Shared NAT address' });
    expect(rejected).toMatchObject({ status: 'rejected', decisionComment: 'Shared NAT address' });
    expect(await errorCodeOf(seniorB.invoke('actions.approve', { actionId: action.id }))).toBe('CONFLICT');
    expect(await errorCodeOf(analyst.invoke('actions.execute', { actionId: action.id }))).toBe('CONFLICT');
  });

  it('refuses targets that do not exist and proposals on a closed investigation', async () => {
    const missing = '0190f0a0-0000-7000-8000-000000000000';
    expect(await errorCodeOf(analyst.invoke('actions.propose', { investigationId, kind: 'warn_user', targetEntityIds: [missing], reason: 'Because' }))).toBe('NOT_FOUND');
    const closed = insertInvestigation(vaultDb(vault), { status: 'closed' });
    const error = await vigilErrorOf(analyst.invoke('actions.propose', { investigationId: closed, kind: 'warn_user', targetEntityIds: [account], reason: 'Because' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/closed/);
  });
});

describe('the dry run', () => {
  it('lists accounts, content and IPs the action touches and counts the alerts that mention them, masked for an analyst', async () => {
    const action = await propose(analyst, 'suspend_account', [account, ip, content]);
    const asAnalyst = await analyst.invoke('actions.dryRun', { actionId: action.id });
    expect(asAnalyst.alertCount).toBe(3);
    expect(asAnalyst.accounts).toEqual([{ id: account, kind: 'account', value: '****0044', masked: true }]);
    expect(asAnalyst.ips).toEqual([{ id: ip, kind: 'ip', value: '203.0.113.x', masked: true }]);
    expect(asAnalyst.content.map((c) => c.value)).toEqual(['post-5512']);
    expect(asAnalyst.summary).toBe('Suspends 1 account, 1 content item, 1 IP address, mentioned in 3 alerts');
    expect(JSON.stringify(asAnalyst)).not.toContain('acct-99120044');
    const asSenior = await seniorA.invoke('actions.dryRun', { actionId: action.id });
    expect(asSenior.accounts[0]?.value).toBe('acct-99120044');

    const onlyAccount = await propose(analyst, 'warn_user', [account]);
    expect((await analyst.invoke('actions.dryRun', { actionId: onlyAccount.id })).alertCount).toBe(2);
  });

  it('masks targets in action lists for an analyst', async () => {
    const listed = await analyst.invoke('actions.list', { investigationId });
    expect(JSON.stringify(listed)).not.toContain('acct-99120044');
    expect(JSON.stringify(listed)).not.toContain('203.0.113.77');
  });
});
