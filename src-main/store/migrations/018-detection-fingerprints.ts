// Schema v18: dedup folds only rows of one detection (alerts/fingerprint.ts), and a fold keeps the
// highest severity of what it folds.
//
// Fingerprints. Until now a row without a rule hashed its rule as null, so rule-less rows of one
// source, account and hour folded whatever their titles said. A rule-less detection now hashes its
// normalised title under a label no old fingerprint used, and a row with a rule hashes exactly as
// before. Old rule-less alerts are recomputed here rather than left under a version of their own:
// every input of the fingerprint is stored on the alert and never edited — source, rule, title (as
// hashed: alert-rows.ts cuts it to 500 before both), the primary entity's kind and value (entities
// are never renamed), and occurred_at, which folds only ever moved to an earlier time within the same
// hour bucket. So the recomputed fingerprint is the one the alert's first row gets today, and the
// next import of the same detection in that hour folds into it instead of opening a second alert
// beside it. It cannot collide: old rule-less fingerprints were unique per source, entity and hour,
// and the new ones keep those parts. What it cannot do is split an alert that already swallowed
// other detections: the rows folded in kept only their sightings, not their titles.
// Every device runs the same migration on the same rows, so the rewrite is not change-logged.
// The v18 formula is written out here, not imported: the store may not import alerts/ (a service),
// and a shipped migration must not change when the live fingerprint does. A unit test holds it equal
// to alertFingerprint's.
//
// Severity. The undo journal keeps the severity an existing alert had before an import folded into
// it, so undoing the import lowers it back (null for journals written before v18).
import { createHash } from 'node:crypto';
import type { Migration } from './migration';
import type { SqliteDatabase } from '../database';

const CHUNK = 5_000;

export const detectionFingerprints: Migration = {
  version: 18,
  name: 'detection-fingerprints',
  sql: `
ALTER TABLE import_folds ADD COLUMN severity TEXT;
`,
  populate(db) {
    recomputeRuleLessFingerprints(db);
  },
};

function recomputeRuleLessFingerprints(db: SqliteDatabase): void {
  const page = db.prepare<[number, number], { r: number; id: string; source: string; title: string; entity: string | null; occurred_at: number }>(
    `SELECT a.rowid AS r, a.id, a.source, a.title, e.kind || ':' || e.value AS entity, a.occurred_at
     FROM alerts a LEFT JOIN entities e ON e.id = a.primary_entity_id
     WHERE a.rowid > ? AND a.rule IS NULL ORDER BY a.rowid LIMIT ?`,
  );
  const update = db.prepare('UPDATE alerts SET fingerprint = value->>1 FROM json_each(?) WHERE alerts.id = value->>0');
  let after = 0;
  for (;;) {
    const rows = page.all(after, CHUNK);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]?.r ?? after;
    update.run(JSON.stringify(rows.map((row) => [row.id, ruleLessFingerprintV18(row.source, row.title, row.entity, row.occurred_at)])));
  }
}

const HOUR_MS = 60 * 60_000;

/** alertFingerprint under DEFAULT_DEDUP, as of v18, for an alert without a rule. */
export function ruleLessFingerprintV18(source: string, title: string, primaryEntity: string | null, occurredAt: number): string {
  const hash = createHash('sha256');
  const add = (label: string, value: string | null) => {
    const text = value ?? '\u0000null';
    hash.update(`${label}:${text.length}:${text}|`);
  };
  add('source', source);
  add('detection', title.normalize('NFC').trim().replace(/\s+/gu, ' ').toLowerCase());
  add('primaryEntity', primaryEntity);
  hash.update(`bucket:${Math.floor(occurredAt / HOUR_MS)}`);
  return hash.digest('base64url');
}
