// API tokens as key material: `vigil_` and 43 base64url characters of a 32-byte random secret. The
// recognisable prefix lets secret scanners find a leaked one. The token is shown once; what is kept
// is its SHA-256 (to find its slot and its row) and, in its key slot, the data key wrapped under
// HKDF-SHA256(secret): the secret has 256 bits of entropy, so no password stretching is needed.
import { createHash, hkdfSync, randomBytes } from 'node:crypto';

export const API_TOKEN_PREFIX = 'vigil_';
const SECRET_BYTES = 32;
const TOKEN_SHAPE = /^vigil_[A-Za-z0-9_-]{43}$/;

export function generateApiToken(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

/** True when the text has a token's shape (not whether it is a live token). */
export function looksLikeApiToken(text: string): boolean {
  return TOKEN_SHAPE.test(text);
}

export function apiTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The key-encryption key of a token's slot; the caller zeroes it. */
export function apiTokenKek(token: string, salt: Buffer): Buffer {
  const secret = Buffer.from(token.slice(API_TOKEN_PREFIX.length), 'base64url');
  try {
    return Buffer.from(hkdfSync('sha256', secret, salt, 'vigil api token key-encryption key v1', 32));
  } finally {
    secret.fill(0);
  }
}
