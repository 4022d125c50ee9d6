// The judgement of a check's measurements over time, on a fake clock: hysteresis, pending,
// cooldown, escalation, acknowledgement and resolution.
import { describe, expect, it } from 'vitest';
import { EMPTY_CHECK_STATE, acknowledge, evaluate, levelFor, resolveByHand, type CheckState, type Evaluation } from '../../../src-main/health/health-evaluator';
import type { CheckPolicy } from '../../../src-shared/health-model';
import { DEFAULT_HEALTH_POLICY, effectivePolicy, policyProblems } from '../../../src-shared/health-policy';

const MINUTE = 60_000;
const freeDisk: CheckPolicy = {
  direction: 'below', levels: { warning: { fire: 10, clear: 12 }, error: { fire: 5, clear: 6 }, critical: { fire: 2, clear: 3 } }, pendingMs: 0, cooldownMs: 60 * MINUTE,
};
const walSize: CheckPolicy = { direction: 'above', levels: { warning: { fire: 512, clear: 256 }, error: { fire: 2048, clear: 1024 } }, pendingMs: 5 * MINUTE, cooldownMs: 60 * MINUTE };

/** Feeds values one a minute through the evaluator, as the monitor would, and keeps every outcome. */
function feed(policy: CheckPolicy, values: (number | null)[], start: CheckState = EMPTY_CHECK_STATE, stepMs = MINUTE) {
  let state = start;
  let now = 0;
  let ids = 0;
  const outcomes: Evaluation[] = [];
  for (const value of values) {
    now += stepMs;
    const outcome = evaluate({ check: 'free-disk-vault', label: 'Free disk', policy, state, measurement: { value, evidence: `value ${value}` }, now, newId: () => `alert-${++ids}` });
    outcomes.push(outcome);
    state = outcome.state;
  }
  const kinds = outcomes.flatMap((o) => o.transitions.map((t) => `${t.kind}:${t.level}`));
  const notified = outcomes.filter((o) => o.notify !== null).map((o) => o.notify?.level);
  return { state, outcomes, kinds, notified, now };
}

describe('levels with hysteresis', () => {
  it('reaches a level at its fire value and holds it until its clear value', () => {
    expect(levelFor(freeDisk, 11, 'ok')).toBe('ok');
    expect(levelFor(freeDisk, 10, 'ok')).toBe('warning');
    expect(levelFor(freeDisk, 11, 'warning')).toBe('warning');
    expect(levelFor(freeDisk, 12, 'warning')).toBe('warning');
    expect(levelFor(freeDisk, 12.1, 'warning')).toBe('ok');
    expect(levelFor(freeDisk, 5.5, 'error')).toBe('error');
    expect(levelFor(freeDisk, 5.5, 'warning')).toBe('warning');
    expect(levelFor(freeDisk, 1, 'ok')).toBe('critical');
  });

  it('fires once for a value oscillating between the fire and the clear values', () => {
    const { kinds, notified, state } = feed(freeDisk, [9.9, 11, 9.8, 11.5, 10, 11.9, 9.5, 11]);
    expect(kinds).toEqual(['fired:warning']);
    expect(notified).toEqual(['warning']);
    expect(state.alert?.level).toBe('warning');
  });

  it('resolves by itself once the value crosses the clear value', () => {
    const { kinds, state } = feed(freeDisk, [9, 11, 12.5]);
    expect(kinds).toEqual(['fired:warning', 'resolved:ok']);
    expect(state.alert).toBeNull();
    // A fresh drop fires a new alert.
    const again = feed(freeDisk, [9], state);
    expect(again.kinds).toEqual(['fired:warning']);
  });

  it('steps down a level past that level\'s clear value without telling anyone', () => {
    const { kinds, notified, state } = feed(freeDisk, [4, 5.5, 6.5]);
    expect(kinds).toEqual(['fired:error', 'downgraded:warning']);
    expect(notified).toEqual(['error']);
    expect(state.alert?.level).toBe('warning');
  });

  it('refuses thresholds whose clear value is on the wrong side of the fire value', () => {
    expect(policyProblems(DEFAULT_HEALTH_POLICY)).toEqual([]);
    const bad = effectivePolicy({ 'free-disk-vault': { levels: { warning: { fire: 10, clear: 8 } } }, memory: { levels: { error: { fire: 100, clear: 200 } } } });
    expect(policyProblems(bad)).toHaveLength(2);
    expect(bad['free-disk-vault'].levels.error).toEqual(DEFAULT_HEALTH_POLICY['free-disk-vault'].levels.error);
  });
});

describe('pending period', () => {
  it('never fires for a blip shorter than the pending period', () => {
    const { kinds, notified, state } = feed(walSize, [100, 600, 700, 800, 100, 100]);
    expect(kinds).toEqual(['pending:warning', 'pending_cleared:ok']);
    expect(notified).toEqual([]);
    expect(state).toEqual(EMPTY_CHECK_STATE);
  });

  it('fires once the condition has held for the whole pending period', () => {
    // Seen at minute 1; holds at minutes 2..6: fires at minute 6, five minutes after it was first seen.
    const { outcomes, kinds } = feed(walSize, [600, 600, 600, 600, 600, 600, 600]);
    expect(kinds).toEqual(['pending:warning', 'fired:warning']);
    expect(outcomes.findIndex((o) => o.notify !== null)).toBe(5);
  });

  it('fires at the level reached when the pending period ends', () => {
    const { kinds } = feed(walSize, [600, 900, 1500, 2100, 2500, 2600]);
    expect(kinds).toEqual(['pending:warning', 'fired:error']);
  });

  it('leaves everything as it was when nothing could be measured', () => {
    const { kinds, state } = feed(walSize, [600, null, null]);
    expect(kinds).toEqual(['pending:warning']);
    expect(state.pending).toEqual({ level: 'warning', since: MINUTE });
  });
});

describe('cooldown and escalation', () => {
  it('reminds only after the cooldown, at the same level', () => {
    // 150 runs a minute apart at 9 % free: fired at minute 1, reminded at 61 and 121.
    const { outcomes, notified } = feed(freeDisk, Array.from({ length: 150 }, () => 9));
    expect(notified).toEqual(['warning', 'warning', 'warning']);
    expect(outcomes.map((o, i) => (o.notify ? i + 1 : null)).filter((i) => i !== null)).toEqual([1, 61, 121]);
  });

  it('tells at once when the level rises, whatever the cooldown', () => {
    const { kinds, notified } = feed(freeDisk, [9, 9, 4, 4, 1]);
    expect(kinds).toEqual(['fired:warning', 'escalated:error', 'escalated:critical']);
    expect(notified).toEqual(['warning', 'error', 'critical']);
  });
});

describe('acknowledge and resolve', () => {
  it('stops reminders once acknowledged, until the alert escalates', () => {
    const fired = feed(freeDisk, [9]);
    const acked = acknowledge(fired.state, 'ada', fired.now, 'ordering a disk');
    expect(acked?.state.alert).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'ada' });
    expect(acked?.transitions[0]).toMatchObject({ kind: 'acknowledged', actor: 'ada', note: 'ordering a disk' });
    const later = feed(freeDisk, Array.from({ length: 120 }, () => 9), acked?.state);
    expect(later.notified).toEqual([]);
    const escalated = feed(freeDisk, [4], later.state);
    expect(escalated.notified).toEqual(['error']);
    expect(escalated.state.alert).toMatchObject({ status: 'firing', acknowledgedBy: null });
  });

  it('acknowledges only a firing alert', () => {
    expect(acknowledge(EMPTY_CHECK_STATE, 'ada', 0, '')).toBeNull();
    const fired = feed(freeDisk, [9]);
    const acked = acknowledge(fired.state, 'ada', 1, '');
    expect(acked && acknowledge(acked.state, 'bob', 2, '')).toBeNull();
  });

  it('resolved by hand, a condition that still holds fires a new alert after the pending period', () => {
    const fired = feed(walSize, [600, 600, 600, 600, 600, 600]);
    expect(fired.state.alert?.status).toBe('firing');
    const resolved = resolveByHand(fired.state, 'ada', fired.now, 'checkpointed by hand');
    expect(resolved?.transitions[0]).toMatchObject({ kind: 'resolved', actor: 'ada', alertId: fired.state.alert?.id });
    expect(resolved?.state).toEqual(EMPTY_CHECK_STATE);
    expect(resolveByHand(EMPTY_CHECK_STATE, 'ada', 0, '')).toBeNull();
    const after = feed(walSize, [600, 600, 600, 600, 600, 600], resolved?.state);
    expect(after.kinds).toEqual(['pending:warning', 'fired:warning']);
    expect(after.notified).toEqual(['warning']);
  });
});
