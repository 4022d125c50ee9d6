// Rules over successful sign-ins: one that follows a run of failures for the same account (a guessed
// password), and one at an hour the person almost never signs in at, learnt from their own history.
import { offsetAt, zoneFor } from '../platform/zoned-time';
import { DAY, HOUR, MINUTE, nameOf, subjectOf, type AuditFact, type AuditLookBack, type Firing, type RuleContext, type SecurityRuleCheck } from './audit-fact';

export const signinAfterFailures: SecurityRuleCheck = {
  rule: 'signin_after_failures',
  actions: ['auth.login'],
  check(row: AuditFact, look: AuditLookBack, { thresholds }: RuleContext): Firing | null {
    if (row.outcome !== 'success' || row.actorId === null) return null;
    const { failures, windowMinutes } = thresholds.signinAfterFailures;
    const failed = look.rows({
      action: 'auth.login', outcome: 'failure', actorId: row.actorId, from: row.at - windowMinutes * MINUTE, to: row.at, upToSeq: row.seq,
    });
    if (failed.length < failures) return null;
    return {
      rule: 'signin_after_failures', severity: 'high', subject: subjectOf(row),
      windowStart: failed[0]?.at ?? row.at, windowEnd: row.at, triggerSeq: row.seq, evidence: [...failed.map((r) => r.seq), row.seq],
      summary: `${nameOf(row)} signed in after ${failed.length} failed attempts within ${windowMinutes} min`, foldWithinMs: 0,
    };
  },
};

/** The hour of the day (0–23) an instant falls in, in the zone. */
export function hourIn(ms: number, timeZone: string): number {
  const zone = zoneFor(timeZone);
  const offset = zone === null || zone === 'utc' ? 0 : offsetAt(ms, zone);
  return Math.floor((((ms + offset) % DAY) + DAY) % DAY / HOUR);
}

export const unusualSigninHour: SecurityRuleCheck = {
  rule: 'unusual_signin_hour',
  actions: ['auth.login'],
  check(row: AuditFact, look: AuditLookBack, { thresholds, timeZone }: RuleContext): Firing | null {
    if (row.outcome !== 'success' || row.actorId === null) return null;
    const { learningDays, learningSignIns, maxShare, historyDays } = thresholds.unusualHour;
    // The history before this sign-in (its own row excluded): what the person usually does.
    const history = look.rows({
      action: 'auth.login', outcome: 'success', actorId: row.actorId, from: row.at - historyDays * DAY, to: row.at, upToSeq: row.seq - 1,
    });
    const first = history[0];
    // Still learning: too few sign-ins, or too short a time, to know the person's hours.
    if (!first || history.length < learningSignIns || row.at - first.at < learningDays * DAY) return null;
    const hour = hourIn(row.at, timeZone);
    const sameHour = history.filter((r) => hourIn(r.at, timeZone) === hour).length;
    const share = sameHour / history.length;
    if (share > maxShare) return null;
    return {
      rule: 'unusual_signin_hour', severity: 'medium', subject: subjectOf(row), windowStart: row.at, windowEnd: row.at,
      triggerSeq: row.seq, evidence: [row.seq],
      summary: `${nameOf(row)} signed in at ${String(hour).padStart(2, '0')}:00–${String(hour).padStart(2, '0')}:59 (${timeZone}), `
        + `an hour of ${sameHour} of their last ${history.length} sign-ins (${(share * 100).toFixed(1)} %)`,
      foldWithinMs: HOUR,
    };
  },
};
