// Two-factor enrolment for the signed-in user: begin (a pending secret to enter in an authenticator),
// enable (prove a code, receive recovery codes once), disable (with the password). Whether it is on
// comes from the session view, which main re-sends after each change.
// Key lifetime: the pending secret and the recovery codes are dropped on lock, sign-out or dismissal.
import { create } from 'zustand';
import { registerSessionStore } from '../../kit/session-scoped-stores';
import { sameSession } from '../../kit/async-slot';
import { api } from '../../api/client';
import type { TotpEnrollment } from '../../../src-shared/model';
import { useSessionStore } from '../../kit/session-store';

interface TwoFactorStore {
  enrollment: TotpEnrollment | null;
  recoveryCodes: string[] | null;
  begin(): Promise<void>;
  enable(code: string): Promise<void>;
  disable(password: string): Promise<void>;
  cancelEnrollment(): void;
  dismissRecoveryCodes(): void;
  reset(): void;
}

const initial = { enrollment: null, recoveryCodes: null };

// The session view carries totpEnabled; re-read it rather than wait for the push.
const refreshSession = () => useSessionStore.getState().refresh();

export const useTwoFactorStore = create<TwoFactorStore>()((set) => ({
  ...initial,

  async begin() {
    const current = sameSession();
    const enrollment = await api.invoke('twoFactor.begin', {});
    if (current()) set({ enrollment, recoveryCodes: null });
  },

  async enable(code) {
    const current = sameSession();
    const { recoveryCodes } = await api.invoke('twoFactor.enable', { code });
    if (current()) set({ enrollment: null, recoveryCodes });
    await refreshSession();
  },

  async disable(password) {
    await api.invoke('twoFactor.disable', { password });
    set(initial);
    await refreshSession();
  },

  cancelEnrollment() {
    set({ enrollment: null });
  },

  dismissRecoveryCodes() {
    set({ recoveryCodes: null });
  },

  reset() {
    set(initial);
  },
}));

registerSessionStore('two-factor', useTwoFactorStore);
