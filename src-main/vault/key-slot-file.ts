// keyslots.json: the data key wrapped once per user password and once under the recovery key,
// plus the lockout counters that must work before the database is open. Parsed with zod on every
// read; written atomically. Usernames are stored only as salted hashes, so the file does not list
// who has an account.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { VigilError } from '../../src-shared/errors';
import { writeFileAtomic } from './atomic-file';

const wrappedSchema = z.object({ iv: z.string(), ciphertext: z.string(), tag: z.string() });
const kdfSchema = z.object({
  algorithm: z.literal('argon2id'),
  memoryKiB: z.number().int().positive(),
  iterations: z.number().int().positive(),
  parallelism: z.number().int().positive(),
});

const counterSchema = { failedAttempts: z.number().int().min(0), lockedUntil: z.number().nullable() };
const sealedSchema = wrappedSchema.extend({ ephemeral: z.string() });
const userKeySchema = z.object({
  publicKey: z.string(),
  /** The private key under a key derived from this slot's password key. */
  privateKey: wrappedSchema,
  /** The private key sealed to the recovery escrow key named here, or null when there was none. */
  escrow: z.object({ to: z.string(), box: sealedSchema }).nullable(),
});

const passwordSlotSchema = z.object({
  id: z.string(),
  kind: z.literal('password'),
  userId: z.string(),
  lookup: z.string(),
  salt: z.string(),
  kdf: kdfSchema,
  wrapped: wrappedSchema,
  createdAt: z.number(),
  failedAttempts: z.number().int().min(0),
  lockedUntil: z.number().nullable(),
  /** Failed attempts not yet copied into the audit log (the vault was closed when they happened). */
  unauditedFailures: z.array(z.number()),
  /** Wrong second-factor codes since the last right one; each also counts in failedAttempts. */
  secondFactorFailures: z.number().int().min(0).default(0),
  /** The user's own key pair: seals the TOTP secret so only this password (or the recovery key) opens it. */
  userKey: userKeySchema.optional(),
});

const recoverySlotSchema = z.object({
  id: z.string(),
  kind: z.literal('recovery'),
  salt: z.string(),
  wrapped: wrappedSchema,
  createdAt: z.number(),
  failedAttempts: z.number().int().min(0),
  lockedUntil: z.number().nullable(),
  /** Wrong recovery keys per caller kind: a noisy source waits, the others do not. */
  sourceThrottles: z.array(z.object({ source: z.string(), ...counterSchema })).default([]),
  /** A key pair whose private key only the recovery key opens: users' private keys are escrowed to it. */
  escrow: z.object({ publicKey: z.string(), privateKey: wrappedSchema }).optional(),
});

/** An API token's wrap of the data key, under a key derived from the token's random secret (no argon2: 256 bits need no stretching). */
const tokenSlotSchema = z.object({
  id: z.string(),
  kind: z.literal('token'),
  userId: z.string(),
  /** SHA-256 of the whole token: how a presented token finds its slot. */
  lookup: z.string(),
  salt: z.string(),
  wrapped: wrappedSchema,
  createdAt: z.number(),
});

export const keySlotFileSchema = z.object({
  format: z.literal(1),
  vaultId: z.string(),
  vaultName: z.string(),
  dataKeyId: z.string(),
  lookupSalt: z.string(),
  createdAt: z.number(),
  slots: z.array(z.discriminatedUnion('kind', [passwordSlotSchema, recoverySlotSchema, tokenSlotSchema])),
  /** Failed logins for names with no slot, not yet audited. */
  unauditedUnknownFailures: z.array(z.number()),
  /** Lockout counters for names with no slot (by salted hash), so they lock out like real accounts. */
  unknownNames: z.array(z.object({ lookup: z.string(), lastAttemptAt: z.number(), ...counterSchema })).default([]),
  /** Failed recovery-key attempts not yet audited. */
  unauditedRecoveryFailures: z.array(z.object({
    at: z.number(), source: z.string(), reason: z.enum(['wrong_recovery_key', 'throttled']).default('wrong_recovery_key'),
  })).default([]),
});

export type KeySlotFile = z.infer<typeof keySlotFileSchema>;
export type PasswordSlot = z.infer<typeof passwordSlotSchema>;
export type RecoverySlot = z.infer<typeof recoverySlotSchema>;
export type TokenSlot = z.infer<typeof tokenSlotSchema>;

/** Cap on remembered unaudited failures: an attacker hammering a closed vault cannot grow the file. */
export const MAX_UNAUDITED_FAILURES = 200;
/** Cap on unknown-name counters; the least recently tried name is forgotten first. */
export const MAX_UNKNOWN_NAMES = 1000;

export function readKeySlotFile(path: string): KeySlotFile | null {
  if (!existsSync(path)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new VigilError('VAULT_CORRUPT', 'The key slot file is not valid JSON');
  }
  const result = keySlotFileSchema.safeParse(parsed);
  if (!result.success) throw new VigilError('VAULT_CORRUPT', 'The key slot file has an unexpected shape');
  return result.data;
}

export function writeKeySlotFile(path: string, file: KeySlotFile): void {
  writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`);
}

export function usernameLookup(file: Pick<KeySlotFile, 'lookupSalt'>, username: string): string {
  return createHash('sha256').update(file.lookupSalt).update('\0').update(username.trim().toLowerCase()).digest('hex');
}

export function slotAdditionalData(file: Pick<KeySlotFile, 'vaultId'>, slot: { id: string; kind: string; userId?: string }): string {
  return `vigil-keyslot-v1|${file.vaultId}|${slot.id}|${slot.kind}|${slot.userId ?? ''}`;
}

export function findPasswordSlot(file: KeySlotFile, lookup: string): PasswordSlot | undefined {
  return file.slots.find((s): s is PasswordSlot => s.kind === 'password' && s.lookup === lookup);
}

export function findSlotOfUser(file: KeySlotFile, userId: string): PasswordSlot | undefined {
  return file.slots.find((s): s is PasswordSlot => s.kind === 'password' && s.userId === userId);
}

export function recoverySlot(file: KeySlotFile): RecoverySlot | undefined {
  return file.slots.find((s): s is RecoverySlot => s.kind === 'recovery');
}
