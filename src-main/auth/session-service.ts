// Session lifecycle over the registry: create, find, touch, lock, end and sweep, with the side
// effects each needs: persisted history, audit rows, events to the session's window, and closing
// the vault (zeroing the key) when no unlocked session is left.
import type { SessionState, SessionView, SystemSettings } from '../../src-shared/model';
import { permissionsOf, roleRank, type Role } from '../../src-shared/permissions';
import { VigilError } from '../../src-shared/errors';
import type { Clock } from '../platform/clock';
import type { VaultCustody } from '../vault/custody';
import type { Repositories } from '../repositories';
import { uuidv7 } from '../store/ids';
import { SessionRegistry, type LiveSession, type SessionEndReason } from './session-registry';
import type { UserRecord } from './users-repository';

/** What a session remembers of its user, so a locked session can still say whose it is. */
export interface SessionUser {
  username: string;
  displayName: string;
  role: Role;
  totpEnabled: boolean;
}

export type SessionChangeListener = (sessionId: string, view: SessionView | null) => void;

const PENDING_STATE_MS = 10 * 60_000;

export class SessionService {
  private readonly registry = new SessionRegistry();
  private readonly users = new Map<string, SessionUser>();
  private readonly listeners = new Set<SessionChangeListener>();
  /** Settings cached at the last unlock, so sweeping works while the vault is closed. */
  private settings: SystemSettings | null = null;

  constructor(private readonly custody: VaultCustody<Repositories>, private readonly clock: Clock) {}

  onChange(listener: SessionChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Starts a session for a user whose credentials were just checked (the vault is open). */
  create(user: UserRecord, state: SessionState, client: string, apiToken?: LiveSession['apiToken']): { token: string; session: LiveSession } {
    const repos = this.custody.vault.repositories;
    const settings = this.refreshSettings();
    const now = this.clock.now();
    const created = this.registry.create({
      id: uuidv7(now), userId: user.id, state, client, createdAt: now, lastActiveAt: now,
      expiresAt: now + settings.sessionLifetimeHours * 3_600_000, stateSince: now, ...(apiToken ? { apiToken } : {}),
    });
    this.rememberUser(user);
    repos.sessions.insert(created.session);
    return created;
  }

  findByToken(token: string | null): LiveSession | null {
    if (!token) return null;
    this.sweep();
    return this.registry.findByToken(token) ?? null;
  }

  findById(sessionId: string): LiveSession | undefined {
    return this.registry.findById(sessionId);
  }

  list(): LiveSession[] {
    return this.registry.list();
  }

  ofUser(userId: string): LiveSession[] {
    return this.registry.ofUser(userId);
  }

  view(session: LiveSession): SessionView {
    const user = this.users.get(session.userId);
    if (!user) throw new VigilError('INTERNAL', 'Session without a user');
    // A token's session holds the lower of the token's role and the user's role now (a demoted user's tokens shrink too).
    const role = session.apiToken && roleRank(session.apiToken.role) < roleRank(user.role) ? session.apiToken.role : user.role;
    return {
      sessionId: session.id, userId: session.userId, username: user.username, displayName: user.displayName,
      role, permissions: [...permissionsOf(role)], state: session.state, createdAt: session.createdAt,
      expiresAt: session.expiresAt, idleLockSeconds: this.currentSettings().idleLockSeconds, totpEnabled: user.totpEnabled,
    };
  }

  /** Records activity: the idle timer restarts. */
  touch(session: LiveSession): void {
    session.lastActiveAt = this.clock.now();
  }

  setState(session: LiveSession, state: SessionState): void {
    session.state = state;
    session.stateSince = this.clock.now();
    session.lastActiveAt = session.stateSince;
    this.emit(session);
  }

  /** Updates the remembered user (role or name changed) and tells that user's windows. */
  rememberUser(user: UserRecord): void {
    this.users.set(user.id, {
      username: user.username, displayName: user.displayName, role: user.role, totpEnabled: user.totpEnabledAt !== null,
    });
  }

  refreshUser(user: UserRecord): void {
    this.rememberUser(user);
    for (const session of this.registry.ofUser(user.id)) this.emit(session);
  }

  lock(session: LiveSession, reason: string): void {
    if (session.state === 'locked') return;
    this.auditIfOpen(session, 'session.locked', { reason });
    session.state = 'locked';
    session.stateSince = this.clock.now();
    this.persistIfOpen((repos) => repos.sessions.touch(session));
    this.emit(session);
    this.releaseVaultIfIdle();
  }

  /** Locks every session: the OS locked the screen, or the machine is going to sleep. */
  lockAll(reason: string): void {
    for (const session of this.registry.list()) if (session.state === 'active') this.lock(session, reason);
    // Sessions waiting for a second factor or a new password cannot lock; they end.
    for (const session of this.registry.list()) if (session.state !== 'locked') this.end(session, 'abandoned');
  }

  end(session: LiveSession, reason: SessionEndReason): void {
    this.registry.remove(session);
    this.auditIfOpen(session, 'session.ended', { reason });
    this.persistIfOpen((repos) => repos.sessions.end(session, reason, this.clock.now()));
    for (const listener of this.listeners) listener(session.id, null);
    this.releaseVaultIfIdle();
  }

  endAll(reason: SessionEndReason): void {
    for (const session of this.registry.list()) this.end(session, reason);
  }

  /** Applies idle lock, pending-state timeouts and absolute lifetime. Safe to call often. */
  sweep(): void {
    const settings = this.currentSettings();
    const due = this.registry.due(this.clock.now(), {
      idleLockMs: settings.idleLockSeconds * 1000,
      pendingStateMs: PENDING_STATE_MS,
    });
    for (const session of due.lock) this.lock(session, 'idle');
    for (const { session, reason } of due.end) this.end(session, reason);
  }

  /** Re-reads settings from the open vault (after unlock or a settings change). */
  refreshSettings(): SystemSettings {
    this.settings = this.custody.vault.repositories.settings.systemSettings();
    return this.settings;
  }

  currentSettings(): SystemSettings {
    if (!this.settings && this.custody.isOpen) return this.refreshSettings();
    return this.settings ?? { idleLockSeconds: 15 * 60, sessionLifetimeHours: 12 };
  }

  /** After the vault opens: close session rows a crash left open. */
  reconcilePersisted(): void {
    const live = new Set(this.registry.list().map((s) => s.id));
    this.custody.vault.repositories.sessions.closeOrphans(live, this.clock.now());
  }

  releaseVaultIfIdle(): void {
    if (!this.registry.anyUnlocked()) this.custody.close();
  }

  emit(session: LiveSession): void {
    const view = this.view(session);
    for (const listener of this.listeners) listener(session.id, view);
  }

  private auditIfOpen(session: LiveSession, action: string, details: Record<string, unknown>): void {
    this.persistIfOpen((repos) => {
      const user = this.users.get(session.userId);
      repos.audit.append({
        actor: { id: session.userId, name: user?.username ?? null }, action, target: session.id, outcome: 'success', details,
      });
    });
  }

  private persistIfOpen(write: (repos: Repositories) => void): void {
    if (this.custody.isOpen) write(this.custody.vault.repositories);
  }
}
