// Alert deduplication: alerts with the same fingerprint are one alert whose count and
// last-seen grow. The fingerprint is built from configurable parts — by default source, rule,
// primary entity and a time bucket — so a burst of the same detection on the same account within
// an hour is one row, while the same detection next day is a new one.
import { createHash } from 'node:crypto';

export const FINGERPRINT_PARTS = ['source', 'rule', 'primaryEntity', 'title'] as const;
export type FingerprintPart = (typeof FINGERPRINT_PARTS)[number];

export interface DedupPolicy {
  parts: readonly FingerprintPart[];
  /** Width of the time bucket in ms; 0 puts every occurrence in one bucket. */
  bucketMs: number;
}

export const DEFAULT_DEDUP: DedupPolicy = { parts: ['source', 'rule', 'primaryEntity'], bucketMs: 60 * 60_000 };

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

export function alertFingerprint(alert: FingerprintInput, policy: DedupPolicy = DEFAULT_DEDUP): string {
  const hash = createHash('sha256');
  for (const part of policy.parts) {
    const value = part === 'primaryEntity' ? alert.primaryEntity : part === 'rule' ? alert.rule : alert[part];
    // Length-prefixed, so ("ab","c") and ("a","bc") never collide.
    const text = value ?? '\u0000null';
    hash.update(`${part}:${text.length}:${text}|`);
  }
  hash.update(`bucket:${timeBucket(alert.occurredAt, policy.bucketMs)}`);
  return hash.digest('base64url');
}
