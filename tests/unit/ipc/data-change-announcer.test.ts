import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DataChangeAnnouncer, type AnnouncerTimers } from '../../../src-main/ipc/data-change-announcer';
import type { DataChange, EventMap } from '../../../src-shared/events';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';

/** Timers the test fires by hand. */
function handTimers(): AnnouncerTimers & { fire(): void; pending(): number } {
  let next = 0;
  const timers = new Map<number, () => void>();
  return {
    setTimeout: (run) => {
      next += 1;
      timers.set(next, run);
      return next;
    },
    clearTimeout: (handle) => void timers.delete(handle as number),
    fire: () => {
      const due = [...timers.values()];
      timers.clear();
      for (const run of due) run();
    },
    pending: () => timers.size,
  };
}

describe('data change announcer', () => {
  it('merges a burst of writes on one topic into one event at the end of the window', () => {
    const sent: DataChange[] = [];
    const timers = handTimers();
    const announcer = new DataChangeAnnouncer((change) => sent.push(change), timers);
    for (let i = 0; i < 1000; i += 1) announcer.announce({ topic: 'alerts' });
    expect(sent).toEqual([]);
    expect(timers.pending()).toBe(1);
    timers.fire();
    expect(sent).toEqual([{ topic: 'alerts' }]);
  });

  it('keeps topics apart and gathers the investigation ids touched', () => {
    const sent: DataChange[] = [];
    const timers = handTimers();
    const announcer = new DataChangeAnnouncer((change) => sent.push(change), timers);
    announcer.announce({ topic: 'investigations', investigationIds: ['a'] });
    announcer.announce({ topic: 'approvals' });
    announcer.announce({ topic: 'investigations', investigationIds: ['b', 'a'] });
    timers.fire();
    expect(sent).toHaveLength(2);
    expect(sent).toContainEqual({ topic: 'approvals' });
    expect(sent.find((change) => change.topic === 'investigations')?.investigationIds).toEqual(['a', 'b']);
  });

  it('says "any investigation" when one write in the window did not name its case', () => {
    const sent: DataChange[] = [];
    const timers = handTimers();
    const announcer = new DataChangeAnnouncer((change) => sent.push(change), timers);
    announcer.announce({ topic: 'investigations', investigationIds: ['a'] });
    announcer.announce({ topic: 'investigations' });
    announcer.announce({ topic: 'investigations', investigationIds: ['c'] });
    timers.fire();
    expect(sent).toEqual([{ topic: 'investigations' }]);
  });

  it('starts a new window after sending, and drops what waits when disposed', () => {
    const sent: DataChange[] = [];
    const timers = handTimers();
    const announcer = new DataChangeAnnouncer((change) => sent.push(change), timers);
    announcer.announce({ topic: 'alerts' });
    timers.fire();
    announcer.announce({ topic: 'alerts' });
    timers.fire();
    expect(sent).toHaveLength(2);
    announcer.announce({ topic: 'alerts' });
    announcer.dispose();
    expect(timers.pending()).toBe(0);
    expect(sent).toHaveLength(2);
  });
});

describe('announcing committed writes', () => {
  let vault: TestVault;
  let admin: InProcessClient;
  let analyst: InProcessClient;
  const changes: EventMap['data.changed'][] = [];

  beforeAll(async () => {
    vault = makeTestVault();
    ({ admin } = await setUpVault(vault));
    await admin.invoke('demo.generate', { alerts: 300, seed: 5, days: 5, investigations: 2 });
    analyst = await addUser(vault, admin, 'ann', 'analyst');
    vault.core.events.subscribe((target, event, payload) => {
      if (event === 'data.changed' && target === 'all') changes.push(payload as EventMap['data.changed']);
    });
  });
  afterAll(() => vault.dispose());

  const settle = async () => {
    await vi.waitFor(() => expect(changes.length).toBeGreaterThan(0), { timeout: 2000, interval: 20 });
    // Anything else from the same burst would have come in the same window.
    await new Promise((resolve) => setTimeout(resolve, 300));
  };

  it('a verdict reaches every window as one alerts change, with no data in it', async () => {
    // The demo data's own announcement leaves first.
    await new Promise((resolve) => setTimeout(resolve, 300));
    changes.length = 0;
    const { rows } = await analyst.invoke('alerts.list', { status: ['new'], limit: 3 });
    for (const row of rows) await analyst.invoke('alerts.bulk', { selection: { ids: [row.id] }, action: { kind: 'acknowledge' } });
    await settle();
    expect(changes).toEqual([{ topic: 'alerts' }]);
  });

  it('a note names its investigation; reads and refused writes say nothing', async () => {
    const { rows } = await analyst.invoke('investigations.list', { limit: 1 });
    const id = rows[0]?.id ?? '';
    await analyst.invoke('investigations.get', { investigationId: id });
    await analyst.invoke('notes.add', { investigationId: id, body: '' }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 300));
    changes.length = 0;
    await analyst.invoke('notes.add', { investigationId: id, body: 'Seen the same IPs last week' });
    await settle();
    expect(changes).toEqual([{ topic: 'investigations', investigationIds: [id] }]);
  });
});

describe('rereads an announcement caused', () => {
  it('do not count as the person\'s activity: an unattended window still locks when idle', async () => {
    const vault = makeTestVault();
    try {
      const { admin } = await setUpVault(vault);
      const analyst = await addUser(vault, admin, 'ann', 'analyst');
      const session = () => vault.core.services.sessions.findByToken(analyst.caller.token);
      const before = session()?.lastActiveAt;
      vault.clock.advance(60_000);
      analyst.caller.background = true;
      await analyst.invoke('alerts.count', {});
      expect(session()?.lastActiveAt).toBe(before);
      analyst.caller.background = false;
      await analyst.invoke('alerts.count', {});
      expect(session()?.lastActiveAt).toBe(vault.clock.now());
    } finally {
      vault.dispose();
    }
  });
});
