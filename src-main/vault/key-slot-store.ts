// Operations on keyslots.json: create the vault's slots, unlock with a password or the recovery key
// (with lockout accounting that survives restarts), and re-wrap the data key for new passwords.
// Every change is a synchronous read-modify-write of the whole file, written atomically, so two
// awaits interleaving in this process can never lose each other's update. An attempt is counted as
// failed before its password is checked, and the check never runs when that count cannot be written.
import { randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { VigilError } from '../../src-shared/errors';
import type { Clock } from '../platform/clock';
import { type LockoutPolicy, DEFAULT_LOCKOUT } from './lockout';
import { forgetOne, recoverySourceCounter, reserveAttempt, unknownNameCounter, type AttemptCounter } from './attempt-counter';
import { deriveKeyFromPassword, meetsFloor, type KdfParams, type KdfPolicy } from './kdf';
import { unwrapKey, wrapKey } from './key-wrap';
import {
  findPasswordSlot, findSlotOfUser, MAX_UNAUDITED_FAILURES, readKeySlotFile, recoverySlot, slotAdditionalData,
  usernameLookup, writeKeySlotFile, type KeySlotFile, type PasswordSlot, type RecoverySlot, type TokenSlot,
} from './key-slot-file';
import { apiTokenHash, apiTokenKek } from './api-token-key';
import { formatRecoveryKey, generateRecoveryKey, parseRecoveryKey, recoveryKeyEncryptionKey } from './recovery-key';
import { generateUserKeyPair, importPublicKey } from './sealed-box';
import { escrowRecord, escrowUserKey, openEscrowedUserKey, unwrapEscrowKey, unwrapUserKey, userKeyRecord } from './user-key';

export interface VaultIdentity {
  vaultId: string;
  vaultName: string;
  dataKeyId: string;
}

export interface UnauditedFailure {
  userId: string | null;
  at: number;
}

export interface UnauditedRecoveryFailure {
  at: number;
  source: string;
  /** A wrong key, or an attempt refused unchecked while its source was waiting. */
  reason: 'wrong_recovery_key' | 'throttled';
}

/** What a right password opens: the data key, and the user's own private key (null only if it cannot be read). */
export interface PasswordUnlock {
  dataKey: Buffer;
  userId: string;
  userKey: KeyObject | null;
}

export interface RecoveryUnlock {
  dataKey: Buffer;
  /** Opens users' escrowed private keys; null for a vault whose recovery slot predates escrow. */
  escrowKey: KeyObject | null;
}

/**
 * Wrong recovery keys: the key has 256 random bits, so this limit is about noise, not guessing. The
 * wait is capped low and counted per source, so a noisy caller cannot keep the admin out for long.
 */
export const RECOVERY_LOCKOUT: LockoutPolicy = { freeAttempts: 5, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000 };

const NOT_RECORDED = 'The attempt could not be recorded (is the disk full or read-only?), so it was not checked';

export class KeySlotStore {
  /**
   * One argon2 derivation at a time: each already uses `parallelism` threads, so running several
   * at once gains nothing on a laptop and starves the main thread (measured: event-loop lag went
   * from ~10 ms to ~80 ms with three concurrent derivations on two cores).
   */
  private derivations: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly kdf: KdfPolicy,
    private readonly clock: Clock,
    private readonly lockout: LockoutPolicy = DEFAULT_LOCKOUT,
  ) {}

  exists(): boolean {
    return readKeySlotFile(this.path) !== null;
  }

  read(): KeySlotFile {
    const file = readKeySlotFile(this.path);
    if (!file) throw new VigilError('NOT_INITIALIZED', 'No vault has been set up in this data directory');
    return file;
  }

  identity(): VaultIdentity {
    const { vaultId, vaultName, dataKeyId } = this.read();
    return { vaultId, vaultName, dataKeyId };
  }

  /** Writes a new key slot file with the first user's slot and a recovery slot; returns the recovery key text. */
  async create(identity: VaultIdentity, dataKey: Buffer, firstUser: { userId: string; username: string; password: string }): Promise<string> {
    const base: KeySlotFile = {
      format: 1, ...identity, lookupSalt: randomBytes(16).toString('base64'), createdAt: this.clock.now(),
      slots: [], unauditedUnknownFailures: [], unknownNames: [], unauditedRecoveryFailures: [],
    };
    const recovery = generateRecoveryKey();
    try {
      base.slots = [this.buildRecoverySlot(base, dataKey, recovery)];
      const passwordSlot = await this.buildPasswordSlot(base, dataKey, firstUser.userId, firstUser.username, firstUser.password, null);
      writeKeySlotFile(this.path, { ...base, slots: [passwordSlot, ...base.slots] });
      return formatRecoveryKey(recovery);
    } finally {
      recovery.fill(0);
    }
  }

  /**
   * Unwraps the data key with a user's password. Every attempt counts towards lockout before it is
   * checked; names with no slot cost the same argon2 work and lock out after the same number of
   * failures, so neither timing nor LOCKED_OUT reveals which accounts exist.
   */
  async unlockWithPassword(username: string, password: string): Promise<PasswordUnlock> {
    const file = this.read();
    const lookup = usernameLookup(file, username);
    const slot = findPasswordSlot(file, lookup);
    if (!slot) {
      const attempt = this.reserve((f) => unknownNameCounter(f, lookup, this.clock.now()), this.lockout, (f, now) => {
        f.unauditedUnknownFailures = [...f.unauditedUnknownFailures, now].slice(-MAX_UNAUDITED_FAILURES);
      });
      (await this.derive(password, randomBytes(16), this.kdf.params)).fill(0);
      if (attempt.lockedIfItFails !== null) throw this.lockedOutError(attempt.lockedIfItFails);
      throw new VigilError('INVALID_CREDENTIALS', 'Wrong username or password');
    }
    const opened = await this.openPasswordSlot(file, slot, password);
    if (!opened) throw new VigilError('INVALID_CREDENTIALS', 'Wrong username or password');
    return { ...opened, userId: slot.userId };
  }

  /** Unwraps the data key with a known user's password (unlocking a locked session). */
  async unlockAsUser(userId: string, password: string): Promise<Buffer> {
    const file = this.read();
    const slot = findSlotOfUser(file, userId);
    const opened = slot ? await this.openPasswordSlot(file, slot, password) : null;
    if (!opened) throw new VigilError('INVALID_CREDENTIALS', 'Wrong password');
    return opened.dataKey;
  }

  /** Checks a user's current password; a wrong one counts towards lockout. */
  async verifyPassword(userId: string, password: string): Promise<boolean> {
    return (await this.openOwnKey(userId, password)) !== null;
  }

  /** With the user's current password: their private key (to carry into a new slot), or null for a wrong password. */
  async openOwnKey(userId: string, password: string): Promise<{ userKey: KeyObject | null } | null> {
    const file = this.read();
    const slot = findSlotOfUser(file, userId);
    const opened = slot ? await this.openPasswordSlot(file, slot, password) : null;
    if (!opened) return null;
    opened.dataKey.fill(0);
    return { userKey: opened.userKey };
  }

  /** The public key a user's secrets are sealed to, or null when the user has no slot or no key pair yet. */
  userPublicKey(userId: string): KeyObject | null {
    const userKey = findSlotOfUser(this.read(), userId)?.userKey;
    return userKey ? importPublicKey(userKey.publicKey) : null;
  }

  /**
   * Counts a second-factor attempt as failed before it is checked (throws LOCKED_OUT while the
   * account is locked, UNAVAILABLE when the count cannot be written). Wrong codes count towards the
   * same lockout as wrong passwords.
   */
  reserveSecondFactor(userId: string): { lockedIfItFails: number | null; failures: number } {
    let failures = 0;
    const attempt = this.reserve((f) => findSlotOfUser(f, userId), this.lockout, (f) => {
      const slot = findSlotOfUser(f, userId);
      if (slot) failures = slot.secondFactorFailures += 1;
    });
    return { lockedIfItFails: attempt.lockedIfItFails, failures };
  }

  /** A right second factor: the account's failure count starts again. */
  clearSecondFactorFailures(userId: string): void {
    this.record((f) => {
      const slot = findSlotOfUser(f, userId);
      if (!slot) return false;
      slot.secondFactorFailures = 0;
      slot.failedAttempts = 0;
      slot.lockedUntil = null;
      return true;
    });
  }

  /** The data key, or null for a wrong password (counted first; throws LOCKED_OUT once the limit is reached). */
  private async openPasswordSlot(file: KeySlotFile, slot: PasswordSlot, password: string): Promise<Omit<PasswordUnlock, 'userId'> | null> {
    this.assertKdfFloor(slot);
    const attempt = this.reserve((f) => f.slots.find((s): s is PasswordSlot => s.kind === 'password' && s.id === slot.id), this.lockout, (f, now) => {
      const target = findSlotOfUser(f, slot.userId);
      if (target) target.unauditedFailures = [...target.unauditedFailures, now].slice(-MAX_UNAUDITED_FAILURES);
    });
    const kek = await this.derive(password, Buffer.from(slot.salt, 'base64'), slot.kdf);
    try {
      const dataKey = unwrapKey(slot.wrapped, kek, slotAdditionalData(file, slot));
      if (!dataKey) {
        if (attempt.lockedIfItFails !== null) throw this.lockedOutError(attempt.lockedIfItFails);
        return null;
      }
      let userKey: KeyObject | null = null;
      try {
        userKey = this.settlePasswordSuccess(file, slot, kek, attempt.at);
      } catch (error) {
        dataKey.fill(0);
        throw error;
      }
      return { dataKey, userKey };
    } finally {
      kek.fill(0);
    }
  }

  /**
   * Forgives the attempt (second-factor failures stay counted until a right code) and brings the
   * user's key pair up to date: created for a slot that predates it, re-escrowed after a recovery-key rotation.
   */
  private settlePasswordSuccess(file: KeySlotFile, slot: PasswordSlot, kek: Buffer, at: number): KeyObject | null {
    let userKey = slot.userKey ? unwrapUserKey(file, slot.userId, slot.userKey.privateKey, kek) : null;
    const fresh = slot.userKey ? null : generateUserKeyPair();
    if (fresh) userKey = fresh.privateKey;
    this.record((f) => {
      const target = f.slots.find((s): s is PasswordSlot => s.id === slot.id && s.kind === 'password');
      if (!target) return false;
      target.failedAttempts = target.secondFactorFailures;
      target.lockedUntil = null;
      target.unauditedFailures = forgetOne(target.unauditedFailures, at);
      if (fresh) target.userKey = userKeyRecord(f, slot.userId, fresh.privateKey, kek);
      else if (target.userKey && userKey && target.userKey.escrow?.to !== recoverySlot(f)?.escrow?.publicKey) {
        target.userKey = { ...target.userKey, escrow: escrowUserKey(f, slot.userId, userKey) };
      }
      return true;
    });
    return userKey;
  }

  /** Unwraps the data key with the recovery key. Wrong keys are counted per source (the kind of client) and audited. */
  unlockWithRecoveryKey(text: string, source: string): RecoveryUnlock {
    const file = this.read();
    const slot = recoverySlot(file);
    if (!slot) throw new VigilError('VAULT_CORRUPT', 'The vault has no recovery slot');
    let attempt: { lockedIfItFails: number | null; at: number };
    try {
      attempt = this.reserve((f) => {
        const target = recoverySlot(f);
        return target ? recoverySourceCounter(target, source) : undefined;
      }, RECOVERY_LOCKOUT, (f, now) => this.rememberRecoveryFailure(f, now, source, 'wrong_recovery_key'));
    } catch (error) {
      // Refused unchecked while the source waits: still audited, so every try shows in the log.
      if (error instanceof VigilError && error.code === 'LOCKED_OUT') {
        this.record((f) => {
          this.rememberRecoveryFailure(f, this.clock.now(), source, 'throttled');
          return true;
        });
      }
      throw error;
    }
    const recovery = parseRecoveryKey(text);
    const kek = recovery ? recoveryKeyEncryptionKey(recovery, Buffer.from(slot.salt, 'base64')) : null;
    recovery?.fill(0);
    try {
      const dataKey = kek ? unwrapKey(slot.wrapped, kek, slotAdditionalData(file, slot)) : null;
      if (!kek || !dataKey) {
        if (attempt.lockedIfItFails !== null) throw this.lockedOutError(attempt.lockedIfItFails);
        throw new VigilError('INVALID_CREDENTIALS', 'That recovery key does not open this vault');
      }
      let escrowKey = unwrapEscrowKey(file, slot, kek);
      const fresh = slot.escrow ? null : generateUserKeyPair();
      if (fresh) escrowKey = fresh.privateKey;
      try {
        this.record((f) => {
          const target = recoverySlot(f);
          if (!target) return false;
          const counter = recoverySourceCounter(target, source);
          counter.failedAttempts = 0;
          counter.lockedUntil = null;
          target.failedAttempts = 0;
          target.lockedUntil = null;
          f.unauditedRecoveryFailures = f.unauditedRecoveryFailures.filter(
            (u) => !(u.at === attempt.at && u.source === source && u.reason === 'wrong_recovery_key'),
          );
          if (fresh && target.id === slot.id) target.escrow = escrowRecord(f, target, fresh.privateKey, kek);
          return true;
        });
      } catch (error) {
        dataKey.fill(0);
        throw error;
      }
      return { dataKey, escrowKey };
    } finally {
      kek?.fill(0);
    }
  }

  /** A user's private key opened with the recovery escrow key, or null when it was escrowed to an older recovery key. */
  userKeyFromEscrow(userId: string, escrowKey: KeyObject): KeyObject | null {
    return openEscrowedUserKey(this.read(), userId, escrowKey);
  }

  /**
   * Wraps the data key under a new password for this user, replacing any slot the user had. With the
   * user's private key (their own password change, a recovery) the key pair is kept; without it (an
   * admin's reset) a new pair is made, so secrets sealed to the old one stay closed to the admin.
   */
  async setPassword(userId: string, username: string, password: string, dataKey: Buffer, userKey: KeyObject | null = null): Promise<void> {
    const slot = await this.buildPasswordSlot(this.read(), dataKey, userId, username, password, userKey);
    this.mutate((f) => {
      f.slots = [...f.slots.filter((s) => !(s.kind === 'password' && s.userId === userId)), slot];
      f.unknownNames = f.unknownNames.filter((n) => n.lookup !== slot.lookup);
    });
  }

  /** Removes a user's slots: a disabled user's password and API tokens no longer unwrap the data key. */
  removeUserSlot(userId: string): void {
    this.mutate((f) => {
      f.slots = f.slots.filter((s) => !((s.kind === 'password' || s.kind === 'token') && s.userId === userId));
    });
  }

  /** Wraps the data key for a new API token (src-main/auth/api-token-service.ts). */
  addTokenSlot(tokenId: string, userId: string, token: string, dataKey: Buffer): void {
    this.mutate((f) => {
      const salt = randomBytes(16);
      const slot = { id: tokenId, kind: 'token' as const, userId, lookup: apiTokenHash(token), salt: salt.toString('base64'), createdAt: this.clock.now() };
      const kek = apiTokenKek(token, salt);
      try {
        f.slots = [...f.slots, { ...slot, wrapped: wrapKey(dataKey, kek, slotAdditionalData(f, slot)) }];
      } finally {
        kek.fill(0);
      }
    });
  }

  removeTokenSlot(tokenId: string): void {
    this.mutate((f) => {
      f.slots = f.slots.filter((s) => !(s.kind === 'token' && s.id === tokenId));
    });
  }

  /** The data key and the token's id, or INVALID_CREDENTIALS when no live slot takes this token. */
  unlockWithToken(token: string): { dataKey: Buffer; tokenId: string; userId: string } {
    const file = this.read();
    const lookup = apiTokenHash(token);
    const slot = file.slots.find((s): s is TokenSlot => s.kind === 'token' && s.lookup === lookup);
    if (!slot) throw new VigilError('INVALID_CREDENTIALS', 'This API token is not valid (revoked, or never issued)');
    const kek = apiTokenKek(token, Buffer.from(slot.salt, 'base64'));
    try {
      const dataKey = unwrapKey(slot.wrapped, kek, slotAdditionalData(file, slot));
      if (!dataKey) throw new VigilError('INVALID_CREDENTIALS', 'This API token is not valid (revoked, or never issued)');
      return { dataKey, tokenId: slot.id, userId: slot.userId };
    } finally {
      kek.fill(0);
    }
  }

  /** A new recovery key and escrow key pair; users' keys are re-escrowed to it at their next sign-in. */
  async rotateRecoveryKey(dataKey: Buffer): Promise<string> {
    const recovery = generateRecoveryKey();
    try {
      this.mutate((f) => {
        f.slots = [...f.slots.filter((s) => s.kind !== 'recovery'), this.buildRecoverySlot(f, dataKey, recovery)];
      });
      return formatRecoveryKey(recovery);
    } finally {
      recovery.fill(0);
    }
  }

  lockoutState(userId: string): { failedAttempts: number; lockedUntil: number | null } {
    const slot = findSlotOfUser(this.read(), userId);
    if (!slot) return { failedAttempts: 0, lockedUntil: null };
    const lockedUntil = slot.lockedUntil !== null && slot.lockedUntil > this.clock.now() ? slot.lockedUntil : null;
    return { failedAttempts: slot.failedAttempts, lockedUntil };
  }

  hasSlot(userId: string): boolean {
    return findSlotOfUser(this.read(), userId) !== undefined;
  }

  /** Returns failures recorded while the vault was closed and forgets them (they go to the audit log). */
  takeUnauditedFailures(): UnauditedFailure[] {
    const taken: UnauditedFailure[] = [];
    const file = this.read();
    const any = file.unauditedUnknownFailures.length > 0 ||
      file.slots.some((s) => s.kind === 'password' && s.unauditedFailures.length > 0);
    if (!any) return taken;
    this.mutate((f) => {
      for (const at of f.unauditedUnknownFailures) taken.push({ userId: null, at });
      f.unauditedUnknownFailures = [];
      for (const s of f.slots) {
        if (s.kind !== 'password') continue;
        for (const at of s.unauditedFailures) taken.push({ userId: s.userId, at });
        s.unauditedFailures = [];
      }
    });
    return taken.sort((a, b) => a.at - b.at);
  }

  /** Returns failed recovery-key attempts not yet audited and forgets them. */
  takeUnauditedRecoveryFailures(): UnauditedRecoveryFailure[] {
    const file = this.read();
    if (file.unauditedRecoveryFailures.length === 0) return [];
    const taken = [...file.unauditedRecoveryFailures];
    this.mutate((f) => {
      f.unauditedRecoveryFailures = [];
    });
    return taken;
  }

  private rememberRecoveryFailure(file: KeySlotFile, at: number, source: string, reason: UnauditedRecoveryFailure['reason']): void {
    file.unauditedRecoveryFailures = [...file.unauditedRecoveryFailures, { at, source, reason }].slice(-MAX_UNAUDITED_FAILURES);
  }

  private async buildPasswordSlot(
    file: KeySlotFile, dataKey: Buffer, userId: string, username: string, password: string, userKey: KeyObject | null,
  ): Promise<PasswordSlot> {
    if (!meetsFloor(this.kdf.params, this.kdf.floor)) throw new Error('KDF policy is below its floor');
    const salt = randomBytes(16);
    const id = randomUUID();
    const kek = await this.derive(password, salt, this.kdf.params);
    try {
      const wrapped = wrapKey(dataKey, kek, slotAdditionalData(file, { id, kind: 'password', userId }));
      return {
        id, kind: 'password', userId, lookup: usernameLookup(file, username), salt: salt.toString('base64'), kdf: { ...this.kdf.params },
        wrapped, createdAt: this.clock.now(), failedAttempts: 0, lockedUntil: null, unauditedFailures: [], secondFactorFailures: 0,
        userKey: userKeyRecord(file, userId, userKey ?? generateUserKeyPair().privateKey, kek),
      };
    } finally {
      kek.fill(0);
    }
  }

  private buildRecoverySlot(file: KeySlotFile, dataKey: Buffer, recovery: Buffer): RecoverySlot {
    const salt = randomBytes(16);
    const id = randomUUID();
    const kek = recoveryKeyEncryptionKey(recovery, salt);
    try {
      const wrapped = wrapKey(dataKey, kek, slotAdditionalData(file, { id, kind: 'recovery' }));
      const slot: RecoverySlot = {
        id, kind: 'recovery', salt: salt.toString('base64'), wrapped, createdAt: this.clock.now(), failedAttempts: 0, lockedUntil: null,
        sourceThrottles: [],
      };
      slot.escrow = escrowRecord(file, slot, generateUserKeyPair().privateKey, kek);
      return slot;
    } finally {
      kek.fill(0);
    }
  }

  /**
   * An argon2 derivation for someone else (a case package's passphrase) in the same queue as sign-ins,
   * so a burst of them costs one derivation's memory at a time and never runs beside an unlock.
   */
  deriveInTurn(password: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
    return this.derive(password, salt, params);
  }

  private derive(password: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
    const next = this.derivations.then(() => deriveKeyFromPassword(password, salt, params));
    this.derivations = next.catch(() => undefined);
    return next;
  }

  private assertKdfFloor(slot: PasswordSlot): void {
    if (!meetsFloor(slot.kdf, this.kdf.floor)) {
      throw new VigilError('VAULT_CORRUPT', 'A key slot uses key-derivation parameters below the allowed minimum');
    }
  }

  private lockedOutError(lockedUntil: number): VigilError {
    return new VigilError('LOCKED_OUT', 'Too many failed attempts; try again later', { retryAt: lockedUntil });
  }

  /**
   * Counts an attempt as failed, before it is checked: LOCKED_OUT (nothing counted) while the counter
   * is locked, UNAVAILABLE when the count cannot be written. `onReserved` adds to the same write.
   */
  private reserve(
    locate: (file: KeySlotFile) => AttemptCounter | undefined,
    policy: LockoutPolicy,
    onReserved?: (file: KeySlotFile, now: number) => void,
  ): { lockedIfItFails: number | null; at: number } {
    const now = this.clock.now();
    let lockedUntil: number | null = null;
    let lockedIfItFails: number | null = null;
    let found = false;
    this.record((f) => {
      const counter = locate(f);
      if (!counter) return false;
      found = true;
      const reservation = reserveAttempt(counter, now, policy);
      if (reservation.kind === 'locked') {
        lockedUntil = reservation.until;
        return false;
      }
      lockedIfItFails = reservation.lockedIfItFails;
      onReserved?.(f, now);
      return true;
    });
    if (!found) throw new VigilError('INVALID_CREDENTIALS', 'Wrong username or password');
    if (lockedUntil !== null) throw this.lockedOutError(lockedUntil);
    return { lockedIfItFails, at: now };
  }

  /** A read-modify-write whose failure to write refuses the caller with a typed error (fail closed). */
  private record(change: (file: KeySlotFile) => boolean): void {
    const file = this.read();
    if (!change(file)) return;
    try {
      writeKeySlotFile(this.path, file);
    } catch (error) {
      throw new VigilError('UNAVAILABLE', NOT_RECORDED, { reason: 'attempt_not_recorded', cause: (error as NodeJS.ErrnoException).code ?? 'unknown' });
    }
  }

  private mutate(change: (file: KeySlotFile) => void): void {
    const file = this.read();
    change(file);
    writeKeySlotFile(this.path, file);
  }
}
