// Wraps the data key with AES-256-GCM. The additional data binds a wrapped key to its vault and slot,
// so a slot copied from another vault or moved to another user fails the tag check.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface WrappedKey {
  iv: string;
  ciphertext: string;
  tag: string;
}

export function wrapKey(dataKey: Buffer, keyEncryptionKey: Buffer, additionalData: string): WrappedKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyEncryptionKey, iv);
  cipher.setAAD(Buffer.from(additionalData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return { iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/**
 * Returns the data key, or null when the key-encryption key is wrong (the GCM tag does not verify).
 * The decipher's own output buffers are zeroed once copied out; on a failed tag they hold
 * unauthenticated plaintext, which is zeroed too. The returned key is the caller's to zero.
 */
export function unwrapKey(wrapped: WrappedKey, keyEncryptionKey: Buffer, additionalData: string): Buffer | null {
  const parts: Buffer[] = [];
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyEncryptionKey, Buffer.from(wrapped.iv, 'base64'));
    decipher.setAAD(Buffer.from(additionalData, 'utf8'));
    decipher.setAuthTag(Buffer.from(wrapped.tag, 'base64'));
    parts.push(decipher.update(Buffer.from(wrapped.ciphertext, 'base64')));
    parts.push(decipher.final());
    return Buffer.concat(parts);
  } catch {
    return null;
  } finally {
    for (const part of parts) part.fill(0);
  }
}
