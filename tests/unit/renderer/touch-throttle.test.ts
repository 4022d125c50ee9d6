import { describe, expect, it } from 'vitest';
import { createTouchThrottle } from '../../../src-renderer/app/touch-throttle';

function fakeClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('createTouchThrottle', () => {
  it('reports the first activity at once', () => {
    const clock = fakeClock();
    expect(createTouchThrottle(20_000, clock.now)()).toBe(true);
  });

  it('reports at most once per interval however busy the person is', () => {
    const clock = fakeClock();
    const due = createTouchThrottle(20_000, clock.now);
    expect(due()).toBe(true);
    for (let i = 0; i < 19; i += 1) {
      clock.advance(1_000);
      expect(due()).toBe(false);
    }
    clock.advance(999);
    expect(due()).toBe(false);
    clock.advance(1);
    expect(due()).toBe(true);
  });

  it('keeps reporting through continuous activity: it throttles, it does not wait for a pause', () => {
    const clock = fakeClock();
    const due = createTouchThrottle(20_000, clock.now);
    let reports = 0;
    // One event a second for a minute and a bit: reports at 0, 20, 40 and 60 s.
    for (let second = 0; second <= 65; second += 1) {
      if (due()) reports += 1;
      clock.advance(1_000);
    }
    expect(reports).toBe(4);
  });

  it('reports the next activity after a quiet spell longer than the interval', () => {
    const clock = fakeClock();
    const due = createTouchThrottle(20_000, clock.now);
    due();
    clock.advance(5 * 60_000);
    expect(due()).toBe(true);
    expect(due()).toBe(false);
  });

  it('keeps separate throttles apart', () => {
    const clock = fakeClock();
    const first = createTouchThrottle(20_000, clock.now);
    const second = createTouchThrottle(20_000, clock.now);
    expect(first()).toBe(true);
    expect(second()).toBe(true);
  });
});
