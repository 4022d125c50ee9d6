// Backoff while the server cannot be reached: delays drawn with full jitter under a cap that doubles
// each failure, a Retry-After as a floor, and back to the normal interval after a round that worked.
import { afterEach, describe, expect, it } from 'vitest';
import { SyncOfflineError, SyncTransport, type SyncApi } from '../../../../src-main/sync/transport';
import { Backoff } from '../../../../src-main/sync/backoff';
import { storedEnrolment } from '../../../../src-main/sync/enrolment';
import { SyncHarness } from './sync-harness';

const POLICY = { baseMs: 1_000, maxMs: 60_000 };

describe('Backoff', () => {
  it('draws each delay between 0 and a cap that doubles per failure up to the maximum, and starts over after reset', () => {
    const draws = [0.25, 0.5, 0.999, 0.999, 0.999, 0.999, 0.999, 0.1];
    const backoff = new Backoff(POLICY, () => draws.shift() ?? 0);
    const delays = Array.from({ length: 8 }, () => backoff.next());
    expect(delays).toEqual([250, 1_000, 3_996, 7_992, 15_984, 31_968, 59_940, 6_000]);
    backoff.reset();
    expect(backoff.ceiling()).toBe(1_000);
  });

  it('waits at least the Retry-After the server named', () => {
    const backoff = new Backoff(POLICY, () => 0.5);
    expect(backoff.next(120_000)).toBe(120_000);
    expect(backoff.next(null)).toBe(1_000);
  });
});

describe('the runner\'s retries', () => {
  let harness: SyncHarness;
  afterEach(async () => harness.close());

  it('retries an offline server with growing jittered delays within their caps, and returns to the interval after a success', async () => {
    harness = await SyncHarness.open('sqlite');
    let down = true;
    const flaky = (transport: SyncApi): SyncApi => {
      const gate = async <T>(call: () => Promise<T>): Promise<T> => {
        if (down) throw new SyncOfflineError('connect ECONNREFUSED');
        return call();
      };
      return { hello: () => gate(() => transport.hello()), push: (r) => gate(() => transport.push(r)), pull: (a, l) => gate(() => transport.pull(a, l)) };
    };
    const draws = [0.9, 0.3, 0.7, 0.95];
    const a = await harness.vault('Ana', { api: flaky, random: () => draws.shift() ?? 0.5 });
    await a.cli.invoke('investigations.create', { title: 'Written offline' });

    a.runner.start();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      a.timers.fire();
      const status = await a.runner.syncNow();
      expect(status.state).toBe('offline');
      expect(status.lastError?.code).toBe('OFFLINE');
      delays.push(a.timers.delay());
    }
    // Default policy: 5 s doubling; each delay is the draw times its cap.
    expect(delays).toEqual([4_500, 3_000, 14_000, 38_000]);
    expect(a.runner.current().pendingChanges).toBeGreaterThan(0);

    down = false;
    a.timers.fire();
    const back = await a.runner.syncNow();
    expect(back).toMatchObject({ state: 'idle', pendingChanges: 0, lastError: null });
    expect(a.runner.retryAttempts).toBe(0);
    expect(a.timers.delay()).toBe(60_000);
    a.runner.stop();
    expect(a.timers.pending.size).toBe(0);
  });

  it('waits the Retry-After of a 429 when it is longer than the jittered delay', async () => {
    harness = await SyncHarness.open('sqlite');
    // The server's own token, then a rate-limit reply to everything else.
    const limited: typeof fetch = async (input, init) => String(input).endsWith('/v1/token')
      ? fetch(input, init)
      : new Response(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'slow down' } }), { status: 429, headers: { 'retry-after': '120', 'content-type': 'application/json' } });
    const a = await harness.vault('Ana', { api: (_real, v) => {
      const transport = new SyncTransport({ serverUrl: harness.serverUrl, now: () => v.vault.clock.now(), fetch: limited });
      const enrolment = storedEnrolment(v.db());
      if (enrolment) transport.useDevice(enrolment);
      return transport;
    } });
    a.runner.start();
    a.timers.fire();
    const status = await a.runner.syncNow();
    expect(status).toMatchObject({ state: 'error', lastError: { code: 'RATE_LIMITED' } });
    expect(a.timers.delay()).toBe(120_000);
  });
});

describe('the runner\'s rounds', () => {
  let harness: SyncHarness;
  afterEach(async () => harness.close());

  it('runs one round at a time, and none while paused', async () => {
    harness = await SyncHarness.open('sqlite');
    let hellos = 0;
    const counting = (transport: SyncApi): SyncApi => ({
      hello: () => {
        hellos += 1;
        return transport.hello();
      },
      push: (r) => transport.push(r),
      pull: (a, l) => transport.pull(a, l),
    });
    const a = await harness.vault('Ana', { api: counting });
    const [first, second] = await Promise.all([a.runner.syncNow(), a.runner.syncNow()]);
    expect(hellos).toBe(1);
    expect(second).toEqual(first);

    a.runner.start();
    a.runner.pause();
    expect(a.timers.pending.size).toBe(0);
    expect((await a.runner.syncNow()).state).toBe('paused');
    expect(hellos).toBe(1);
    a.runner.resume();
    a.timers.fire();
    expect((await a.runner.syncNow()).state).toBe('idle');
    expect(hellos).toBe(2);
  });
});
