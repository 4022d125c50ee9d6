// The data key passes through the decipher's own output buffers on its way out of a key slot: those
// copies are zeroed, whether the tag verifies or not.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomBytes } from 'node:crypto';
import type * as Crypto from 'node:crypto';

const outputs: Buffer[] = [];

vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof Crypto>();
  const createDecipheriv = (...args: Parameters<typeof actual.createDecipheriv>) => {
    const decipher = actual.createDecipheriv(...args);
    const update = decipher.update.bind(decipher) as (data: Buffer) => Buffer;
    const final = decipher.final.bind(decipher) as () => Buffer;
    return Object.assign(decipher, {
      update: (data: Buffer) => { const out = update(data); outputs.push(out); return out; },
      final: () => { const out = final(); outputs.push(out); return out; },
    });
  };
  return { ...actual, default: { ...actual, createDecipheriv }, createDecipheriv };
});

const { unwrapKey, wrapKey } = await import('../../../src-main/vault/key-wrap');

afterEach(() => { outputs.length = 0; });

const isZero = (buffer: Buffer) => buffer.every((byte) => byte === 0);

describe('unwrapping a key slot', () => {
  it('returns the data key and zeroes the intermediate plaintext buffers', () => {
    const dataKey = randomBytes(32);
    const kek = randomBytes(32);
    const wrapped = wrapKey(dataKey, kek, 'slot-a');
    const unwrapped = unwrapKey(wrapped, kek, 'slot-a');
    expect(unwrapped?.equals(dataKey)).toBe(true);
    expect(outputs.some((out) => out.length === 32)).toBe(true);
    for (const out of outputs) expect(isZero(out)).toBe(true);
  });

  it('zeroes the unauthenticated plaintext when the tag does not verify', () => {
    const dataKey = randomBytes(32);
    const kek = randomBytes(32);
    // The right key-encryption key under the wrong slot binding: the plaintext is the real key until the tag fails.
    const wrapped = wrapKey(dataKey, kek, 'slot-a');
    expect(unwrapKey(wrapped, kek, 'slot-b')).toBeNull();
    expect(outputs.some((out) => out.length === 32)).toBe(true);
    for (const out of outputs) expect(isZero(out)).toBe(true);
  });
});
