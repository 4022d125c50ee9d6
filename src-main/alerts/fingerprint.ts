// Alert deduplication: alerts with the same fingerprint are one alert whose count and
// last-seen grow. The fingerprint is built from configurable parts — by default source, detection,
// primary entity and a time bucket — so a burst of the same detection on the same account within
// an hour is one row, while the same detection next day, or another detection in the same hour, is
// a new one.
//
// The detection is the alert's rule when it has one, else its title (normalised: see detectionTitle).
// Until schema v18 a row without a rule hashed its rule as null, so every rule-less row of a source,
// account and hour folded into one alert whatever it said: a critical "payout-change" vanished into
// a high "login-burst". A rule-less detection now hashes under the label `detection`, which no old
// fingerprint used, so an old rule-less fingerprint and a new one can never match by accident; rows
// with a rule hash exactly as before, and so do the parts `rule` and `title` that other policies
// (analytics/volume-anomaly-alerts.ts) name. Migration 018 recomputes the rule-less ones from the columns
// they were made from (see there why that is exact).
import { createHash } from 'node:crypto';

/** `detection`: the rule, else the normalised title. `rule` and `title`: each as written (null rule included). */
export const FINGERPRINT_PARTS = ['source', 'detection', 'rule', 'primaryEntity', 'title'] as const;
export type FingerprintPart = (typeof FINGERPRINT_PARTS)[number];

export interface DedupPolicy {
  parts: readonly FingerprintPart[];
  /** Width of the time bucket in ms; 0 puts every occurrence in one bucket. */
  bucketMs: number;
}

export const DEFAULT_DEDUP: DedupPolicy = { parts: ['source', 'detection', 'primaryEntity'], bucketMs: 60 * 60_000 };

/** What the import preview says rows fold by, in the words of DEFAULT_DEDUP. */
export const DEFAULT_DEDUP_BASIS = 'same detection, entity and hour';

export interface FingerprintInput {
  source: string;
  rule: string | null;
  title: string;
  /** `kind:value` of the normalised primary entity, or null. */
  primaryEntity: string | null;
  occurredAt: number;
}

export function timeBucket(occurredAt: number, bucketMs: number): number {
  return bucketMs > 0 ? Math.floor(occurredAt / bucketMs) : 0;
}

/**
 * A title as a detection's name: trimmed, whitespace runs as one space, case folded (after NFC, so
 * an accent typed either way is one letter). "Payout  change " and "payout change" are one detection.
 */
export function detectionTitle(title: string): string {
  return title.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

export function alertFingerprint(alert: FingerprintInput, policy: DedupPolicy = DEFAULT_DEDUP): string {
  const hash = createHash('sha256');
  const add = (label: string, value: string | null) => {
    // Length-prefixed, so ("ab","c") and ("a","bc") never collide.
    const text = value ?? '\u0000null';
    hash.update(`${label}:${text.length}:${text}|`);
  };
  for (const part of policy.parts) {
    if (part === 'detection') {
      // The label `rule` keeps the fingerprints of rule-bearing alerts what they were before v18.
      if (alert.rule !== null) add('rule', alert.rule);
      else add('detection', detectionTitle(alert.title));
    } else {
      add(part, alert[part]);
    }
  }
  hash.update(`bucket:${timeBucket(alert.occurredAt, policy.bucketMs)}`);
  return storedFingerprint(hash.digest('base64url'));
}

/**
 * Characters of a fingerprint as stored (schema v25): the first 132 bits of the SHA-256, base64url.
 * Two different detections share one with a chance of 2^-132 a pair, nothing a vault will meet; the
 * whole 43 characters cost 42 bytes more an alert (its column and its unique index).
 */
export const FINGERPRINT_CHARS = 22;

/** A fingerprint cut to its stored length: also reads one written before v25 (a backup's, a case package's) as today's. */
export function storedFingerprint(fingerprint: string): string {
  return fingerprint.slice(0, FINGERPRINT_CHARS);
}
