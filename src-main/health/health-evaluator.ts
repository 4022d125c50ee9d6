// The judgement of one check's measurement, pure so it is tested on a fake clock: which level the
// value stands at (with hysteresis: a level fires at its fire value and lets go only past its clear
// value), whether a new condition has held for the pending period, whether a firing alert may tell
// people again (cooldown), and what changed, for the history. Escalation tells at once; a drop to
// ok resolves the alert by itself.
import {
  ALERT_LEVELS, levelRank, type AlertLevel, type CheckPolicy, type HealthAlert, type HealthCheckId, type HealthLevel, type HealthTransitionKind,
} from '../../src-shared/health-model';

/** What the monitor keeps per check between runs. */
export interface CheckState {
  /** The open alert (firing or acknowledged), if any. */
  alert: HealthAlert | null;
  /** A condition seen but not yet held for the pending period. */
  pending: { level: AlertLevel; since: number } | null;
}

export const EMPTY_CHECK_STATE: CheckState = { alert: null, pending: null };

export interface Measurement {
  /** null: could not be measured this time (nothing to measure yet); the state is left as it was. */
  value: number | null;
  evidence: string;
}

export interface Transition {
  kind: HealthTransitionKind;
  level: HealthLevel;
  value: number | null;
  alertId: string | null;
  actor: string | null;
  note: string;
}

export interface Evaluation {
  state: CheckState;
  transitions: Transition[];
  /** Tell people now (a new alert, an escalation, or a reminder after the cooldown). */
  notify: { level: AlertLevel; message: string } | null;
}

const DESCENDING: readonly AlertLevel[] = [...ALERT_LEVELS].reverse();

function reaches(direction: CheckPolicy['direction'], value: number, threshold: number): boolean {
  return direction === 'above' ? value >= threshold : value <= threshold;
}

/**
 * The level a value stands at, given the level the check already stands at: a level above the
 * current one is reached at its fire value; the current level and those below it are held until the
 * value crosses their clear value.
 */
export function levelFor(policy: CheckPolicy, value: number, current: HealthLevel): HealthLevel {
  for (const level of DESCENDING) {
    const threshold = policy.levels[level];
    if (!threshold) continue;
    if (reaches(policy.direction, value, threshold.fire)) return level;
    if (levelRank(level) <= levelRank(current) && reaches(policy.direction, value, threshold.clear)) return level;
  }
  return 'ok';
}

export interface EvaluateInput {
  check: HealthCheckId;
  label: string;
  policy: CheckPolicy;
  state: CheckState;
  measurement: Measurement;
  now: number;
  newId: () => string;
}

function messageOf(label: string, level: AlertLevel, evidence: string): string {
  return `${label}: ${level}. ${evidence}`;
}

export function evaluate(input: EvaluateInput): Evaluation {
  const { policy, state, measurement, now, label } = input;
  const { value, evidence } = measurement;
  if (value === null) return { state, transitions: [], notify: null };
  const transition = (kind: HealthTransitionKind, level: HealthLevel, alertId: string | null, note: string): Transition => ({
    kind, level, value, alertId, actor: null, note,
  });

  const open = state.alert;
  if (open === null) {
    // Strict while pending: the fire value must be reached at every run of the pending period.
    const target = levelFor(policy, value, 'ok');
    if (target === 'ok') {
      if (!state.pending) return { state, transitions: [], notify: null };
      return {
        state: { alert: null, pending: null },
        transitions: [transition('pending_cleared', 'ok', null, `Cleared before the pending period ended. ${evidence}`)],
        notify: null,
      };
    }
    const since = state.pending?.since ?? now;
    if (now - since < policy.pendingMs) {
      const fresh = state.pending === null;
      return {
        state: { alert: null, pending: { level: target, since } },
        transitions: fresh ? [transition('pending', target, null, `Fires if it holds for ${Math.round(policy.pendingMs / 1000)} s. ${evidence}`)] : [],
        notify: null,
      };
    }
    const message = messageOf(label, target, evidence);
    const alert: HealthAlert = {
      id: input.newId(), check: input.check, level: target, status: 'firing', firedAt: now, lastNotifiedAt: now,
      acknowledgedBy: null, acknowledgedAt: null, resolvedBy: null, resolvedAt: null, lastValue: value, message,
    };
    return { state: { alert, pending: null }, transitions: [transition('fired', target, alert.id, evidence)], notify: { level: target, message } };
  }

  const target = levelFor(policy, value, open.level);
  if (target === 'ok') {
    const resolved: HealthAlert = { ...open, status: 'resolved', resolvedAt: now, resolvedBy: null, lastValue: value };
    return { state: { alert: null, pending: null }, transitions: [transition('resolved', 'ok', resolved.id, `Back past the clear value. ${evidence}`)], notify: null };
  }
  if (levelRank(target) > levelRank(open.level)) {
    // Escalation tells at once, whatever the cooldown, and asks for a new acknowledgement.
    const message = messageOf(label, target, evidence);
    const escalated: HealthAlert = {
      ...open, level: target, status: 'firing', acknowledgedBy: null, acknowledgedAt: null, lastNotifiedAt: now, lastValue: value, message,
    };
    return { state: { alert: escalated, pending: null }, transitions: [transition('escalated', target, open.id, evidence)], notify: { level: target, message } };
  }
  if (levelRank(target) < levelRank(open.level)) {
    const lowered: HealthAlert = { ...open, level: target, lastValue: value, message: messageOf(label, target, evidence) };
    return { state: { alert: lowered, pending: null }, transitions: [transition('downgraded', target, open.id, evidence)], notify: null };
  }
  if (open.status === 'firing' && now - open.lastNotifiedAt >= policy.cooldownMs) {
    const message = messageOf(label, target, evidence);
    const reminded: HealthAlert = { ...open, lastNotifiedAt: now, lastValue: value, message };
    return { state: { alert: reminded, pending: null }, transitions: [transition('renotified', target, open.id, evidence)], notify: { level: target, message } };
  }
  return { state: { alert: { ...open, lastValue: value }, pending: null }, transitions: [], notify: null };
}

/** Someone has seen the alert: no more reminders at this level (an escalation asks again). Null when there is nothing firing. */
export function acknowledge(state: CheckState, by: string, now: number, note: string): Evaluation | null {
  const open = state.alert;
  if (!open || open.status !== 'firing') return null;
  const acknowledged: HealthAlert = { ...open, status: 'acknowledged', acknowledgedBy: by, acknowledgedAt: now };
  return {
    state: { ...state, alert: acknowledged },
    transitions: [{ kind: 'acknowledged', level: open.level, value: open.lastValue, alertId: open.id, actor: by, note }],
    notify: null,
  };
}

/**
 * Someone says the cause is dealt with. The check starts again from ok: if the condition still
 * holds, a new alert fires after the pending period. Null when no alert is open.
 */
export function resolveByHand(state: CheckState, by: string, now: number, note: string): Evaluation | null {
  const open = state.alert;
  if (!open) return null;
  const resolved: HealthAlert = { ...open, status: 'resolved', resolvedBy: by, resolvedAt: now };
  return {
    state: { alert: null, pending: null },
    transitions: [{ kind: 'resolved', level: 'ok', value: open.lastValue, alertId: resolved.id, actor: by, note }],
    notify: null,
  };
}
