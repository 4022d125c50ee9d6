// TOTP secrets at rest: sealed to the user's own public key, so the vault's data key alone (an admin,
// a backup) cannot read them; only the user's password or the recovery key opens the private key.
// A secret stored before sealing existed is plain base32 and is sealed at the user's next sign-in.
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { open, seal } from '../vault/sealed-box';

const PREFIX = 'sealed-v1:';
const boxSchema = z.object({ ephemeral: z.string(), iv: z.string(), ciphertext: z.string(), tag: z.string() }).strict();

function additionalData(userId: string): string {
  return `vigil-totp-secret-v1|${userId}`;
}

export function isSealedTotpSecret(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function sealTotpSecret(secret: string, publicKey: KeyObject, userId: string): string {
  const box = seal(Buffer.from(secret, 'utf8'), publicKey, additionalData(userId));
  return PREFIX + Buffer.from(JSON.stringify(box), 'utf8').toString('base64');
}

/** The secret, or null when this key does not open it (a key pair replaced by an admin's password reset). */
export function openTotpSecret(stored: string, privateKey: KeyObject | null, userId: string): string | null {
  if (!isSealedTotpSecret(stored)) return stored;
  if (!privateKey) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(stored.slice(PREFIX.length), 'base64').toString('utf8'));
  } catch {
    return null;
  }
  const box = boxSchema.safeParse(parsed);
  if (!box.success) return null;
  const plain = open(box.data, privateKey, additionalData(userId));
  if (!plain) return null;
  const secret = plain.toString('utf8');
  plain.fill(0);
  return secret;
}
