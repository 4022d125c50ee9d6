// The set a staged import uses to skip looking up entities it never added: it must never call an
// added key new (that would insert a duplicate entity and fail the import), and should rarely send a
// new key to a lookup.
import { describe, expect, it } from 'vitest';
import { EntityKeyHashes } from '../../../src-main/alerts/entity-key-hashes';

const key = (i: number) => `${i % 3 === 0 ? 'email' : 'ip'}\u0000user-${i}@example.com`;

describe('entity key hashes', () => {
  it('knows every key it was given, through its growth, and few it was not', () => {
    const hashes = new EntityKeyHashes();
    for (let i = 0; i < 300_000; i += 1) hashes.add(key(i));
    let forgotten = 0;
    for (let i = 0; i < 300_000; i += 1) if (!hashes.mightHave(key(i))) forgotten += 1;
    expect(forgotten).toBe(0);
    let falseAlarms = 0;
    for (let i = 300_000; i < 600_000; i += 1) if (hashes.mightHave(key(i))) falseAlarms += 1;
    // 32-bit hashes of 300k keys: about 300k × 300k / 2³² ≈ 21 new keys are sent to a lookup.
    expect(falseAlarms).toBeLessThan(100);
  });

  it('answers for a key added twice, and not for its neighbour', () => {
    const hashes = new EntityKeyHashes();
    hashes.add('ip\u00001.2.3.4');
    hashes.add('ip\u00001.2.3.4');
    expect(hashes.mightHave('ip\u00001.2.3.4')).toBe(true);
    expect(hashes.mightHave('ip\u00001.2.3.5')).toBe(false);
  });
});
