import { describe, expect, it } from 'vitest';
import { SESSION_STATES, type SessionState, type SessionView } from '../../../src-shared/model';
import { screenFor, type Screen } from '../../../src-renderer/app/screen';

const ready = { phase: 'ready' } as const;

function sessionIn(state: SessionState): SessionView {
  return {
    sessionId: 's1', userId: 'u1', username: 'ada', displayName: 'Ada', role: 'admin', permissions: [], state,
    createdAt: 0, expiresAt: 3_600_000, idleLockSeconds: 900, totpEnabled: false,
  };
}

// A Record over SessionState: adding a state to the model without deciding its screen fails to compile.
const SCREEN_BY_STATE: Record<SessionState, Screen> = {
  active: { name: 'app' },
  locked: { name: 'lock' },
  totp_required: { name: 'totp' },
  password_change_required: { name: 'change-password' },
  recovery_key_unconfirmed: { name: 'setup', setupStep: 'recovery-key' },
};

describe('screenFor', () => {
  it.each(SESSION_STATES)('shows the screen a session in state %s needs', (state) => {
    expect(screenFor(ready, true, sessionIn(state))).toEqual(SCREEN_BY_STATE[state]);
  });

  it('shows the sign-in screen when the vault exists and nobody is signed in', () => {
    expect(screenFor(ready, true, null)).toEqual({ name: 'login' });
  });

  it('starts setup at the vault form when no vault exists yet', () => {
    expect(screenFor(ready, false, null)).toEqual({ name: 'setup', setupStep: 'create-vault' });
  });

  it('shows the loading screen until the first status arrives, whatever else is known', () => {
    expect(screenFor({ phase: 'loading' }, true, sessionIn('active'))).toEqual({ name: 'loading' });
    expect(screenFor({ phase: 'loading' }, false, null)).toEqual({ name: 'loading' });
  });

  it('shows the unavailable screen when the first status failed, even with a session held', () => {
    const failed = { phase: 'failed', message: 'Vigil did not answer' } as const;
    expect(screenFor(failed, true, sessionIn('active'))).toEqual({ name: 'unavailable' });
    expect(screenFor(failed, false, null)).toEqual({ name: 'unavailable' });
  });
});
