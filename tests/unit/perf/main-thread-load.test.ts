// The bench's main-thread sampler backs issue 13's goals (event-loop lag < 50 ms, a verdict during
// an import < 100 ms p95): it must see a blocked loop, count only writes that ran, and fail loudly
// when a write fails. Bounds are one-sided, so a loaded machine cannot make them fail.
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { underMainThreadLoad } from '../../perf/main-thread-load';

function blockFor(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) { /* a synchronous turn, as a long batch commit would be */ }
}

describe('main-thread load sampler', () => {
  it('reports a turn that held the loop as lag, and the write that waited for it', async () => {
    let writes = 0;
    const load = await underMainThreadLoad(async () => {
      await sleep(150);
      blockFor(300);
      await sleep(250);
      return 'done';
    }, async () => { writes += 1; return true; });
    expect(load.value).toBe('done');
    expect(load.lagMaxMs).toBeGreaterThanOrEqual(250);
    expect(load.lagMaxAtMs).toBeGreaterThanOrEqual(400);
    expect(load.writeMs.length).toBe(writes);
    // The write due during the blocked turn waited for it.
    expect(Math.max(...load.writeMs)).toBeGreaterThanOrEqual(100);
  });

  it('does not count writes that found nothing to do', async () => {
    const load = await underMainThreadLoad(() => sleep(350), () => Promise.resolve(false));
    expect(load.writeMs).toEqual([]);
  });

  it('fails when an interactive write fails', async () => {
    await expect(underMainThreadLoad(() => sleep(350), () => Promise.reject(new Error('verdict refused')))).rejects.toThrow('verdict refused');
  });
});
