// Home's overview follows another window's changes while it is shown: the numbers are read again in
// the background and replaced in place, with no loading state for the screen to show, and a failed
// reread leaves the numbers as they were. Nobody looking: no reread (the overview is a whole-vault
// computation in a worker).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DataChange } from '../../../src-shared/events';

const server = { generation: 0, fail: false, calls: [] as { channel: string; background: boolean }[] };
const listeners = new Set<(payload: unknown) => void>();

vi.mock('../../../src-renderer/api/client', async () => {
  const { inBackgroundNow } = await import('../../../src-renderer/api/background-calls');
  return {
    api: {
      invoke: async (channel: string) => {
        server.calls.push({ channel, background: inBackgroundNow() });
        await Promise.resolve();
        if (server.fail) throw new Error('worker busy');
        return { generatedAt: server.generation, timeZone: 'UTC' };
      },
    },
    onEvent: (event: string, listener: (payload: unknown) => void) => {
      if (event !== 'data.changed') return () => undefined;
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
});

const { useOverviewStore, watchOverview } = await import('../../../src-renderer/features/home/overview-store');

const announce = (change: DataChange) => {
  for (const listener of listeners) listener(change);
};
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const shown = () => useOverviewStore.getState().overview;

beforeEach(async () => {
  server.generation = 1;
  server.fail = false;
  useOverviewStore.getState().reset();
  await useOverviewStore.getState().load();
  server.calls = [];
});

describe('Home while it is shown', () => {
  it('rereads the overview in the background on alerts, investigations and service-level changes, without a loading state', async () => {
    const stop = watchOverview();
    const statuses: string[] = [];
    const unsubscribe = useOverviewStore.subscribe((state) => statuses.push(state.overview.status));
    for (const topic of ['alerts', 'investigations', 'sla-policy'] as const) {
      server.generation += 1;
      announce({ topic });
      await settle();
      expect(shown().data?.generatedAt).toBe(server.generation);
    }
    unsubscribe();
    stop();
    expect(statuses.every((status) => status === 'ready')).toBe(true);
    expect(server.calls).toEqual(Array(3).fill({ channel: 'analytics.overview', background: true }));
  });

  it('ignores changes it does not count (the approvals queue)', async () => {
    const stop = watchOverview();
    announce({ topic: 'approvals' });
    await settle();
    stop();
    expect(server.calls).toEqual([]);
  });

  it('keeps the numbers shown, without an error, when a reread fails', async () => {
    const stop = watchOverview();
    server.fail = true;
    announce({ topic: 'alerts' });
    await settle();
    stop();
    expect(shown()).toEqual({ status: 'ready', data: { generatedAt: 1, timeZone: 'UTC' }, error: null });
  });

  it('does not reread once Home is left', async () => {
    watchOverview()();
    announce({ topic: 'alerts' });
    await settle();
    expect(server.calls).toEqual([]);
  });
});
