// Schema v25: a fingerprint is stored as its first 22 base64url characters (132 bits of the SHA-256,
// alerts/fingerprint.ts says why that is enough) instead of all 43: 42 bytes less an alert, in the
// row and in its unique index. The cut keeps every fingerprint a prefix of what it was, so two
// alerts that differed still differ (at 2^-132 a pair), and a row of the same detection imported
// later computes the same cut. The index is dropped and built again: one sort instead of a million
// index updates. No trigger watches the column.
import type { Migration } from './migration';

/** The stored length (alerts/fingerprint.ts, FINGERPRINT_CHARS), restated: a shipped migration never imports the live code. */
const STORED_CHARS = 22;

export const shortFingerprints: Migration = {
  version: 25,
  name: 'short-fingerprints',
  sql: `
DROP INDEX alerts_fingerprint;
UPDATE alerts SET fingerprint = substr(fingerprint, 1, ${STORED_CHARS}) WHERE length(fingerprint) > ${STORED_CHARS};
CREATE UNIQUE INDEX alerts_fingerprint ON alerts(fingerprint);
`,
};
