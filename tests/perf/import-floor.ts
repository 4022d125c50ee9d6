// What bounds an importer on this machine, measured beside the import: the JavaScript side
// alone (stream the CSV, map, parse times, normalise, extract entities, fingerprint; no database) and
// the least SQL the workspace's features need per alert in the most favourable shape (integer keys,
// one transaction, entities resolved in a JavaScript map, no change log, no parsing): the alert row
// with its dedup, idempotency and time indexes, entities, links both ways and the FTS5 row. No
// importer that keeps those features can write faster than the second figure here.
import { randomBytes, createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../src-main/store/database';
import { fileRecords, fileSource, readHeaders } from '../../src-main/import/file-reader';
import { autoDetectMapping } from '../../src-main/import/column-mapping';
import { alertFromRow, type AlertProfile } from '../../src-main/import/alerts/alert-row-mapper';
import { alertFingerprint } from '../../src-main/alerts/fingerprint';
import type { NewAlert } from '../../src-main/alerts/alert-writer';

/** Alerts per second of the importer's JavaScript work on the bench's CSV, without a database. */
export async function javascriptSidePerSecond(csvPath: string): Promise<number> {
  const source = fileSource(csvPath);
  const { columns } = autoDetectMapping(await readHeaders(source, 'csv'), 'alerts');
  const profile: AlertProfile = { name: 'bench', kind: 'alerts', columns, timestamp: { format: 'iso', timeZone: 'UTC' } };
  let alerts = 0;
  const start = performance.now();
  for await (const record of fileRecords(source, 'csv')) {
    if (!('values' in record)) continue;
    const row = alertFromRow(record.values, profile, 'bench', null);
    if (!row.ok) throw new Error(`bench row refused: ${row.reason}`);
    const primary = row.alert.primaryEntity;
    alertFingerprint({ ...row.alert, primaryEntity: primary ? `${primary.kind}:${primary.value}` : null });
    alerts += 1;
  }
  return alerts / ((performance.now() - start) / 1000);
}

const LEAST_SCHEMA = `
CREATE TABLE alerts (id INTEGER PRIMARY KEY, source TEXT, external_id TEXT, rule TEXT, title TEXT, description TEXT,
  severity TEXT, status INTEGER, fingerprint INTEGER, occurred_at INTEGER, last_seen_at INTEGER, occurrences INTEGER, primary_entity INTEGER);
CREATE UNIQUE INDEX alerts_fingerprint ON alerts(fingerprint);
CREATE UNIQUE INDEX alerts_sighting ON alerts(source, external_id);
CREATE INDEX alerts_time ON alerts(occurred_at);
CREATE TABLE entities (id INTEGER PRIMARY KEY, kind TEXT, value TEXT, UNIQUE (kind, value));
CREATE TABLE alert_entities (alert INTEGER, entity INTEGER, PRIMARY KEY (alert, entity)) WITHOUT ROWID;
CREATE INDEX alert_entities_entity ON alert_entities(entity, alert);
CREATE VIRTUAL TABLE alerts_fts USING fts5(title, description, content='alerts', content_rowid='id');
`;

export interface LeastSql {
  /** Alerts per second of each batch, in order, each into the database the ones before it filled. */
  perSecond: number[];
  /** The database file's size once every batch is in (WAL checkpointed by the close). */
  fileBytes: number;
}

/**
 * The least SQL per alert, into a fresh encrypted database in `dir` (same cipher settings as the
 * vault): each batch in one transaction, timed on its own, e.g. a first import then 10 % more.
 */
export function leastSql(dir: string, batches: readonly (readonly NewAlert[])[]): LeastSql {
  const path = join(dir, 'least-sql.db');
  const key = randomBytes(32);
  const db = openDatabase(path, { key });
  key.fill(0);
  try {
    db.pragma('foreign_keys = OFF');
    db.exec(LEAST_SCHEMA);
    const insertAlert = db.prepare('INSERT INTO alerts VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 1, ?)');
    const insertEntity = db.prepare('INSERT INTO entities (kind, value) VALUES (?, ?)');
    const insertLink = db.prepare('INSERT OR IGNORE INTO alert_entities VALUES (?, ?)');
    const insertText = db.prepare('INSERT INTO alerts_fts (rowid, title, description) VALUES (?, ?, ?)');
    const entityIds = new Map<string, number>();
    let id = 0;
    const perSecond = batches.map((alerts) => {
      const start = performance.now();
      db.transaction(() => {
        for (const alert of alerts) {
          id += 1;
          const fingerprint = createHash('sha1').update(`${alert.source}\u0000${alert.rule ?? ''}\u0000${alert.externalId}`).digest().readBigInt64LE(0);
          const linked = alert.entities.map((entity) => {
            const entityKey = `${entity.kind}\u0000${entity.value}`;
            let entityId = entityIds.get(entityKey);
            if (entityId === undefined) {
              entityId = Number(insertEntity.run(entity.kind, entity.value).lastInsertRowid);
              entityIds.set(entityKey, entityId);
            }
            return entityId;
          });
          insertAlert.run(id, alert.source, alert.externalId, alert.rule, alert.title, alert.description, alert.severity, fingerprint, alert.occurredAt, alert.occurredAt, linked[0] ?? null);
          for (const entityId of linked) insertLink.run(id, entityId);
          insertText.run(id, alert.title, alert.description);
        }
      })();
      return alerts.length / ((performance.now() - start) / 1000);
    });
    db.close();
    return { perSecond, fileBytes: statSync(path).size };
  } finally {
    if (db.open) db.close();
  }
}
