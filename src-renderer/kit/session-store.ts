// Who is at the keyboard and in what state: the app status, the current session view, and a recovery
// key just issued. Every screen choice derives from this store (see app/screen.ts).
// Key lifetime: `recoveryKey` is held in memory only until confirmed, sign-out or reload; never persisted.
import { create } from 'zustand';
import { api } from '../api/client';
import type { ChannelInput } from '../../src-shared/contract';
import { VigilError } from '../../src-shared/errors';
import type { SessionView } from '../../src-shared/model';
import { describeError, rememberLogPath } from '../format/error-message';

export type BootState = { phase: 'loading' } | { phase: 'failed'; message: string } | { phase: 'ready' };

/** Where a recovery key on screen came from: the wording around it differs, the confirm step does not. */
export type RecoveryKeyOrigin = 'setup' | 'reissue' | 'rotation';

export interface IssuedRecoveryKey {
  key: string;
  origin: RecoveryKeyOrigin;
}

export const SESSION_ENDED_NOTICE = 'Your session ended. Sign in again to continue.';

interface SessionState {
  boot: BootState;
  initialized: boolean;
  vaultName: string | null;
  version: string | null;
  /** Where main writes its log file; errors whose details are there name it. */
  logPath: string | null;
  session: SessionView | null;
  recoveryKey: IssuedRecoveryKey | null;
  /** A one-off message for the sign-in screen ("Your session ended"). */
  notice: string | null;
}

interface SessionActions {
  /** First call on start: reads app.status and leaves the loading screen. */
  load(): Promise<void>;
  /** Re-reads app.status, e.g. after a call was refused because the session changed under us. */
  refresh(): Promise<void>;
  initialize(input: ChannelInput<'setup.initialize'>): Promise<void>;
  login(input: ChannelInput<'auth.login'>): Promise<void>;
  recover(input: ChannelInput<'auth.recover'>): Promise<void>;
  verifyTotp(code: string): Promise<void>;
  changePassword(input: ChannelInput<'auth.changePassword'>): Promise<void>;
  unlock(password: string): Promise<void>;
  lock(): Promise<void>;
  logout(): Promise<void>;
  confirmRecoveryKey(recoveryKey: string): Promise<void>;
  reissueRecoveryKey(): Promise<void>;
  rotateRecoveryKey(password: string): Promise<void>;
  /** A `session.changed` push from main: the session locked, changed or ended elsewhere. */
  receiveServerView(view: SessionView | null): void;
  dismissNotice(): void;
}

export type SessionStore = SessionState & SessionActions;

export const useSessionStore = create<SessionStore>()((set, get) => {
  const endedNotice = (before: SessionView | null, after: SessionView | null) => (before && !after ? SESSION_ENDED_NOTICE : get().notice);

  return {
    boot: { phase: 'loading' },
    initialized: false,
    vaultName: null,
    version: null,
    logPath: null,
    session: null,
    recoveryKey: null,
    notice: null,

    async load() {
      set({ boot: { phase: 'loading' } });
      try {
        await get().refresh();
        set({ boot: { phase: 'ready' } });
      } catch (error) {
        set({ boot: { phase: 'failed', message: describeError(error).message } });
      }
    },

    async refresh() {
      const status = await api.invoke('app.status', {});
      rememberLogPath(status.logPath);
      const before = get().session;
      set({
        initialized: status.initialized,
        vaultName: status.vaultName,
        version: status.version,
        logPath: status.logPath,
        session: status.session,
        notice: endedNotice(before, status.session),
        recoveryKey: status.session ? get().recoveryKey : null,
      });
    },

    async initialize(input) {
      const result = await api.invoke('setup.initialize', input);
      set({
        initialized: true,
        vaultName: input.vaultName.trim(),
        session: result.session,
        recoveryKey: { key: result.recoveryKey, origin: 'setup' },
        notice: null,
      });
    },

    async login(input) {
      const session = await api.invoke('auth.login', input);
      set({ session, notice: null, recoveryKey: null });
    },

    async recover(input) {
      const session = await api.invoke('auth.recover', input);
      set({ session, notice: null, recoveryKey: null });
    },

    async verifyTotp(code) {
      set({ session: await api.invoke('auth.verifyTotp', { code }) });
    },

    async changePassword(input) {
      set({ session: await api.invoke('auth.changePassword', input) });
    },

    async unlock(password) {
      set({ session: await api.invoke('auth.unlock', { password }) });
    },

    async lock() {
      set({ session: await api.invoke('auth.lock', {}) });
    },

    async logout() {
      const hadSession = get().session !== null;
      // Leave the session first, so the server's own "ended" push is not read as an unexpected end.
      set({ session: null, recoveryKey: null, notice: null });
      if (!hadSession) return;
      try {
        await api.invoke('auth.logout', {});
      } catch (error) {
        // Already ended on the server (expired, ended by an admin): signed out either way.
        if (error instanceof VigilError && error.code === 'AUTH_REQUIRED') return;
        set({ notice: `Signed out on this screen, but Vigil reported: ${describeError(error).message}` });
      }
    },

    async confirmRecoveryKey(recoveryKey) {
      const session = await api.invoke('auth.confirmRecoveryKey', { recoveryKey });
      set({ session, recoveryKey: null });
    },

    async reissueRecoveryKey() {
      const { recoveryKey } = await api.invoke('auth.reissueRecoveryKey', {});
      set({ recoveryKey: { key: recoveryKey, origin: 'reissue' } });
    },

    async rotateRecoveryKey(password) {
      const { recoveryKey } = await api.invoke('vault.rotateRecoveryKey', { password });
      set({ recoveryKey: { key: recoveryKey, origin: 'rotation' } });
      // Rotation moves the session to recovery_key_unconfirmed; read it rather than assume it.
      await get().refresh();
    },

    receiveServerView(view) {
      const current = get().session;
      if (!current) return;
      if (view === null) {
        set({ session: null, recoveryKey: null, notice: SESSION_ENDED_NOTICE });
        return;
      }
      // A push for another session (a late event from before a sign-in) is not ours to apply.
      if (view.sessionId !== current.sessionId) return;
      // Confirmed elsewhere (another window of this session): the key need not stay in memory.
      const keyStillNeeded = view.state === 'recovery_key_unconfirmed';
      set({ session: view, recoveryKey: keyStillNeeded ? get().recoveryKey : null });
    },

    dismissNotice() {
      set({ notice: null });
    },
  };
});
