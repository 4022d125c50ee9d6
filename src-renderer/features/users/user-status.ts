// One status per account, the most blocking first: disabled beats locked out beats "must change
// password". Pure, so the table and its tests agree on what a row says.
import type { UserView } from '../../../src-shared/model';
import { roleRank, ROLES, type Role } from '../../../src-shared/permissions';
import type { BadgeTone } from '../../components/Badge';
import { formatDateTime, formatTimeOfDay } from '../../format/time';

export interface UserStatus {
  label: string;
  tone: BadgeTone;
  /** Longer explanation for the tooltip. */
  detail: string;
}

const DAY_MS = 86_400_000;

export function userStatus(user: UserView, now: number): UserStatus {
  if (user.disabled) return { label: 'Disabled', tone: 'danger', detail: 'Cannot sign in; enabling issues a new one-time password.' };
  if (user.lockedUntil !== null && user.lockedUntil > now) {
    const until = user.lockedUntil - now < DAY_MS ? formatTimeOfDay(user.lockedUntil) : formatDateTime(user.lockedUntil);
    return { label: `Locked out until ${until}`, tone: 'warning', detail: `${user.failedAttempts} failed sign-in attempts.` };
  }
  if (user.mustChangePassword) return { label: 'Must change password', tone: 'info', detail: 'Has a one-time password and must choose a new one at sign-in.' };
  return { label: 'Active', tone: 'success', detail: 'Can sign in.' };
}

/** Roles an administrator may grant: their own and those below (main enforces the same rule). */
export function grantableRoles(ownRole: Role): Role[] {
  return ROLES.filter((role) => roleRank(role) <= roleRank(ownRole));
}

/** Whether the signed-in administrator may change this account at all: not their own, not above them. */
export function mayManage(me: { userId: string; role: Role }, user: UserView): boolean {
  return user.id !== me.userId && roleRank(user.role) <= roleRank(me.role);
}
