// Operations on keyslots.json: create the vault's slots, unlock with a password or the recovery key
// (with lockout accounting that survives restarts), and re-wrap the data key for new passwords.
// Every change is a synchronous read-modify-write of the whole file, written atomically, so two
// awaits interleaving in this process can never lose each other's update.
import { randomBytes, randomUUID } from 'node:crypto';
import { VigilError } from '../../src-shared/errors';
import type { Clock } from '../platform/clock';
import { lockedUntilAfter, type LockoutPolicy, DEFAULT_LOCKOUT } from '../auth/lockout';
import { deriveKeyFromPassword, meetsFloor, type KdfParams, type KdfPolicy } from './kdf';
import { unwrapKey, wrapKey } from './key-wrap';
import {
  findPasswordSlot, findSlotOfUser, MAX_UNAUDITED_FAILURES, readKeySlotFile, recoverySlot, slotAdditionalData,
  usernameLookup, writeKeySlotFile, type KeySlotFile, type PasswordSlot, type RecoverySlot,
} from './key-slot-file';
import { formatRecoveryKey, generateRecoveryKey, parseRecoveryKey, recoveryKeyEncryptionKey } from './recovery-key';

export interface VaultIdentity {
  vaultId: string;
  vaultName: string;
  dataKeyId: string;
}

export interface UnauditedFailure {
  userId: string | null;
  at: number;
}

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
      slots: [], unauditedUnknownFailures: [],
    };
    const passwordSlot = await this.buildPasswordSlot(base, dataKey, firstUser.userId, firstUser.username, firstUser.password);
    const recovery = generateRecoveryKey();
    try {
      writeKeySlotFile(this.path, { ...base, slots: [passwordSlot, this.buildRecoverySlot(base, dataKey, recovery)] });
      return formatRecoveryKey(recovery);
    } finally {
      recovery.fill(0);
    }
  }

  /**
   * Unwraps the data key with a user's password. Wrong passwords count towards lockout; names with
   * no slot cost the same argon2 work, so timing does not reveal which accounts exist.
   */
  async unlockWithPassword(username: string, password: string): Promise<{ dataKey: Buffer; userId: string }> {
    const file = this.read();
    const slot = findPasswordSlot(file, usernameLookup(file, username));
    if (!slot) {
      await this.derive(password, randomBytes(16), this.kdf.params);
      this.mutate((f) => {
        f.unauditedUnknownFailures = [...f.unauditedUnknownFailures, this.clock.now()].slice(-MAX_UNAUDITED_FAILURES);
      });
      throw new VigilError('INVALID_CREDENTIALS', 'Wrong username or password');
    }
    const dataKey = await this.openPasswordSlot(file, slot, password);
    if (!dataKey) throw new VigilError('INVALID_CREDENTIALS', 'Wrong username or password');
    return { dataKey, userId: slot.userId };
  }

  /** Unwraps the data key with a known user's password (unlocking a locked session). */
  async unlockAsUser(userId: string, password: string): Promise<Buffer> {
    const file = this.read();
    const slot = findSlotOfUser(file, userId);
    const dataKey = slot ? await this.openPasswordSlot(file, slot, password) : null;
    if (!dataKey) throw new VigilError('INVALID_CREDENTIALS', 'Wrong password');
    return dataKey;
  }

  /** Checks a user's current password; a wrong one counts towards lockout. */
  async verifyPassword(userId: string, password: string): Promise<boolean> {
    const file = this.read();
    const slot = findSlotOfUser(file, userId);
    const dataKey = slot ? await this.openPasswordSlot(file, slot, password) : null;
    dataKey?.fill(0);
    return dataKey !== null;
  }

  /** The data key, or null for a wrong password (counted; throws LOCKED_OUT once the limit is reached). */
  private async openPasswordSlot(file: KeySlotFile, slot: PasswordSlot, password: string): Promise<Buffer | null> {
    this.assertNotLockedOut(slot);
    this.assertKdfFloor(slot);
    const kek = await this.derive(password, Buffer.from(slot.salt, 'base64'), slot.kdf);
    const dataKey = unwrapKey(slot.wrapped, kek, slotAdditionalData(file, slot));
    kek.fill(0);
    if (!dataKey) {
      const lockedUntil = this.recordFailure(slot.id, true);
      if (lockedUntil !== null) throw this.lockedOutError(lockedUntil);
      return null;
    }
    this.clearFailures(slot.id);
    return dataKey;
  }

  async unlockWithRecoveryKey(text: string): Promise<Buffer> {
    const file = this.read();
    const slot = recoverySlot(file);
    if (!slot) throw new VigilError('VAULT_CORRUPT', 'The vault has no recovery slot');
    this.assertNotLockedOut(slot);
    const recovery = parseRecoveryKey(text);
    const dataKey = recovery
      ? unwrapKey(slot.wrapped, recoveryKeyEncryptionKey(recovery, Buffer.from(slot.salt, 'base64')), slotAdditionalData(file, slot))
      : null;
    recovery?.fill(0);
    if (!dataKey) {
      const lockedUntil = this.recordFailure(slot.id, false);
      if (lockedUntil !== null) throw this.lockedOutError(lockedUntil);
      throw new VigilError('INVALID_CREDENTIALS', 'That recovery key does not open this vault');
    }
    this.clearFailures(slot.id);
    return dataKey;
  }

  /** Wraps the data key under a new password for this user, replacing any slot the user had. */
  async setPassword(userId: string, username: string, password: string, dataKey: Buffer): Promise<void> {
    const slot = await this.buildPasswordSlot(this.read(), dataKey, userId, username, password);
    this.mutate((f) => {
      f.slots = [...f.slots.filter((s) => !(s.kind === 'password' && s.userId === userId)), slot];
    });
  }

  /** Removes a user's slot: a disabled user's password no longer unwraps the data key. */
  removeUserSlot(userId: string): void {
    this.mutate((f) => {
      f.slots = f.slots.filter((s) => !(s.kind === 'password' && s.userId === userId));
    });
  }

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

  private async buildPasswordSlot(file: KeySlotFile, dataKey: Buffer, userId: string, username: string, password: string): Promise<PasswordSlot> {
    if (!meetsFloor(this.kdf.params, this.kdf.floor)) throw new Error('KDF policy is below its floor');
    const salt = randomBytes(16);
    const id = randomUUID();
    const kek = await this.derive(password, salt, this.kdf.params);
    const wrapped = wrapKey(dataKey, kek, slotAdditionalData(file, { id, kind: 'password', userId }));
    kek.fill(0);
    return {
      id, kind: 'password', userId, lookup: usernameLookup(file, username), salt: salt.toString('base64'), kdf: { ...this.kdf.params },
      wrapped, createdAt: this.clock.now(), failedAttempts: 0, lockedUntil: null, unauditedFailures: [],
    };
  }

  private buildRecoverySlot(file: KeySlotFile, dataKey: Buffer, recovery: Buffer): RecoverySlot {
    const salt = randomBytes(16);
    const id = randomUUID();
    const wrapped = wrapKey(dataKey, recoveryKeyEncryptionKey(recovery, salt), slotAdditionalData(file, { id, kind: 'recovery' }));
    return { id, kind: 'recovery', salt: salt.toString('base64'), wrapped, createdAt: this.clock.now(), failedAttempts: 0, lockedUntil: null };
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

  private assertNotLockedOut(slot: { lockedUntil: number | null }): void {
    if (slot.lockedUntil !== null && slot.lockedUntil > this.clock.now()) throw this.lockedOutError(slot.lockedUntil);
  }

  private assertKdfFloor(slot: PasswordSlot): void {
    if (!meetsFloor(slot.kdf, this.kdf.floor)) {
      throw new VigilError('VAULT_CORRUPT', 'A key slot uses key-derivation parameters below the allowed minimum');
    }
  }

  private lockedOutError(lockedUntil: number): VigilError {
    return new VigilError('LOCKED_OUT', 'Too many failed attempts; try again later', { retryAt: lockedUntil });
  }

  /** Counts a failure against a slot; returns when it is now locked until, or null. */
  private recordFailure(slotId: string, remember: boolean): number | null {
    let lockedUntil: number | null = null;
    const now = this.clock.now();
    this.mutate((f) => {
      const slot = f.slots.find((s) => s.id === slotId);
      if (!slot) return;
      slot.failedAttempts += 1;
      slot.lockedUntil = lockedUntilAfter(slot.failedAttempts, now, this.lockout);
      lockedUntil = slot.lockedUntil;
      if (remember && slot.kind === 'password') slot.unauditedFailures = [...slot.unauditedFailures, now].slice(-MAX_UNAUDITED_FAILURES);
    });
    return lockedUntil;
  }

  private clearFailures(slotId: string): void {
    const slot = this.read().slots.find((s) => s.id === slotId);
    if (!slot || (slot.failedAttempts === 0 && slot.lockedUntil === null)) return;
    this.mutate((f) => {
      const target = f.slots.find((s) => s.id === slotId);
      if (target) {
        target.failedAttempts = 0;
        target.lockedUntil = null;
      }
    });
  }

  private mutate(change: (file: KeySlotFile) => void): void {
    const file = this.read();
    change(file);
    writeKeySlotFile(this.path, file);
  }
}
