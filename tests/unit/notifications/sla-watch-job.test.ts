// SLA notifications come from a scheduled check, not from reads: reading the bell's counts writes
// nothing, and the check tells the assignee when it runs (at its start, then every minute).
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { USER_PASSWORD, addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { insertInvestigation, vaultDb } from '../actions/workspace-fixtures';
import { SLA_WATCH_MS } from '../../../src-main/notifications/notifier';

let vault: TestVault;
let admin: InProcessClient;
let ann: InProcessClient;
let bob: InProcessClient;
let bobId = '';

/** Every notification row in the vault: a read must leave it as it was. */
const allNotifications = () => vaultDb(vault).prepare('SELECT * FROM notifications ORDER BY rowid').all();
const kindsOf = async (client: InProcessClient) => (await client.invoke('notifications.list', {})).items.map((item) => item.kind);

beforeAll(async () => {
  vault = makeTestVault();
  ({ admin } = await setUpVault(vault));
  ann = await addUser(vault, admin, 'ann', 'analyst');
  bob = await addUser(vault, admin, 'bob', 'analyst');
  bobId = (await admin.invoke('users.directory', {})).find((user) => user.username === 'bob')?.id ?? '';
});
afterEach(() => {
  vault.core.services.notifier.stop();
  vi.useRealTimers();
});
afterAll(() => vault.dispose());

describe('the SLA check', () => {
  it('reading the counts writes nothing, even with a case past its due time', async () => {
    const investigationId = insertInvestigation(vaultDb(vault));
    await ann.invoke('investigations.update', { investigationId, assigneeId: bobId, slaDueAt: vault.clock.now() - 1000 });
    const before = allNotifications();
    expect(await bob.invoke('notifications.counts', {})).toEqual({ unread: 1, awaitingApproval: 0 });
    expect(await bob.invoke('notifications.counts', {})).toEqual({ unread: 1, awaitingApproval: 0 });
    expect(allNotifications()).toEqual(before);
    expect(await kindsOf(bob)).toEqual(['assigned_investigation']);
  });

  it('runs once when it starts, then every minute, and tells the assignee', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    await bob.invoke('notifications.markRead', { all: true });
    vault.core.services.notifier.start();
    // The case of the first test, past its due time since before the start.
    expect(await kindsOf(bob)).toEqual(['sla_breached', 'assigned_investigation']);

    const { atRiskWindowMs } = await admin.invoke('sla.getPolicy', {});
    const investigationId = insertInvestigation(vaultDb(vault));
    await ann.invoke('investigations.update', { investigationId, assigneeId: bobId, slaDueAt: vault.clock.now() + atRiskWindowMs + 30_000 });
    vi.advanceTimersByTime(SLA_WATCH_MS);
    expect((await kindsOf(bob)).filter((kind) => kind.startsWith('sla_'))).toEqual(['sla_breached']);
    // A minute on, the due time is inside the at-risk window: the next run tells bob.
    vault.clock.advance(SLA_WATCH_MS);
    vi.advanceTimersByTime(SLA_WATCH_MS);
    expect((await kindsOf(bob)).filter((kind) => kind.startsWith('sla_'))).toEqual(['sla_at_risk', 'sla_breached']);
  });

  it('runs when the vault opens: a due time passed while the app was closed is told at sign-in', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const investigationId = insertInvestigation(vaultDb(vault));
    await ann.invoke('investigations.update', { investigationId, assigneeId: bobId, slaDueAt: vault.clock.now() + 1000 });
    vault.restart();
    vault.core.services.notifier.start();
    vault.clock.advance(2000);
    const again = vault.client();
    await again.invoke('auth.login', { username: 'bob', password: USER_PASSWORD });
    expect((await kindsOf(again)).filter((kind) => kind.startsWith('sla_'))).toEqual(['sla_breached', 'sla_at_risk', 'sla_breached']);
  });
});
