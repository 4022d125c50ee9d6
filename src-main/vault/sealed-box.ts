// Sealing to a public key (X25519 + HKDF-SHA256 + AES-256-GCM): anyone may seal, only the holder
// of the private key opens. Lets Vigil encrypt a user's TOTP secret at enrolment, or escrow a
// user's private key to the recovery key, without holding the secret that opens it.
import {
  createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, type KeyObject,
} from 'node:crypto';
import { unwrapKey, wrapKey, type WrappedKey } from './key-wrap';

export interface SealedBox extends WrappedKey {
  /** The sender's one-use public key (SPKI DER, base64). */
  ephemeral: string;
}

export interface UserKeyPair {
  publicKey: KeyObject;
  privateKey: KeyObject;
}

export function generateUserKeyPair(): UserKeyPair {
  return generateKeyPairSync('x25519');
}

export function exportPublicKey(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'der' }).toString('base64');
}

export function importPublicKey(text: string): KeyObject {
  return createPublicKey({ key: Buffer.from(text, 'base64'), type: 'spki', format: 'der' });
}

export function exportPrivateKey(key: KeyObject): Buffer {
  return key.export({ type: 'pkcs8', format: 'der' });
}

export function publicKeyOf(privateKey: KeyObject): KeyObject {
  return createPublicKey(privateKey);
}

/** The private key from its PKCS#8 bytes, or null when they are not one. */
export function importPrivateKey(der: Buffer): KeyObject | null {
  try {
    return createPrivateKey({ key: der, type: 'pkcs8', format: 'der' });
  } catch {
    return null;
  }
}

function boxKey(shared: Buffer, ephemeral: string, recipient: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.from(`${ephemeral}|${recipient}`, 'utf8'), 'vigil sealed box v1', 32));
}

export function seal(plaintext: Buffer, recipient: KeyObject, additionalData: string): SealedBox {
  const sender = generateKeyPairSync('x25519');
  const ephemeral = exportPublicKey(sender.publicKey);
  const key = boxKey(diffieHellman({ privateKey: sender.privateKey, publicKey: recipient }), ephemeral, exportPublicKey(recipient));
  try {
    return { ephemeral, ...wrapKey(plaintext, key, additionalData) };
  } finally {
    key.fill(0);
  }
}

/** The plaintext, or null when this private key (or the additional data) does not open the box. */
export function open(box: SealedBox, recipient: KeyObject, additionalData: string): Buffer | null {
  let shared: Buffer;
  try {
    shared = diffieHellman({ privateKey: recipient, publicKey: importPublicKey(box.ephemeral) });
  } catch {
    return null;
  }
  const key = boxKey(shared, box.ephemeral, exportPublicKey(publicKeyOf(recipient)));
  try {
    return unwrapKey(box, key, additionalData);
  } finally {
    key.fill(0);
    shared.fill(0);
  }
}
