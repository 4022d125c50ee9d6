// Controls on accounts: administrators use two factors, no one-time password lingers, the idle lock
// is short enough, and accounts nobody uses are disabled. Disabled and deleted accounts are out of
// scope for all of them (they cannot sign in).
import { roleHas } from '../../../src-shared/permissions';
import type { UserRecord } from '../../auth/users-repository';
import { DAY, when, type ComplianceContext, type Control } from '../control';

function activeUsers(context: ComplianceContext): UserRecord[] {
  return context.repos.users.list().filter((user) => user.disabledAt === null);
}

export const adminTwoFactorControl: Control = {
  id: 'admin_two_factor',
  title: 'Every administrator signs in with two factors',
  remedy: 'Each administrator listed turns on two-factor sign-in under Account → Two-factor sign-in.',
  frameworks: ['SOC 2 CC6.1', 'ISO 27001 A.8.5', 'GDPR Art. 32(1)(b)'],
  evaluate(context) {
    const admins = activeUsers(context).filter((user) => roleHas(user.role, 'admin_access'));
    const without = admins.filter((user) => user.totpEnabledAt === null).map((user) => user.username);
    const evidence = { administrators: admins.length, withoutTwoFactor: without };
    if (admins.length === 0) return { status: 'not_applicable', reason: 'There is no enabled administrator.', evidence };
    return without.length === 0
      ? { status: 'pass', reason: `All ${admins.length} administrators use two-factor sign-in.`, evidence }
      : { status: 'fail', reason: `${without.length} of ${admins.length} administrators sign in with a password alone.`, evidence };
  },
};

/** When each account's current one-time password was issued: its creation, reset or re-enabling, from the audit log. */
function oneTimePasswordIssuedAt(context: ComplianceContext, user: UserRecord): number {
  const issued = context.repos.db.prepare<[string, string], number>(
    `SELECT max(at) FROM audit_log WHERE outcome = 'success' AND (
       (action = 'users.create' AND target = ?) OR (action IN ('users.resetPassword', 'users.enable') AND target = ?))`,
  ).pluck().get(user.username, user.id);
  return issued ?? user.createdAt;
}

export const oneTimePasswordControl: Control = {
  id: 'one_time_passwords_changed',
  title: 'No one-time password left unchanged',
  remedy: 'Ask each person listed to sign in and set their own password, or disable the account if it is not needed.',
  frameworks: ['SOC 2 CC6.2', 'ISO 27001 A.5.17', 'GDPR Art. 32(1)(b)'],
  evaluate(context) {
    const limit = context.now - context.policy.oneTimePasswordDays * DAY;
    const pending = activeUsers(context).filter((user) => user.mustChangePassword).map((user) => ({ user, issuedAt: oneTimePasswordIssuedAt(context, user) }));
    const stale = pending.filter((p) => p.issuedAt < limit).map((p) => p.user.username);
    const evidence = { awaitingFirstSignIn: pending.length, olderThanDays: context.policy.oneTimePasswordDays, stale };
    return stale.length === 0
      ? { status: 'pass', reason: pending.length === 0 ? 'Every account has a password its owner set.' : `${pending.length} one-time passwords are recent.`, evidence }
      : { status: 'fail', reason: `${stale.length} one-time passwords are unchanged after ${context.policy.oneTimePasswordDays} days.`, evidence };
  },
};

export const idleLockControl: Control = {
  id: 'idle_lock',
  title: 'Idle lock within policy',
  remedy: 'Lower the idle lock in Settings → Security to the policy\'s minutes or fewer.',
  frameworks: ['SOC 2 CC6.1', 'ISO 27001 A.8.1', 'GDPR Art. 32(1)(b)'],
  evaluate({ repos, policy }) {
    const seconds = repos.settings.systemSettings().idleLockSeconds;
    const evidence = { idleLockMinutes: Math.round((seconds / 60) * 10) / 10, maxMinutes: policy.maxIdleLockMinutes };
    return seconds <= policy.maxIdleLockMinutes * 60
      ? { status: 'pass', reason: 'The idle lock is within policy.', evidence }
      : { status: 'fail', reason: `The idle lock is longer than ${policy.maxIdleLockMinutes} minutes.`, evidence };
  },
};

export const dormantAccountsControl: Control = {
  id: 'dormant_accounts_disabled',
  title: 'Dormant accounts disabled',
  remedy: 'Disable each account listed in Settings → Users (it can be enabled again with a new one-time password).',
  frameworks: ['SOC 2 CC6.2', 'ISO 27001 A.5.18', 'GDPR Art. 32(1)(b)'],
  evaluate(context) {
    const { repos, now, policy } = context;
    // Sessions are every sign-in on this device (password, token, recovery); an account never signed in counts from its creation.
    const lastSignIn = new Map(repos.db.prepare<[], { user_id: string; at: number }>('SELECT user_id, max(created_at) AS at FROM sessions GROUP BY user_id').all()
      .map((row) => [row.user_id, row.at]));
    const limit = now - policy.dormantDays * DAY;
    const users = activeUsers(context);
    const dormant = users.filter((user) => (lastSignIn.get(user.id) ?? user.createdAt) < limit);
    const evidence = {
      enabledAccounts: users.length, noSignInForDays: policy.dormantDays, dormant: dormant.map((user) => user.username),
      oldestLastSignIn: when(dormant.map((user) => lastSignIn.get(user.id) ?? user.createdAt).sort((a, b) => a - b)[0]),
    };
    return dormant.length === 0
      ? { status: 'pass', reason: `Every enabled account signed in within ${policy.dormantDays} days.`, evidence }
      : { status: 'fail', reason: `${dormant.length} enabled accounts have not signed in for ${policy.dormantDays} days.`, evidence };
  },
};
