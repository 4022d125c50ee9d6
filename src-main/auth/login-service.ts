// First-run setup and every way into a session: password login, second factor, unlock of a locked
// session, forced password change, recovery with the recovery key, recovery-key confirmation.
import { randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { existsSync, renameSync } from 'node:fs';
import type { SessionState } from '../../src-shared/model';
import { roleHas } from '../../src-shared/permissions';
import { VigilError } from '../../src-shared/errors';
import type { Clock } from '../platform/clock';
import type { VaultCustody } from '../vault/custody';
import type { KeySlotStore } from '../vault/key-slot-store';
import type { Repositories } from '../repositories';
import { uuidv7 } from '../store/ids';
import type { LiveSession } from './session-registry';
import type { SessionService } from './session-service';
import type { UserRecord } from './users-repository';
import { matchTotp } from './totp';
import { isSealedTotpSecret, openTotpSecret, sealTotpSecret } from './totp-secret';
import { publicKeyOf } from '../vault/sealed-box';

export const RECOVERY_CONFIRMED_KEY = 'recovery_key_confirmed';

/** Wrong second-factor codes one password entry allows; the lockout usually ends the session sooner. */
export const SECOND_FACTOR_TRIES_PER_SIGN_IN = 5;

export interface StartedSession {
  token: string;
  session: LiveSession;
}

export interface LoginDependencies {
  keySlots: KeySlotStore;
  custody: VaultCustody<Repositories>;
  sessions: SessionService;
  clock: Clock;
  databasePath: string;
}

export class LoginService {
  /**
   * The user's private key between a right password and the second factor; it opens the sealed TOTP
   * secret. Key lifetime: until the code is accepted, or the pending session ends (then unreachable).
   */
  private readonly pendingUserKeys = new WeakMap<LiveSession, KeyObject>();
  private readonly secondFactorTries = new WeakMap<LiveSession, number>();

  constructor(private readonly deps: LoginDependencies) {}

  isInitialized(): boolean {
    return this.deps.keySlots.exists();
  }

  /** Creates the vault, its first (super) admin and the recovery key, which is returned once. */
  async initialize(
    input: { vaultName: string; username: string; displayName: string; password: string },
    client: string,
  ): Promise<StartedSession & { recoveryKey: string }> {
    const { keySlots, custody, clock } = this.deps;
    if (keySlots.exists()) throw new VigilError('ALREADY_INITIALIZED', 'This data directory already holds a vault');
    assertAcceptablePassword(input.password, input.username, null);
    this.setAsideOrphanDatabase();
    const dataKey = randomBytes(32);
    const identity = { vaultId: randomUUID(), vaultName: input.vaultName, dataKeyId: randomUUID() };
    const userId = uuidv7(clock.now());
    // The database first, the key slots last: until keyslots.json exists the directory is not a vault,
    // so a crash in between leaves nothing that looks half set up. A new vault has no rows to convert,
    // so its migrations run here (milliseconds), not in an upgrade worker.
    const repos = custody.unlock(Buffer.from(dataKey)).repositories;
    let user: UserRecord;
    try {
      user = repos.db.transaction(() => {
        repos.settings.set('vault', identity);
        repos.settings.set(RECOVERY_CONFIRMED_KEY, false);
        const created = repos.users.insert({
          id: userId, username: input.username, displayName: input.displayName, role: 'super_admin', mustChangePassword: false,
        });
        repos.audit.append({
          actor: { id: userId, name: input.username }, action: 'vault.created', target: identity.vaultId, outcome: 'success',
          details: { vaultName: input.vaultName },
        });
        return created;
      })();
    } catch (error) {
      custody.close();
      throw error;
    }
    let recoveryKey: string;
    try {
      recoveryKey = await keySlots.create(identity, dataKey, { userId, username: input.username, password: input.password });
    } catch (error) {
      custody.close();
      this.setAsideOrphanDatabase();
      throw error;
    } finally {
      dataKey.fill(0);
    }
    const started = this.deps.sessions.create(user, 'recovery_key_unconfirmed', client);
    return { ...started, recoveryKey };
  }

  async login(username: string, password: string, client: string): Promise<StartedSession> {
    let unlocked: { dataKey: Buffer; userId: string; userKey: KeyObject | null };
    try {
      unlocked = await this.deps.keySlots.unlockWithPassword(username, password);
    } finally {
      this.flushFailuresIfOpen();
    }
    const repos = (await this.deps.custody.unlockCurrent(unlocked.dataKey)).repositories;
    this.flushFailuresIfOpen();
    const user = repos.users.get(unlocked.userId);
    if (!user || user.disabledAt !== null) {
      repos.audit.append({ actor: { id: unlocked.userId, name: username }, action: 'auth.login', outcome: 'failure', details: { reason: 'disabled' } });
      this.deps.sessions.releaseVaultIfIdle();
      throw new VigilError('INVALID_CREDENTIALS', 'Wrong username or password');
    }
    this.sealLegacyTotpSecret(user, unlocked.userKey);
    const started = this.deps.sessions.create(user, this.stateAfterPassword(user), client);
    if (started.session.state === 'totp_required' && unlocked.userKey) this.pendingUserKeys.set(started.session, unlocked.userKey);
    this.deps.sessions.reconcilePersisted();
    repos.audit.append({ actor: { id: user.id, name: user.username }, action: 'auth.login', target: started.session.id, outcome: 'success', details: { client } });
    return started;
  }

  async unlock(session: LiveSession, password: string): Promise<void> {
    let dataKey: Buffer;
    try {
      dataKey = await this.deps.keySlots.unlockAsUser(session.userId, password);
    } finally {
      this.flushFailuresIfOpen();
    }
    const repos = (await this.deps.custody.unlockCurrent(dataKey)).repositories;
    this.flushFailuresIfOpen();
    const user = repos.users.get(session.userId);
    if (!user || user.disabledAt !== null) {
      this.deps.sessions.end(session, 'user_disabled');
      throw new VigilError('INVALID_CREDENTIALS', 'This account is disabled');
    }
    this.deps.sessions.refreshSettings();
    this.deps.sessions.rememberUser(user);
    repos.audit.append({ actor: { id: user.id, name: user.username }, action: 'session.unlocked', target: session.id, outcome: 'success' });
    this.deps.sessions.setState(session, 'active');
  }

  /**
   * Second factor: a current TOTP code (replay refused) or an unused recovery code. Each attempt is
   * counted before it is checked (in the user's key slot, so it survives a restart) and counts
   * towards the account's lockout; a locked account or too many wrong codes end the pending session.
   */
  verifyTotp(session: LiveSession, code: string): void {
    const repos = this.deps.custody.vault.repositories;
    const user = this.requireUser(session.userId);
    const actor = { id: user.id, name: user.username };
    let attempt: { lockedIfItFails: number | null; failures: number };
    try {
      attempt = this.deps.keySlots.reserveSecondFactor(user.id);
    } catch (error) {
      if (error instanceof VigilError && error.code === 'LOCKED_OUT') {
        repos.audit.append({ actor, action: 'auth.second_factor', outcome: 'failure', details: { reason: 'locked_out' } });
        this.endPendingSession(session);
      }
      throw error;
    }
    const compact = code.replace(/\s/g, '');
    let method: 'totp' | 'recovery_code' | null = null;
    let unreadable = false;
    let replayed = false;
    if (/^\d{6}$/.test(compact) && user.totpSecret) {
      const secret = openTotpSecret(user.totpSecret, this.pendingUserKeys.get(session) ?? null, user.id);
      unreadable = secret === null;
      const step = secret ? matchTotp(compact, secret, this.deps.clock.now()) : null;
      if (step !== null && step > (user.totpLastStep ?? -1)) {
        this.deps.keySlots.clearSecondFactorFailures(user.id);
        repos.users.update(user.id, { totpLastStep: step });
        method = 'totp';
      }
      // A right code for a step already used: a second command inside the same 30 s window, most often.
      replayed = step !== null && method === null;
    } else if (repos.recoveryCodes.isUnused(user.id, compact)) {
      // Cleared before the code is used up: a count that cannot be written must not burn the code.
      this.deps.keySlots.clearSecondFactorFailures(user.id);
      if (repos.recoveryCodes.consume(user.id, compact)) method = 'recovery_code';
    }
    if (!method) {
      const tries = (this.secondFactorTries.get(session) ?? 0) + 1;
      this.secondFactorTries.set(session, tries);
      repos.audit.append({ actor, action: 'auth.second_factor', outcome: 'failure', details: { reason: replayed ? 'replayed_code' : 'wrong_code', failures: attempt.failures } });
      if (attempt.lockedIfItFails !== null) {
        repos.audit.append({ actor, action: 'auth.locked_out', target: user.id, outcome: 'success', details: { after: 'second_factor', retryAt: attempt.lockedIfItFails } });
        this.endPendingSession(session);
        throw new VigilError('LOCKED_OUT', 'Too many failed attempts; try again later', { retryAt: attempt.lockedIfItFails });
      }
      if (tries >= SECOND_FACTOR_TRIES_PER_SIGN_IN) {
        this.endPendingSession(session);
        throw new VigilError('INVALID_CREDENTIALS', 'Too many wrong codes; sign in again', { signInAgain: true });
      }
      // An admin's password reset gives the user a new key pair, which cannot open the old secret.
      if (unreadable) throw new VigilError('INVALID_CREDENTIALS', 'Codes from your authenticator cannot be checked since your password was reset; use a recovery code, then set two-factor sign-in up again');
      if (replayed) throw new VigilError('INVALID_CREDENTIALS', 'This code was already used; wait for the next code or use an API token', { replayed: true });
      throw new VigilError('INVALID_CREDENTIALS', 'That code is not valid');
    }
    this.pendingUserKeys.delete(session);
    repos.audit.append({
      actor, action: 'auth.second_factor', outcome: 'success',
      details: { method, recoveryCodesLeft: repos.recoveryCodes.remaining(user.id) },
    });
    this.deps.sessions.setState(session, this.stateAfterSecondFactor(user));
  }

  async changePassword(session: LiveSession, currentPassword: string, newPassword: string): Promise<void> {
    const { keySlots, custody } = this.deps;
    const user = this.requireUser(session.userId);
    const repos = custody.vault.repositories;
    let opened: { userKey: KeyObject | null } | null;
    try {
      opened = await keySlots.openOwnKey(user.id, currentPassword);
    } finally {
      this.flushFailuresIfOpen();
    }
    if (!opened) {
      repos.audit.append({ actor: { id: user.id, name: user.username }, action: 'auth.password_changed', outcome: 'failure', details: { reason: 'wrong_current' } });
      throw new VigilError('INVALID_CREDENTIALS', 'The current password is wrong');
    }
    assertAcceptablePassword(newPassword, user.username, currentPassword);
    const updated = await this.setOwnPassword(user, newPassword, 'auth.password_changed', opened.userKey);
    if (session.state === 'password_change_required') this.deps.sessions.setState(session, this.stateAfterPasswordChange(updated));
  }

  /** Every password lost: the recovery key opens the vault and sets a new password for one account. */
  async recover(username: string, recoveryKey: string, newPassword: string, client: string): Promise<StartedSession> {
    const { keySlots, custody } = this.deps;
    let unlocked: { dataKey: Buffer; escrowKey: KeyObject | null };
    try {
      unlocked = keySlots.unlockWithRecoveryKey(recoveryKey, client);
    } finally {
      this.flushFailuresIfOpen();
    }
    const repos = (await custody.unlockCurrent(unlocked.dataKey)).repositories;
    this.flushFailuresIfOpen();
    const user = repos.users.findByUsername(username);
    if (!user || user.disabledAt !== null) {
      repos.audit.append({ actor: { id: null, name: null }, action: 'auth.recover', outcome: 'failure', details: { source: client, reason: 'unknown_user' } });
      this.deps.sessions.releaseVaultIfIdle();
      throw new VigilError('NOT_FOUND', 'No enabled account has that username');
    }
    assertAcceptablePassword(newPassword, user.username, null);
    // The recovery key opens the user's escrowed private key, so their sealed TOTP secret keeps working.
    const userKey = unlocked.escrowKey ? keySlots.userKeyFromEscrow(user.id, unlocked.escrowKey) : null;
    const updated = await this.setOwnPassword(this.forgetUnreadableTotp(user, userKey), newPassword, 'auth.recovered_with_recovery_key', userKey);
    // The recovery key is the vault's master secret: it stands in for the second factor too.
    const started = this.deps.sessions.create(updated, this.stateAfterPasswordChange(updated), client);
    this.deps.sessions.reconcilePersisted();
    return started;
  }

  async confirmRecoveryKey(session: LiveSession, recoveryKey: string): Promise<void> {
    const { keySlots, custody } = this.deps;
    let unlocked: { dataKey: Buffer };
    try {
      unlocked = keySlots.unlockWithRecoveryKey(recoveryKey, session.client);
    } finally {
      this.flushFailuresIfOpen();
    }
    unlocked.dataKey.fill(0);
    const repos = custody.vault.repositories;
    const user = this.requireUser(session.userId);
    repos.db.transaction(() => {
      repos.settings.set(RECOVERY_CONFIRMED_KEY, true);
      repos.audit.append({ actor: { id: user.id, name: user.username }, action: 'vault.recovery_key_confirmed', outcome: 'success' });
    })();
    this.deps.sessions.setState(session, 'active');
  }

  /** A new recovery key replaces the old one (which stops working); shown once. */
  async reissueRecoveryKey(session: LiveSession): Promise<string> {
    const { keySlots, custody } = this.deps;
    const user = this.requireUser(session.userId);
    const dataKey = custody.copyDataKey();
    let recoveryKey: string;
    try {
      recoveryKey = await keySlots.rotateRecoveryKey(dataKey);
    } finally {
      dataKey.fill(0);
    }
    const repos = custody.vault.repositories;
    repos.db.transaction(() => {
      repos.settings.set(RECOVERY_CONFIRMED_KEY, false);
      repos.audit.append({ actor: { id: user.id, name: user.username }, action: 'vault.recovery_key_rotated', outcome: 'success' });
    })();
    if (roleHas(user.role, 'system_config') && session.state === 'active') this.deps.sessions.setState(session, 'recovery_key_unconfirmed');
    return recoveryKey;
  }

  /**
   * Re-wraps the data key under the user's new password, then records it. The key slot
   * (keyslots.json, what sign-in unwraps the data key with) is written first, so a failure between the
   * two can leave the new password working with the record behind, never a record of a change the slot
   * does not hold.
   */
  private async setOwnPassword(user: UserRecord, newPassword: string, auditAction: string, userKey: KeyObject | null): Promise<UserRecord> {
    const { keySlots, custody, clock } = this.deps;
    const dataKey = custody.copyDataKey();
    try {
      await keySlots.setPassword(user.id, user.username, newPassword, dataKey, userKey);
    } finally {
      dataKey.fill(0);
    }
    const repos = custody.vault.repositories;
    return repos.db.transaction(() => {
      const changed = repos.users.update(user.id, { mustChangePassword: false, passwordChangedAt: clock.now() });
      repos.audit.append({ actor: { id: user.id, name: user.username }, action: auditAction, target: user.id, outcome: 'success' });
      return changed;
    })();
  }

  /**
   * A TOTP secret stored before secrets were sealed is sealed to the user's public key now that their
   * password has opened it; from here on only that password (or the recovery key) reads it.
   */
  private sealLegacyTotpSecret(user: UserRecord, userKey: KeyObject | null): void {
    if (!user.totpSecret || isSealedTotpSecret(user.totpSecret) || !userKey) return;
    const repos = this.deps.custody.vault.repositories;
    const sealed = sealTotpSecret(user.totpSecret, publicKeyOf(userKey), user.id);
    repos.db.transaction(() => {
      repos.users.update(user.id, { totpSecret: sealed });
      repos.audit.append({ actor: { id: user.id, name: user.username }, action: 'auth.totp_secret_sealed', target: user.id, outcome: 'success' });
    })();
    user.totpSecret = sealed;
  }

  /** A recovery whose escrow cannot open the user's sealed TOTP secret turns two-factor off (the user enrols again). */
  private forgetUnreadableTotp(user: UserRecord, userKey: KeyObject | null): UserRecord {
    if (!user.totpSecret || openTotpSecret(user.totpSecret, userKey, user.id) !== null) return user;
    const repos = this.deps.custody.vault.repositories;
    return repos.db.transaction(() => {
      repos.recoveryCodes.retire(user.id);
      repos.audit.append({
        actor: { id: user.id, name: user.username }, action: 'auth.two_factor_reset', target: user.id, outcome: 'success',
        details: { reason: 'secret_unreadable_after_recovery' },
      });
      return repos.users.update(user.id, { totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    })();
  }

  private endPendingSession(session: LiveSession): void {
    this.pendingUserKeys.delete(session);
    this.deps.sessions.end(session, 'second_factor_failed');
  }

  private stateAfterPassword(user: UserRecord): SessionState {
    return user.totpEnabledAt !== null ? 'totp_required' : this.stateAfterSecondFactor(user);
  }

  private stateAfterSecondFactor(user: UserRecord): SessionState {
    return user.mustChangePassword ? 'password_change_required' : this.stateAfterPasswordChange(user);
  }

  private stateAfterPasswordChange(user: UserRecord): SessionState {
    const confirmed = this.deps.custody.vault.repositories.settings.get<boolean>(RECOVERY_CONFIRMED_KEY) ?? true;
    return !confirmed && roleHas(user.role, 'system_config') ? 'recovery_key_unconfirmed' : 'active';
  }

  private requireUser(userId: string): UserRecord {
    const user = this.deps.custody.vault.repositories.users.get(userId);
    if (!user) throw new VigilError('NOT_FOUND', 'No such user');
    return user;
  }

  /** Copies failures recorded in the key slot file into the audit log, when the vault is open. */
  private flushFailuresIfOpen(): void {
    if (!this.deps.custody.isOpen) return;
    const repos = this.deps.custody.vault.repositories;
    for (const failure of this.deps.keySlots.takeUnauditedFailures()) {
      repos.audit.append({
        actor: { id: failure.userId, name: failure.userId ? (repos.users.get(failure.userId)?.username ?? null) : null },
        action: 'auth.login', outcome: 'failure', at: failure.at,
        details: { reason: failure.userId ? 'wrong_password' : 'unknown_user' },
      });
    }
    for (const failure of this.deps.keySlots.takeUnauditedRecoveryFailures()) {
      repos.audit.append({
        actor: { id: null, name: null }, action: 'auth.recover', outcome: 'failure', at: failure.at,
        details: { source: failure.source, reason: failure.reason },
      });
    }
  }

  /** A vault.db without keyslots.json can never be opened (its key is lost): keep it aside, never delete. */
  private setAsideOrphanDatabase(): void {
    const path = this.deps.databasePath;
    const stamp = this.deps.clock.now();
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(path + suffix)) renameSync(path + suffix, `${path}.orphan-${stamp}${suffix}`);
    }
  }
}

export function assertAcceptablePassword(password: string, username: string, previous: string | null): void {
  if (previous !== null && password === previous) throw new VigilError('VALIDATION', 'Choose a password different from the current one');
  if (password.toLowerCase().includes(username.toLowerCase())) {
    throw new VigilError('VALIDATION', 'The password must not contain the username');
  }
}
