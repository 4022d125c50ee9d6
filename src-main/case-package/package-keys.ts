// Keys of a case package, all from one passphrase: argon2id stretches it (parameters and salt are in
// the package header), HKDF splits the result into independent keys, one per job, so the key that
// opens the SQLCipher payload is never the one that authenticates the file.
//
// Lifetime: derived for one export or one import and wiped (`wipe`) when it ends; never stored.
import { hkdfSync, randomBytes } from 'node:crypto';
import { deriveKeyFromPassword, type KdfParams } from '../vault/kdf';

export interface CaseKeys {
  /** Stored in the header: tells a wrong passphrase from a damaged file, before any MAC is checked. */
  check: Buffer;
  /** Keys the payload database (SQLCipher, raw key). */
  database: Buffer;
  /** Seals the manifest (AES-256-GCM): the investigation's title is in it, and nothing readable may be. */
  manifest: Buffer;
  /** HMAC-SHA256 over every byte of the file before the MAC. */
  mac: Buffer;
  wipe(): void;
}

export const SALT_BYTES = 16;

export function newSalt(): Buffer {
  return randomBytes(SALT_BYTES);
}

function expand(master: Buffer, salt: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, salt, `vigil case package ${purpose} v1`, 32));
}

/** One argon2id derivation; the app passes its serialized queue (KeySlotStore.deriveInTurn). */
export type DeriveKey = (passphrase: string, salt: Buffer, kdf: KdfParams) => Promise<Buffer>;

/** Runs argon2id on libuv's thread pool: the event loop stays free while it works. */
export async function deriveCaseKeys(passphrase: string, salt: Buffer, kdf: KdfParams, derive: DeriveKey = deriveKeyFromPassword): Promise<CaseKeys> {
  const master = await derive(passphrase, salt, kdf);
  try {
    const keys = {
      check: expand(master, salt, 'passphrase check'),
      database: expand(master, salt, 'database'),
      manifest: expand(master, salt, 'manifest'),
      mac: expand(master, salt, 'mac'),
    };
    return { ...keys, wipe: () => { for (const key of Object.values(keys)) key.fill(0); } };
  } finally {
    master.fill(0);
  }
}
