// What a retention run removes, computed once from the vault and the policy: the ids per kind, the
// items still in their grace period and the ones a legal hold keeps. The preview shows this plan's
// counts and the apply executes the same function's answer inside its transaction, so a dry run and
// the real run agree whenever nothing changed in between (tests/unit/retention).
//
// Ages: a closed investigation from its closing; a dismissed alert from its last change (its dismissal
// or anything after, so never earlier than the dismissal); an evidence file from its upload. An item
// becomes eligible `days` after that, is listed as due for `graceDays` more, and only then goes.
import type { RetentionKind, RetentionMode, RetentionPolicy } from '../../src-shared/retention-contract';
import type { SqliteDatabase } from '../store/database';

const DAY = 86_400_000;

/** An anonymised alert's title: also how a run knows it has already anonymised one. */
export const ANONYMISED_ALERT_TITLE = '[removed by retention]';

export interface KindPlan {
  mode: RetentionMode;
  /** Null: kept for ever (the kind's days are null). */
  removeBefore: number | null;
  /** Sorted. Investigations, alerts or evidence, by kind. */
  ids: string[];
  due: number;
  held: number;
}

export interface InvestigationPlan extends KindPlan {
  /** Their alerts, removed with them (purge) — sorted. */
  alertIdsRemoved: string[];
  /**
   * Their alerts anonymised instead: all of them in anonymise mode; in purge mode the few another
   * investigation's history still names (an alert removed from one and promoted into another).
   */
  alertIdsAnonymised: string[];
}

export interface RetentionPlan {
  policy: RetentionPolicy;
  at: number;
  closedInvestigations: InvestigationPlan;
  dismissedAlerts: KindPlan;
  evidence: KindPlan;
}

interface Window { eligibleBefore: number; removeBefore: number }

function windowOf(days: number | null, graceDays: number, at: number): Window | null {
  if (days === null) return null;
  return { eligibleBefore: at - days * DAY, removeBefore: at - (days + graceDays) * DAY };
}


export function planRetention(db: SqliteDatabase, policy: RetentionPolicy, at: number): RetentionPlan {
  const investigations = planInvestigations(db, policy, at);
  return {
    policy,
    at,
    closedInvestigations: investigations,
    dismissedAlerts: planDismissedAlerts(db, policy, at),
    evidence: planEvidence(db, policy, at, investigations.ids),
  };
}

function planInvestigations(db: SqliteDatabase, policy: RetentionPolicy, at: number): InvestigationPlan {
  const { mode, days } = policy.closedInvestigations;
  const window = windowOf(days, policy.graceDays, at);
  if (!window) return { mode, removeBefore: null, ids: [], due: 0, held: 0, alertIdsRemoved: [], alertIdsAnonymised: [] };
  // An anonymised investigation is done in anonymise mode; a later purge policy still removes it.
  const notDone = mode === 'anonymise' ? 'AND anonymised_at IS NULL' : '';
  const closedBefore = `status = 'closed' AND deleted_at IS NULL AND closed_at < ? ${notDone}`;
  const ids = db.prepare<[number], string>(
    `SELECT id FROM investigations WHERE ${closedBefore} AND legal_hold_at IS NULL ORDER BY id`,
  ).pluck().all(window.removeBefore);
  const due = db.prepare<[number, number], number>(
    `SELECT count(*) FROM investigations WHERE ${closedBefore} AND closed_at >= ? AND legal_hold_at IS NULL`,
  ).pluck().get(window.eligibleBefore, window.removeBefore) ?? 0;
  const held = db.prepare<[number], number>(
    `SELECT count(*) FROM investigations WHERE ${closedBefore} AND legal_hold_at IS NOT NULL`,
  ).pluck().get(window.eligibleBefore) ?? 0;
  const scope = JSON.stringify(ids);
  const linked = db.prepare<[string, string], string>(
    `SELECT id FROM alerts WHERE investigation_id IN (SELECT value FROM json_each(?)) AND title <> ? ORDER BY id`,
  ).pluck().all(scope, mode === 'anonymise' ? ANONYMISED_ALERT_TITLE : '');
  if (mode === 'anonymise') return { mode, removeBefore: window.removeBefore, ids, due, held, alertIdsRemoved: [], alertIdsAnonymised: linked };
  const namedElsewhere = new Set(db.prepare<[string], string>(
    `SELECT DISTINCT alert_id FROM investigation_alert_removals WHERE investigation_id NOT IN (SELECT value FROM json_each(?))`,
  ).pluck().all(scope));
  return {
    mode, removeBefore: window.removeBefore, ids, due, held,
    alertIdsRemoved: linked.filter((id) => !namedElsewhere.has(id)),
    alertIdsAnonymised: linked.filter((id) => namedElsewhere.has(id)),
  };
}

function planDismissedAlerts(db: SqliteDatabase, policy: RetentionPolicy, at: number): KindPlan {
  const { mode, days } = policy.dismissedAlerts;
  const window = windowOf(days, policy.graceDays, at);
  if (!window) return { mode, removeBefore: null, ids: [], due: 0, held: 0 };
  // Only alerts in no investigation: one in an investigation goes with it. An alert an investigation's
  // history names (it was removed from one) is kept while that history is: a purge would break it.
  const eligible = `status = 'dismissed' AND investigation_id IS NULL AND deleted_at IS NULL AND updated_at < ?
    AND ${mode === 'purge' ? 'id NOT IN (SELECT alert_id FROM investigation_alert_removals)' : 'title <> ?'}`;
  const extra = mode === 'purge' ? [] : [ANONYMISED_ALERT_TITLE];
  const ids = db.prepare<unknown[], string>(`SELECT id FROM alerts WHERE ${eligible} ORDER BY id`).pluck().all(window.removeBefore, ...extra);
  const due = db.prepare<unknown[], number>(`SELECT count(*) FROM alerts WHERE ${eligible} AND updated_at >= ?`).pluck()
    .get(window.eligibleBefore, ...extra, window.removeBefore) ?? 0;
  return { mode, removeBefore: window.removeBefore, ids, due, held: 0 };
}

function planEvidence(db: SqliteDatabase, policy: RetentionPolicy, at: number, investigationsGoing: readonly string[]): KindPlan {
  const { mode, days } = policy.evidence;
  const window = windowOf(days, policy.graceDays, at);
  if (!window) return { mode, removeBefore: null, ids: [], due: 0, held: 0 };
  // Evidence of an investigation this run removes or anonymises goes with it, counted there.
  const eligible = `FROM evidence e JOIN investigations i ON i.id = e.investigation_id
    WHERE i.status = 'closed' AND i.deleted_at IS NULL AND e.deleted_at IS NULL AND e.added_at < ?
      AND e.investigation_id NOT IN (SELECT value FROM json_each(?))`;
  const going = JSON.stringify(investigationsGoing);
  const ids = db.prepare<[number, string], string>(`SELECT e.id ${eligible} AND i.legal_hold_at IS NULL ORDER BY e.id`).pluck().all(window.removeBefore, going);
  const due = db.prepare<[number, string, number], number>(`SELECT count(*) ${eligible} AND i.legal_hold_at IS NULL AND e.added_at >= ?`).pluck()
    .get(window.eligibleBefore, going, window.removeBefore) ?? 0;
  const held = db.prepare<[number, string], number>(`SELECT count(*) ${eligible} AND i.legal_hold_at IS NOT NULL`).pluck().get(window.eligibleBefore, going) ?? 0;
  return { mode, removeBefore: window.removeBefore, ids, due, held };
}

/** The plan as the preview and the outcome show it: counts, never ids. */
export function countsOf(plan: RetentionPlan): Record<RetentionKind, { mode: RetentionMode; removeBefore: number | null; due: number; items: number; alerts: number; held: number }> {
  const counts = (kind: KindPlan, alerts: number) => ({ mode: kind.mode, removeBefore: kind.removeBefore, due: kind.due, items: kind.ids.length, alerts, held: kind.held });
  const inv = plan.closedInvestigations;
  return {
    closedInvestigations: counts(inv, inv.alertIdsRemoved.length + inv.alertIdsAnonymised.length),
    dismissedAlerts: counts(plan.dismissedAlerts, 0),
    evidence: counts(plan.evidence, 0),
  };
}

