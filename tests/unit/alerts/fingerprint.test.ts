import { describe, expect, it } from 'vitest';
import { alertFingerprint, DEFAULT_DEDUP, type FingerprintInput } from '../../../src-main/alerts/fingerprint';

const base: FingerprintInput = {
  source: 'reports', rule: 'credential-stuffing', title: 'Many failed logins', primaryEntity: 'account:u-42',
  occurredAt: Date.UTC(2026, 4, 1, 10, 5),
};

describe('alert fingerprint', () => {
  it('is the same for a repeat within the hour bucket, whatever the title', () => {
    expect(alertFingerprint({ ...base, occurredAt: base.occurredAt + 20 * 60_000, title: 'other words' })).toBe(alertFingerprint(base));
  });

  it('differs for another bucket, source, rule or primary entity', () => {
    const fp = alertFingerprint(base);
    expect(alertFingerprint({ ...base, occurredAt: base.occurredAt + 60 * 60_000 })).not.toBe(fp);
    expect(alertFingerprint({ ...base, source: 'edr' })).not.toBe(fp);
    expect(alertFingerprint({ ...base, rule: null })).not.toBe(fp);
    expect(alertFingerprint({ ...base, primaryEntity: 'account:u-43' })).not.toBe(fp);
  });

  it('follows a configured policy: title included, one bucket for all time', () => {
    const policy = { parts: [...DEFAULT_DEDUP.parts, 'title' as const], bucketMs: 0 };
    expect(alertFingerprint({ ...base, occurredAt: 0 }, policy)).toBe(alertFingerprint({ ...base, occurredAt: 9e12 }, policy));
    expect(alertFingerprint({ ...base, title: 'x' }, policy)).not.toBe(alertFingerprint(base, policy));
  });

  it('cannot be fooled by shifting characters between parts', () => {
    const policy = { parts: ['source', 'rule'] as const, bucketMs: 0 };
    expect(alertFingerprint({ ...base, source: 'ab', rule: 'c' }, policy)).not.toBe(alertFingerprint({ ...base, source: 'a', rule: 'bc' }, policy));
  });
});
