// Random secrets people type: one-time passwords for new or reset accounts, TOTP recovery codes.
// The alphabet leaves out look-alikes (0/o, 1/l/i) so they survive being read aloud or retyped.
import { randomInt } from 'node:crypto';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

function randomGroup(length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/** 4 groups of 5 (~98 bits): strong enough to hand over, and it must be changed at first login. */
export function generateOneTimePassword(): string {
  return [randomGroup(5), randomGroup(5), randomGroup(5), randomGroup(5)].join('-');
}

/** 10 codes of 2 groups of 5 (~49 bits each), usable once each. */
export function generateRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => `${randomGroup(5)}-${randomGroup(5)}`);
}
