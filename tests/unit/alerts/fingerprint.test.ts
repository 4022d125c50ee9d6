import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { alertFingerprint, DEFAULT_DEDUP, detectionTitle, storedFingerprint, type FingerprintInput } from '../../../src-main/alerts/fingerprint';
import { ruleLessFingerprintV18 } from '../../../src-main/store/migrations/018-detection-fingerprints';

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

  it('tells rule-less detections apart by their title, normalised', () => {
    const ruleless = { ...base, rule: null, title: 'login-burst' };
    expect(alertFingerprint({ ...ruleless, title: 'payout-change' })).not.toBe(alertFingerprint(ruleless));
    expect(alertFingerprint({ ...ruleless, title: '  LOGIN-burst ' })).toBe(alertFingerprint(ruleless));
    expect(detectionTitle('  Payout \t CHANGE\n')).toBe('payout change');
    // é composed and decomposed is one letter.
    expect(detectionTitle('Café')).toBe(detectionTitle('Cafe\u0301'));
  });

  it('never matches a rule named like a rule-less title', () => {
    expect(alertFingerprint({ ...base, rule: 'login-burst' })).not.toBe(alertFingerprint({ ...base, rule: null, title: 'login-burst' }));
  });

  it('is what it was before schema v18 for alerts with a rule, cut as v25 cuts the vault\'s, so their fingerprints still match', () => {
    const before = (a: FingerprintInput) => {
      const hash = createHash('sha256');
      for (const [label, text] of [['source', a.source], ['rule', a.rule as string], ['primaryEntity', a.primaryEntity as string]] as const) {
        hash.update(`${label}:${text.length}:${text}|`);
      }
      return hash.update(`bucket:${Math.floor(a.occurredAt / 3_600_000)}`).digest('base64url');
    };
    expect(before(base)).toHaveLength(43);
    expect(alertFingerprint(base)).toHaveLength(22);
    expect(alertFingerprint(base)).toBe(storedFingerprint(before(base)));
    expect(before(base).startsWith(alertFingerprint(base))).toBe(true);
  });

  it('is what migration 018 gives the vault\'s rule-less alerts, as v25 cuts them', () => {
    for (const primaryEntity of ['account:u-42', null]) {
      const ruleless = { ...base, rule: null, title: ' Payout  change', primaryEntity };
      expect(storedFingerprint(ruleLessFingerprintV18(ruleless.source, ruleless.title, primaryEntity, ruleless.occurredAt))).toBe(alertFingerprint(ruleless));
    }
  });
});
