// Writes imported alerts a batch at a time, with set-based SQL: the same outcomes as writing them one
// by one (idempotent by source + external id, which an alert holds for the row it was made from and a
// sighting for each row folded into it; deduplicated by fingerprint, entities upserted and linked,
// every new or changed row in the change feed), in the caller's transaction.
//
// Why batches: an alert is ~20 B-tree writes (the alert and its indexes, its search row,
// ~4.6 entity links, new entities, change-log rows). Issued one statement per row from JavaScript,
// the per-call cost dominated (170 µs an alert). Here each batch is resolved in memory first — which
// rows were imported before, which fold into an alert by fingerprint, which entities exist — and
// then written by one statement per table reading the batch as JSON (json_each), each sorted by the
// target's key so the B-tree inserts land next to each other.
//
// Rows that fold keep the highest severity among them: a critical repeat of a high alert raises it,
// in the batch and in the vault (an alert from an earlier import is raised, never lowered, and the undo
// journal keeps the severity it had so an undone import gives it back).
//
// The change feed gets one entry for the batch's new alerts and one for its new entities, each naming
// the batch's key range at one HLC (store/change-feed.ts), not an entry per row; an alert a row folds
// into from an earlier batch gets an entry of its own naming what changed.
//
// Links are pairs of row keys (schema v19): the writer learns the rid of every alert and entity it
// inserts from the insert itself (RETURNING), of those already there from the lookup that found them.
//
// The source row each new alert came from is stored compactly against its import's column names
// (store/source-row.ts, schema v22); the names grow on the import's row in the batch's transaction.
//
// Entity counters (alert_count, first/last seen) are derived from alert_entities: summed in memory
// and written by flush() (alerts/entity-counters.ts), which the caller runs before committing. They are not in the feed; the
// links travel with their alert.
import type { SqliteDatabase } from '../store/database';
import { restoreFingerprintIndexUnlessDeferring } from '../store/fingerprint-index';
import { uuidv7 } from '../store/ids';
import type { RowContext } from '../store/row-context';
import { createBatchFeed } from '../store/change-log';
import type { EntityKind } from '../entities/entity-kinds';
import { DEFAULT_DEDUP, type DedupPolicy } from './fingerprint';
import { fingerprintOf, VaultFolds, type FoldTarget } from './alert-folds';
import type { Severity } from '../../src-shared/model';
import { higherSeverity } from '../../src-shared/promotion-severity';
import { storedLinkOrigin, type LinkOrigin } from './alert-links';
import { parseSourceColumns, SourceRowEncoder, type SourceRow } from '../store/source-row';
import { DenseEntityCounters, SummedEntityCounters, type EntityCounters } from './entity-counters';
import { EntityKeyHashes } from './entity-key-hashes';
import { EntityKeyCache, type EntityKeys } from './entity-key-cache';

export interface AlertEntityInput {
  kind: EntityKind;
  /** Already normalised (entities/normalize.ts). */
  value: string;
  origin: LinkOrigin;
}

export interface NewAlert {
  source: string;
  externalId: string;
  rule: string | null;
  title: string;
  description: string;
  severity: Severity;
  occurredAt: number;
  entities: readonly AlertEntityInput[];
  /** The entity the alert is about (its first mapped entity by default). */
  primaryEntity: AlertEntityInput | null;
  importId: string | null;
  /** The row as the source wrote it (an import's); null for alerts Vigil made. */
  raw: SourceRow | null;
  /** When Vigil received it (its created_at); the write's own time when absent, as for every import. Demo data replays a feed. */
  receivedAt?: number;
}

export type WriteOutcome = 'inserted' | 'deduplicated' | 'already_imported';

/** What a fold changes on an alert of an earlier batch: its counts and times, its links and sightings. */
const BUMP_FIELDS = ['occurrences', 'last_seen_at', 'occurred_at', 'entities', 'sightings'];
const RAISED_FIELDS = [...BUMP_FIELDS, 'severity'];

/** Entities per generation of the key cache (entity-key-cache.ts): at most twice as many are held. */
const CACHED_ENTITIES_PER_GENERATION = 100_000;

export interface AlertWriterOptions {
  /** How rows fold into one alert (alerts/fingerprint.ts). */
  dedup?: DedupPolicy;
  /**
   * Whether the import's undo journal (migration 007) records what a batch changes beyond its own new
   * alerts: yes for an import into the vault; not for a staged import (import/alerts/staged-import.ts),
   * which changes nothing else in the vault.
   */
  journal?: boolean;
  /**
   * The writer fills the entities table alone, from empty (a staged import's file): an entity it has
   * not added is new without a lookup, and the counters are kept by row key and written once, in order.
   */
  fillsEntitiesAlone?: boolean;
}


/** One alert the batch writes to: a new row, or an existing one that rows of the batch fold into. */
interface BatchTarget {
  id: string;
  /** Its row key: known for an existing alert, learnt from the insert for a new one. */
  rid: number | null;
  isNew: boolean;
  /** The vault's severity of an existing alert; null for a new one. */
  severityBefore: Severity | null;
  /** The highest severity of the rows folded into it (and of the existing alert). */
  severity: Severity;
  first: NewAlert;
  fingerprint: string;
  occurrences: number;
  occurredAt: number;
  lastSeenAt: number;
  /** entity key → the entity and the time of the row that brought it. */
  entities: Map<string, { entity: AlertEntityInput; seenAt: number }>;
}

/** A set-based statement's parameters: the batch as a JSON array of rows, and what every row shares. */
interface BatchParameters {
  now: number;
  device: string;
  rows: string;
}

const entityKey = (kind: EntityKind, value: string) => `${kind}\u0000${value}`;

export class AlertWriter {
  private readonly entityIds = new EntityKeyCache(CACHED_ENTITIES_PER_GENERATION);
  private readonly counters: EntityCounters;
  /** Every entity key this writer added, when it fills the table alone. */
  private readonly added: EntityKeyHashes | null;
  private readonly dedup: DedupPolicy;
  private readonly vault;
  private readonly knownEntities;
  private readonly insertEntities;
  private readonly insertAlerts;
  private readonly insertSightings;
  private readonly insertLinks;
  private readonly feedBatch;
  private readonly bumpAlert;
  private readonly linkEntity;
  private readonly journal;
  private readonly sourceColumns;
  /** By import id: each import's column names, for the rows of its alerts. */
  private readonly encoders = new Map<string, SourceRowEncoder>();

  /**
   * `importId`: the import the batches belong to (the change feed's batch entries name it), null for
   * alerts Vigil makes (demo data, volume anomalies).
   */
  constructor(
    private readonly db: SqliteDatabase,
    private readonly context: RowContext,
    private readonly importId: string | null = null,
    options: AlertWriterOptions = {},
  ) {
    const { dedup = DEFAULT_DEDUP, journal = importId !== null, fillsEntitiesAlone = false } = options;
    this.dedup = dedup;
    this.counters = fillsEntitiesAlone ? new DenseEntityCounters(db) : new SummedEntityCounters(db);
    this.added = fillsEntitiesAlone ? new EntityKeyHashes() : null;
    this.vault = new VaultFolds(db);
    this.knownEntities = db.prepare<[string, string], { id: string; rid: number; value: string }>(
      'SELECT e.id, e.rid, e.value FROM json_each(?) j CROSS JOIN entities e ON e.kind = ? AND e.value = j.value',
    );
    this.insertEntities = db.prepare<[BatchParameters], EntityKeys>(
      `INSERT INTO entities (id, kind, value, first_seen_at, last_seen_at, created_at, updated_at, updated_hlc, origin_device)
       SELECT value->>0, value->>1, value->>2, value->>3, value->>3, @now, @now, value->>4, @device FROM json_each(@rows)
       RETURNING id, rid`,
    );
    this.insertAlerts = db.prepare<[BatchParameters], { id: string; rid: number }>(
      `INSERT INTO alerts (id, source, external_id, rule, title, description, severity, fingerprint, primary_entity_id,
         occurred_at, last_seen_at, occurrences, import_id, raw, created_at, updated_at, updated_hlc, origin_device)
       SELECT value->>0, value->>1, value->>2, value->>3, value->>4, value->>5, value->>6, value->>7, value->>8,
         value->>9, value->>10, value->>11, value->>12, value->>13, coalesce(value->>15, @now), @now, value->>14, @device FROM json_each(@rows)
       RETURNING id, rid`,
    );
    this.insertSightings = db.prepare<[string]>(
      `INSERT INTO alert_sightings (source, external_id, alert_id, occurred_at)
       SELECT value->>0, value->>1, value->>2, value->>3 FROM json_each(?)`,
    );
    this.insertLinks = db.prepare<[string]>(
      'INSERT INTO alert_entities (alert_rid, entity_rid, origin) SELECT value->>0, value->>1, value->>2 FROM json_each(?)',
    );
    this.feedBatch = createBatchFeed(db, context);
    this.bumpAlert = db.prepare(
      `UPDATE alerts SET occurrences = occurrences + ?, last_seen_at = max(last_seen_at, ?), occurred_at = min(occurred_at, ?),
         severity = ?, updated_at = ?, updated_hlc = ?, origin_device = ? WHERE id = ?`,
    );
    this.linkEntity = db.prepare<[number, number, number]>('INSERT OR IGNORE INTO alert_entities (alert_rid, entity_rid, origin) VALUES (?, ?, ?)');
    this.sourceColumns = {
      read: db.prepare<[string], { source_columns: string | null }>('SELECT source_columns FROM imports WHERE id = ?'),
      write: db.prepare<[string, string]>('UPDATE imports SET source_columns = ? WHERE id = ?'),
    };
    this.journal = !journal || importId === null ? null : {
      importId,
      newEntities: db.prepare<[{ importId: string; rows: string }]>(
        'INSERT INTO import_new_entities (import_id, entity_id) SELECT @importId, value->>0 FROM json_each(@rows)',
      ),
      fold: db.prepare<[string, string]>(
        `INSERT OR IGNORE INTO import_folds (import_id, alert_id, occurrences, occurred_at, last_seen_at, severity)
         SELECT ?, id, occurrences, occurred_at, last_seen_at, severity FROM alerts WHERE id = ?`,
      ),
      foldSighting: db.prepare<[string, string, string]>('INSERT OR IGNORE INTO import_fold_sightings (import_id, source, external_id) VALUES (?, ?, ?)'),
      foldLink: db.prepare<[string, string, string]>('INSERT OR IGNORE INTO import_fold_links (import_id, alert_id, entity_id) VALUES (?, ?, ?)'),
    };
  }

  /** Writes one alert (a batch of one): for callers that make alerts one at a time. */
  write(alert: NewAlert): WriteOutcome {
    return this.writeBatch([alert])[0] as WriteOutcome;
  }

  /** Writes a batch; returns each alert's outcome, in the batch's order. */
  writeBatch(alerts: readonly NewAlert[]): WriteOutcome[] {
    // Dedup needs the fingerprint index, and so does uniqueness: a first sync may have set it aside.
    restoreFingerprintIndexUnlessDeferring(this.db);
    const now = this.context.now();
    const imported = this.vault.importedBefore(alerts);
    const fingerprints = alerts.map((alert) => fingerprintOf(alert, this.dedup));
    const existing: Map<string, FoldTarget> = this.vault.existingAlerts(fingerprints.filter((_, i) => !imported.has(i)));

    const outcomes: WriteOutcome[] = [];
    const targets = new Map<string, BatchTarget>();
    const sightings: [string, string, string, number][] = [];
    const seen = new Set<string>();
    alerts.forEach((alert, i) => {
      const sighting = `${alert.source}\u0000${alert.externalId}`;
      if (imported.has(i) || seen.has(sighting)) {
        outcomes.push('already_imported');
        return;
      }
      seen.add(sighting);
      const fingerprint = fingerprints[i] as string;
      let target = targets.get(fingerprint);
      if (target) {
        target.occurrences += 1;
        target.occurredAt = Math.min(target.occurredAt, alert.occurredAt);
        target.lastSeenAt = Math.max(target.lastSeenAt, alert.occurredAt);
        target.severity = higherSeverity(target.severity, alert.severity);
        outcomes.push('deduplicated');
      } else {
        const found = existing.get(fingerprint);
        target = {
          id: found?.id ?? uuidv7(now), rid: found?.rid ?? null, isNew: found === undefined, severityBefore: found?.severity ?? null,
          severity: found ? higherSeverity(found.severity, alert.severity) : alert.severity, first: alert, fingerprint,
          occurrences: 1, occurredAt: alert.occurredAt, lastSeenAt: alert.occurredAt, entities: new Map(),
        };
        targets.set(fingerprint, target);
        outcomes.push(target.isNew ? 'inserted' : 'deduplicated');
      }
      for (const entity of alert.entities) {
        const key = entityKey(entity.kind, entity.value);
        if (!target.entities.has(key)) target.entities.set(key, { entity, seenAt: alert.occurredAt });
      }
      // The row a new alert is made from is that alert's own sighting (schema v23): only folded rows are kept apart.
      if (target.first !== alert || !target.isNew) sightings.push([alert.source, alert.externalId, target.id, alert.occurredAt]);
    });

    const all = [...targets.values()];
    const newIds = new Set(all.filter((t) => t.isNew).map((t) => t.id));
    const entityIds = this.resolveEntities(all, now);
    this.insertNewAlerts(all.filter((t) => t.isNew), entityIds, now);
    this.bumpExisting(all.filter((t) => !t.isNew), entityIds, now);
    if (this.journal) {
      for (const [source, externalId, alertId] of sightings) {
        if (!newIds.has(alertId)) this.journal.foldSighting.run(this.journal.importId, source, externalId);
      }
    }
    sightings.sort((a, b) => compareText(a[0], b[0]) || compareText(a[1], b[1]));
    if (sightings.length > 0) this.insertSightings.run(JSON.stringify(sightings));
    return outcomes;
  }

  /** Entity counters summed in memory and not yet written. */
  get pendingCounters(): number {
    return this.counters.pending;
  }

  /**
   * Writes up to `limit` summed entity counters (all by default) and returns how many remain. Run it
   * to the end before the transaction commits; a caller that must stay responsive writes them in
   * slices between batches.
   */
  flush(limit = Number.POSITIVE_INFINITY): number {
    return this.counters.flush(limit);
  }

  /** The keys of every entity the batch's alerts name: cached, found in the vault, or inserted now. */
  private resolveEntities(targets: readonly BatchTarget[], now: number): Map<string, EntityKeys> {
    const resolved = new Map<string, EntityKeys>();
    const missing = new Map<string, { entity: AlertEntityInput; seenAt: number }>();
    for (const target of targets) {
      for (const [key, link] of target.entities) {
        if (resolved.has(key)) continue;
        const cached = this.entityIds.get(key);
        if (cached) {
          resolved.set(key, cached);
          continue;
        }
        const known = missing.get(key);
        if (!known || link.seenAt < known.seenAt) missing.set(key, link);
      }
    }
    const byKind = new Map<EntityKind, string[]>();
    for (const [key, { entity }] of missing) {
      // Filling the table alone, an entity this writer never added is not in it.
      if (this.added && !this.added.mightHave(key)) continue;
      const list = byKind.get(entity.kind);
      if (list) list.push(entity.value);
      else byKind.set(entity.kind, [entity.value]);
    }
    for (const [kind, values] of byKind) {
      for (const row of this.knownEntities.all(JSON.stringify(values), kind)) {
        const key = entityKey(kind, row.value);
        const keys = { id: row.id, rid: row.rid };
        this.entityIds.set(key, keys);
        resolved.set(key, keys);
        missing.delete(key);
      }
    }
    if (missing.size > 0) {
      const hlc = this.context.hlc();
      const keyOf = new Map<string, string>();
      const rows = [...missing].map(([key, { entity, seenAt }]) => {
        const id = uuidv7(now);
        keyOf.set(id, key);
        return [id, entity.kind, entity.value, seenAt, hlc] as const;
      });
      rows.sort((a, b) => compareText(a[0], b[0]));
      const inserted = this.insertEntities.all({ now, device: this.context.device, rows: JSON.stringify(rows) });
      for (const entity of inserted) {
        const key = keyOf.get(entity.id) as string;
        this.entityIds.set(key, entity);
        resolved.set(key, entity);
        this.added?.add(key);
      }
      this.feedBatch('entities', this.importId, inserted.map((entity) => entity.rid), hlc);
      if (this.journal) this.journal.newEntities.run({ importId: this.journal.importId, rows: JSON.stringify(rows.map((r) => [r[0]])) });
    }
    return resolved;
  }

  private insertNewAlerts(targets: BatchTarget[], entityIds: Map<string, EntityKeys>, now: number): void {
    if (targets.length === 0) return;
    targets.sort((a, b) => compareText(a.id, b.id));
    const hlc = this.context.hlc();
    const rows = targets.map((t) => {
      const a = t.first;
      const primary = a.primaryEntity ? entityIds.get(entityKey(a.primaryEntity.kind, a.primaryEntity.value))?.id ?? null : null;
      return [t.id, a.source, a.externalId, a.rule, a.title, a.description, t.severity, t.fingerprint, primary,
        t.occurredAt, t.lastSeenAt, t.occurrences, a.importId, this.storedRaw(a), hlc, a.receivedAt ?? null];
    });
    this.storeGrownColumns();
    const rids = new Map<string, number>();
    for (const inserted of this.insertAlerts.all({ now, device: this.context.device, rows: JSON.stringify(rows) })) rids.set(inserted.id, inserted.rid);
    this.feedBatch('alerts', this.importId, [...rids.values()], hlc);
    const links: [number, number, number][] = [];
    for (const target of targets) {
      const alertRid = rids.get(target.id) as number;
      for (const [key, { entity, seenAt }] of target.entities) {
        const entityRid = (entityIds.get(key) as EntityKeys).rid;
        links.push([alertRid, entityRid, storedLinkOrigin(entity.origin)]);
        this.counters.count(entityRid, seenAt);
      }
    }
    links.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    this.insertLinks.run(JSON.stringify(links));
  }

  /** Rows folding into alerts from earlier imports: rare, so one statement per alert. */
  private bumpExisting(targets: readonly BatchTarget[], entityIds: Map<string, EntityKeys>, now: number): void {
    for (const target of targets) {
      if (this.journal) this.journal.fold.run(this.journal.importId, target.id);
      const hlc = this.context.hlc();
      this.bumpAlert.run(target.occurrences, target.lastSeenAt, target.occurredAt, target.severity, now, hlc, this.context.device, target.id);
      this.context.changes.record('alerts', target.id, target.severity === target.severityBefore ? BUMP_FIELDS : RAISED_FIELDS, hlc);
      for (const [key, { entity, seenAt }] of target.entities) {
        const keys = entityIds.get(key) as EntityKeys;
        if (this.linkEntity.run(target.rid as number, keys.rid, storedLinkOrigin(entity.origin)).changes === 0) continue;
        if (this.journal) this.journal.foldLink.run(this.journal.importId, target.id, keys.id);
        this.counters.count(keys.rid, seenAt);
      }
    }
  }

  /** The alert's source row as stored: compact against its import's columns, keyed JSON without an import. */
  private storedRaw(alert: NewAlert): string | null {
    if (alert.raw === null) return null;
    if (alert.importId === null) return JSON.stringify(alert.raw);
    let encoder = this.encoders.get(alert.importId);
    if (!encoder) {
      encoder = new SourceRowEncoder(parseSourceColumns(this.sourceColumns.read.get(alert.importId)?.source_columns ?? null));
      this.encoders.set(alert.importId, encoder);
    }
    return encoder.encode(alert.raw, alert);
  }

  /** Column names the batch's rows met for the first time, stored with the rows that use them. */
  private storeGrownColumns(): void {
    for (const [importId, encoder] of this.encoders) {
      const names = encoder.takeGrownNames();
      if (names !== null) this.sourceColumns.write.run(names, importId);
    }
  }
}

/** Code-unit order, as SQLite's BINARY collation compares ASCII keys. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
