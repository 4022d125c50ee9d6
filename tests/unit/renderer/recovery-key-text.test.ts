import { describe, expect, it } from 'vitest';
import { formatRecoveryKey, parseRecoveryKey } from '../../../src-main/vault/recovery-key';
import { sameRecoveryKey } from '../../../src-renderer/features/setup/recovery-key-text';

// A fixed key, formatted as main shows it: 52 Crockford base32 characters in groups of four.
const SHOWN = formatRecoveryKey(Buffer.from(Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 0xff)));

describe('sameRecoveryKey', () => {
  it('accepts the key typed exactly as shown', () => {
    expect(sameRecoveryKey(SHOWN, SHOWN)).toBe(true);
  });

  it('ignores letter case, dashes and spaces', () => {
    const typed = SHOWN.toLowerCase().replace(/-/g, ' ');
    expect(sameRecoveryKey(typed, SHOWN)).toBe(true);
    expect(sameRecoveryKey(`  ${SHOWN.replace(/-/g, '')}\n`, SHOWN)).toBe(true);
  });

  it('reads O as 0 and I or L as 1, as Crockford base32 does', () => {
    const shown = '0011-ABCD';
    expect(sameRecoveryKey('OoIL-abcd', shown)).toBe(true);
    expect(sameRecoveryKey('o0li abcd', shown)).toBe(true);
  });

  it('refuses a key with one character wrong, missing or extra', () => {
    const last = SHOWN.at(-1) === 'A' ? 'B' : 'A';
    expect(sameRecoveryKey(`${SHOWN.slice(0, -1)}${last}`, SHOWN)).toBe(false);
    expect(sameRecoveryKey(SHOWN.slice(0, -1), SHOWN)).toBe(false);
    expect(sameRecoveryKey(`${SHOWN}0`, SHOWN)).toBe(false);
    expect(sameRecoveryKey('', SHOWN)).toBe(false);
  });

  it('agrees with main: whatever it accepts as the shown key, main parses to the same key', () => {
    const typed = SHOWN.toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l').replace(/-/g, ' ');
    expect(sameRecoveryKey(typed, SHOWN)).toBe(true);
    expect(parseRecoveryKey(typed)).toEqual(parseRecoveryKey(SHOWN));
  });
});
