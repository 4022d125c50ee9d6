import { describe, expect, it } from 'vitest';
import type { UserView } from '../../../src-shared/model';
import { userStatus } from '../../../src-renderer/features/users/user-status';

// Times built from local-time parts, so the expected wording holds in any time zone.
const NOW = new Date(2025, 10, 25, 9, 0, 0).getTime();

function user(overrides: Partial<UserView> = {}): UserView {
  return {
    id: 'u1', username: 'ada', displayName: 'Ada', role: 'analyst', disabled: false, mustChangePassword: false,
    totpEnabled: false, createdAt: 0, passwordChangedAt: null, lockedUntil: null, failedAttempts: 0, ...overrides,
  };
}

describe('userStatus', () => {
  it('calls an account with nothing in the way Active', () => {
    expect(userStatus(user(), NOW)).toMatchObject({ label: 'Active', tone: 'success' });
  });

  it('says a locked-out account is locked until the time of day it opens again, with the failure count', () => {
    const status = userStatus(user({ lockedUntil: new Date(2025, 10, 25, 9, 30, 15).getTime(), failedAttempts: 7 }), NOW);
    expect(status).toEqual({ label: 'Locked out until 09:30:15', tone: 'warning', detail: '7 failed sign-in attempts.' });
  });

  it('names the date too when the lockout lasts a day or more', () => {
    const status = userStatus(user({ lockedUntil: new Date(2025, 10, 27, 14, 5, 0).getTime(), failedAttempts: 40 }), NOW);
    expect(status.label).toBe('Locked out until 2025-11-27 14:05');
  });

  it('no longer shows a lockout once its time has passed', () => {
    expect(userStatus(user({ lockedUntil: NOW, failedAttempts: 5 }), NOW).label).toBe('Active');
    expect(userStatus(user({ lockedUntil: NOW - 1, failedAttempts: 5 }), NOW).label).toBe('Active');
  });

  it('says an account with a one-time password must change it', () => {
    expect(userStatus(user({ mustChangePassword: true }), NOW)).toMatchObject({ label: 'Must change password', tone: 'info' });
  });

  it('shows the most blocking status: disabled over locked out over must change password', () => {
    const locked = { lockedUntil: NOW + 60_000, failedAttempts: 6 };
    expect(userStatus(user({ disabled: true, mustChangePassword: true, ...locked }), NOW)).toMatchObject({ label: 'Disabled', tone: 'danger' });
    expect(userStatus(user({ mustChangePassword: true, ...locked }), NOW).tone).toBe('warning');
  });
});
