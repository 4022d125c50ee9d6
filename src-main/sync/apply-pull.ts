// Applies a pull page (docs/SYNC.md, "Pull") in one transaction: each record merged field by field
// against the vault's clock, evictions carried out, and the pull cursor moved to `next` — all or
// nothing, so a page that fails leaves the rows and the cursor as they were.
//
// The vault's stamp for a field is the one sync_field_stamps holds (pushed or pulled), or the stamp
// of this device's change-log entry not yet pushed, whichever is newer: a local edit waiting in the
// outbox is not overwritten by an older remote value. A pull writes no change-log entry (nothing
// of it goes back out) and no repository recorder runs; what the normal write path keeps beside the
// rows follows anyway: FTS and the analytics rollups by their triggers (for the alerts the page
// inserts, derived in bulk instead: store/alert-derivations.ts), entity counters recounted from the
// links, an investigation's lifecycle rows refreshed (store/case-lifecycle-table.ts).
//
// Items apply in the server's order: a record then an eviction of its scope leaves it gone, an
// eviction then a record (access regained) leaves it present.
import { VigilError } from '../../src-shared/errors';
import type { PullItem, PulledRecord } from '../../src-shared/sync-protocol';
import { DELETED_FIELD, RESTORED_FIELD, SYNC_TABLE_RULES, type SyncTable } from '../../src-shared/sync-tables';
import type { SqliteDatabase } from '../store/database';
import { parseHlc, type Hlc } from '../store/hlc';
import { CaseLifecycleTable } from '../store/case-lifecycle-table';
import { deriveAlertRows, withAlertDerivationsDeferred } from '../store/alert-derivations';
import { statementCacheOf } from '../store/statement-cache';
import { fingerprintsForPullPage } from '../store/fingerprint-index';
import { FieldStamps, WHOLE_RECORD, compareStamps, newerStamp, stampOf, type RecordStamps, type Stamp } from './field-stamps';
import { entryStamps, recordKey, thisDevice, type ThisDevice } from './local-changes';
import { ALERT_PARTS, SyncedShapes, columnValue, type ColumnValue } from './synced-shape';
import { linksValue, sightingsValue } from './alert-parts';
import { Evictor } from './evict';
import { keyToHold } from './investigation-keys';
import { readSyncState, setPullCursor } from './sync-state';
import { checkedPullPage } from './pull-page-check';
import { PageLookups, naturalKeyOf } from './page-lookups';

export interface ApplyPullOptions {
  /**
   * The cursor the page was pulled after: the page applies only on it. A runner that hands on the next
   * page while the last one applies relies on it: after a failed page, the next one is refused.
   */
  after?: number;
  /** Told the newest stamp the page carried, so this device's next edit orders after it (shared-hlc.ts `observe`). */
  observe?: (seen: Hlc) => void;
  /**
   * A first sync into a vault with no alerts sets the fingerprint index aside until the round ends
   * (store/fingerprint-index.ts): the sync worker's connection only, which ends the deferral itself.
   */
  deferFingerprints?: boolean;
}

export interface PullOutcome {
  /** Records whose fields or tombstone changed the vault. */
  written: number;
  /** Records the vault already held as new or newer. */
  unchanged: number;
  /** Rows evictions removed. */
  evicted: number;
  cursor: number;
}

const LAST_SEQ = Number.MAX_SAFE_INTEGER;

export function applyPull(db: SqliteDatabase, items: readonly PullItem[], next: number, options: ApplyPullOptions = {}): PullOutcome {
  const page = checkedPullPage(items, next);
  if (db.inTransaction) throw new Error('applyPull runs its own transaction: call it outside one');
  // Pulled rows name people and imports of other vaults (author_id, import_id…): users and imports do
  // not sync, so their references are not checked here (the pragma cannot change inside a transaction).
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    // The page's new alerts are inserted with their derived rows deferred and derived in bulk (store/alert-derivations.ts).
    const outcome = db.transaction(() => withAlertDerivationsDeferred(db, () => {
      const state = readSyncState(db);
      if (next < state.pullCursor) throw new VigilError('CONFLICT', 'The pull page ends before the vault\'s cursor', { cursor: state.pullCursor, next });
      if (options.after !== undefined && options.after !== state.pullCursor) {
        throw new VigilError('CONFLICT', 'The pull page does not follow the vault\'s cursor', { cursor: state.pullCursor, after: options.after });
      }
      const roundFingerprints = fingerprintsForPullPage(db, () => options.deferFingerprints === true && state.pullCursor === 0 && vaultHasNoAlerts(db));
      const writer = new PullWriter(db, state.pushedSeq, page, roundFingerprints);
      for (const item of page) {
        if ('record' in item) writer.apply(item.record);
        else writer.evict(item.evict);
      }
      writer.finish();
      setPullCursor(db, next);
      return { ...writer.counts, cursor: next, newest: writer.newest };
    })).immediate();
    if (outcome.newest && options.observe) options.observe(parseHlc(outcome.newest));
    return { written: outcome.written, unchanged: outcome.unchanged, evicted: outcome.evicted, cursor: outcome.cursor };
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
}

const vaultHasNoAlerts = (db: SqliteDatabase) => db.prepare('SELECT 1 FROM alerts LIMIT 1').get() === undefined;

type Row = Record<string, unknown> & { id: string };
interface Winner {
  field: string;
  value: unknown;
  stamp: Stamp;
}

const wallOf = (hlc: string) => parseHlc(hlc).wallMs;
/** The fields a natural key is made of (page-lookups.ts): an update that sets one may make a key held. */
const NATURAL_KEY_FIELDS = new Set(['fingerprint', 'kind', 'value']);

function idsByTable(records: ReadonlyArray<{ table: SyncTable; id: string }>): Map<SyncTable, string[]> {
  const byTable = new Map<SyncTable, string[]>();
  for (const { table, id } of records) {
    const ids = byTable.get(table) ?? [];
    ids.push(id);
    byTable.set(table, ids);
  }
  return byTable;
}

/** A record's deletion state: its tombstone, or a restore newer than it (docs/SYNC.md, "Records"). */
interface Deletion {
  stamp: Stamp;
  restored: boolean;
}

/** The newer of the record's tombstone and its restore; null when it has neither. */
function deletionOf(record: PulledRecord): Deletion | null {
  const restore = record.fields[RESTORED_FIELD];
  const tombstone = record.deleted;
  if (restore && (!tombstone || compareStamps(restore, tombstone) > 0)) return { stamp: { hlc: restore.hlc, device: restore.device }, restored: true };
  return tombstone ? { stamp: { hlc: tombstone.hlc, device: tombstone.device }, restored: false } : null;
}

const deletedAt = (deletion: Deletion): number | null => (deletion.restored ? null : wallOf(deletion.stamp.hlc));

/** The stamp most of a new record's fields carry (of one or more winners); a record written at once has one stamp: checked first. */
function mostCommonStamp(winners: readonly Winner[]): Stamp {
  const first = (winners[0] as Winner).stamp;
  if (winners.every((w) => w.stamp.hlc === first.hlc && w.stamp.device === first.device)) return first;
  const counts = new Map<string, { stamp: Stamp; n: number }>();
  for (const w of winners) {
    const key = `${w.stamp.hlc} ${w.stamp.device}`;
    const seen = counts.get(key);
    if (seen) seen.n += 1;
    else counts.set(key, { stamp: w.stamp, n: 1 });
  }
  return [...counts.values()].sort((a, b) => b.n - a.n)[0]?.stamp ?? first;
}

class PullWriter {
  readonly counts = { written: 0, unchanged: 0, evicted: 0 };
  newest: string | null = null;
  private readonly device: ThisDevice;
  private readonly shapes;
  private readonly stamps;
  private readonly evictor;
  private readonly touchedEntities = new Set<number>();
  private readonly touchedInvestigations = new Set<string>();
  /** This device's unpushed entries' stamps for the page's records, read in one pass. */
  private readonly unpushed;
  /** Each statement text is prepared once on the connection, for every page after (store/statement-cache.ts). */
  private readonly statements;
  /** What the vault held of the page's records when it began, read in bulk. */
  private readonly lookups;
  /** The fingerprint index is set aside (store/fingerprint-index.ts): the round's fingerprints are in `temp.round_fingerprints`. */
  private readonly roundFingerprints: boolean;
  /** Alerts this page inserted whose full text and rollup counts are not derived yet. */
  private underived: number[] = [];

  constructor(private readonly db: SqliteDatabase, pushedSeq: number, items: readonly PullItem[], roundFingerprints: boolean) {
    this.device = thisDevice(db);
    this.statements = statementCacheOf(db);
    this.roundFingerprints = roundFingerprints;
    this.shapes = new SyncedShapes(db);
    this.stamps = new FieldStamps(db);
    this.evictor = new Evictor(db, { touchedEntities: this.touchedEntities });
    const pulled = items.flatMap((item) => ('record' in item ? [item.record] : []));
    this.lookups = new PageLookups(this.statements, pulled, this.roundFingerprints);
    const records = pulled.map((record) => ({ table: record.table, id: this.aliasOf(record.table, record.id) }));
    this.unpushed = entryStamps(db, this.device, pushedSeq, LAST_SEQ, records);
    for (const [table, ids] of idsByTable(records)) this.stamps.preload(table, ids);
  }

  apply(record: PulledRecord): void {
    const table = record.table;
    for (const { hlc } of [...Object.values(record.fields), ...(record.deleted ? [record.deleted] : [])]) {
      if (this.newest === null || hlc > this.newest) this.newest = hlc;
    }
    const existing = this.target(table, record);
    const id = existing?.id ?? record.id;
    // Append-only: written once, and a second copy with the same id is the same record.
    if (existing && SYNC_TABLE_RULES[table].merge === 'append') {
      this.counts.unchanged += 1;
      return;
    }
    const vault = this.vaultStamps(table, id);
    const winners: Winner[] = [];
    for (const [field, stored] of Object.entries(record.fields)) {
      if (!this.shapes.isField(table, field)) continue;
      const incoming = { hlc: stored.hlc, device: stored.device };
      const local = existing ? stampOf(vault, field) : null;
      if (local && compareStamps(incoming, local) <= 0) continue;
      winners.push({ field, value: stored.value, stamp: incoming });
    }
    let deleted: Deletion | null = null;
    const incoming = deletionOf(record);
    if (incoming) {
      const local = stampOf(vault, DELETED_FIELD);
      if (!local || compareStamps(incoming.stamp, local) > 0) deleted = incoming;
    }
    if (winners.length === 0 && !deleted) {
      this.counts.unchanged += 1;
      return;
    }
    let rid: number | null = null;
    if (existing) {
      // An update trigger must find the derived rows of an alert this page inserted.
      this.deriveInserted();
      this.update(table, existing, winners, deleted);
    }
    else rid = this.insert(table, id, winners, deleted);
    this.lookups.noteWritten(table, id, existing ? null : naturalKeyOf(table, record.fields));
    if (existing && winners.some((w) => NATURAL_KEY_FIELDS.has(w.field))) this.lookups.forgetNaturalKeys(table);
    this.writeParts(table, id, rid, winners);
    this.noteTouched(table, id, winners);
    this.counts.written += 1;
  }

  evict(eviction: { scope: string } | { table: SyncTable; id: string }): void {
    // So must a delete trigger.
    this.deriveInserted();
    this.counts.evicted += 'scope' in eviction ? this.evictor.scope(eviction.scope) : this.evictor.record(eviction.table, this.aliasOf(eviction.table, eviction.id));
  }

  /** Settles what the page's rows imply: entity counters from the links, investigations' lifecycle rows. */
  finish(): void {
    this.deriveInserted();
    if (this.touchedEntities.size > 0) {
      this.db.prepare(
        `UPDATE entities SET
           alert_count = (SELECT count(*) FROM alert_entities WHERE entity_rid = entities.rid),
           first_seen_at = coalesce((SELECT min(a.occurred_at) FROM alert_entities l JOIN alerts a ON a.rid = l.alert_rid WHERE l.entity_rid = entities.rid), first_seen_at),
           last_seen_at = coalesce((SELECT max(a.last_seen_at) FROM alert_entities l JOIN alerts a ON a.rid = l.alert_rid WHERE l.entity_rid = entities.rid), last_seen_at)
         WHERE rid IN (SELECT value FROM json_each(?))`,
      ).run(JSON.stringify([...this.touchedEntities]));
    }
    const lifecycles = new CaseLifecycleTable(this.db);
    for (const id of this.touchedInvestigations) {
      if (this.statements.get('SELECT 1 FROM investigations WHERE id = ?').get(id)) lifecycles.refresh(id);
    }
  }

  /** The vault's row the record lands on: its own, or the row an alias (or the natural key) names. */
  private target(table: SyncTable, record: PulledRecord): Row | undefined {
    const id = this.aliasOf(table, record.id);
    const own = this.rowOf(table, id);
    if (own || (table !== 'alerts' && table !== 'entities')) return own;
    // The same detection or entity value imported on two devices: one row here, by its natural key.
    const key = naturalKeyOf(table, record.fields);
    if (key !== null && this.lookups.isNaturalKeyAbsent(table, key)) return undefined;
    const natural = (table === 'alerts'
      ? this.statements.get(this.roundFingerprints
        ? 'SELECT a.* FROM temp.round_fingerprints f JOIN alerts a ON a.rid = f.rid WHERE f.fingerprint = ?'
        : 'SELECT * FROM alerts WHERE fingerprint = ?').get(record.fields.fingerprint?.value ?? null)
      : this.statements.get('SELECT * FROM entities WHERE kind = ? AND value = ?').get(record.fields.kind?.value ?? null, record.fields.value?.value ?? null)) as Row | undefined;
    if (natural) {
      this.lookups.addAlias(table, record.id, natural.id);
      if (table === 'entities') this.linkPending(record.id, natural.id);
    }
    return natural;
  }

  private aliasOf(table: SyncTable, id: string): string {
    return table === 'alerts' || table === 'entities' ? this.lookups.aliasOf(table, id) : id;
  }

  private rowOf(table: SyncTable, id: string): Row | undefined {
    if (this.lookups.isAbsent(table, id)) return undefined;
    return this.statements.get(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Row | undefined;
  }

  private vaultStamps(table: SyncTable, id: string): RecordStamps {
    const stamps = this.stamps.of(table, id);
    for (const [field, stamp] of this.unpushed.get(recordKey(table, id)) ?? []) {
      const newer = newerStamp(stamps.get(field) ?? null, stamp);
      if (newer) stamps.set(field, newer);
    }
    return stamps;
  }

  /** Inserts the record's row; returns its rowid. */
  private insert(table: SyncTable, id: string, winners: readonly Winner[], deleted: Deletion | null): number {
    const shape = this.shapes.of(table);
    const values: Record<string, ColumnValue> = { id };
    for (const w of winners) if (shape.columns.has(w.field)) values[w.field] = this.columnOf(table, w);
    const stamps = winners.map((w) => w.stamp);
    const newest = stamps.reduce<Stamp | null>((a, b) => newerStamp(a, b), deleted?.stamp ?? null);
    const oldest = stamps.reduce<Stamp | null>((a, b) => (a === null || compareStamps(b, a) < 0 ? b : a), null) ?? newest;
    if (newest && oldest) {
      if (shape.columns.has('created_at')) values.created_at ??= wallOf(oldest.hlc);
      if (shape.versioned) Object.assign(values, this.version(newest));
      if (table === 'entities') Object.assign(values, { alert_count: 0, first_seen_at: values.created_at ?? wallOf(oldest.hlc), last_seen_at: values.created_at ?? wallOf(oldest.hlc) });
    }
    if (deleted && shape.columns.has('deleted_at')) values.deleted_at = deletedAt(deleted);
    if (table === 'investigations') this.holdKey(id, values, null);
    const columns = Object.keys(values);
    const inserted = this.statements.get(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`).run(values) as { lastInsertRowid: number | bigint };
    this.recordStamps(table, id, winners, deleted, true);
    if (table === 'entities') this.linkPending(id, id);
    const rid = Number(inserted.lastInsertRowid);
    if (table === 'alerts') {
      this.underived.push(rid);
      this.noteRoundFingerprint(values.fingerprint, rid);
    }
    return rid;
  }

  /** While the fingerprint index is set aside, the round's own record of which alert holds a fingerprint. */
  private noteRoundFingerprint(fingerprint: ColumnValue | undefined, rid: number): void {
    if (!this.roundFingerprints || typeof fingerprint !== 'string') return;
    this.statements.get('INSERT OR REPLACE INTO temp.round_fingerprints (fingerprint, rid) VALUES (?, ?)').run(fingerprint, rid);
  }

  /** The full text and rollup counts of the alerts inserted since the last time, as their triggers would have made them. */
  private deriveInserted(): void {
    if (this.underived.length === 0) return;
    deriveAlertRows(this.db, this.underived);
    this.underived = [];
  }

  private update(table: SyncTable, row: Row, winners: readonly Winner[], deleted: Deletion | null): void {
    const shape = this.shapes.of(table);
    const values: Record<string, ColumnValue> = {};
    for (const w of winners) if (shape.columns.has(w.field)) values[w.field] = this.columnOf(table, w);
    if (deleted && shape.columns.has('deleted_at')) values.deleted_at = deletedAt(deleted);
    if (shape.versioned) {
      const current = typeof row.updated_hlc === 'string' && row.updated_hlc !== '' ? { hlc: row.updated_hlc, device: this.stamps.devices.idOf(String(row.origin_device)) } : null;
      const newest = winners.map((w) => w.stamp).reduce<Stamp | null>((a, b) => newerStamp(a, b), deleted?.stamp ?? null);
      if (newest && (!current || compareStamps(newest, current) > 0)) Object.assign(values, this.version(newest));
    }
    if (table === 'investigations') this.holdKey(row.id, values, row.created_at);
    const columns = Object.keys(values);
    if (columns.length > 0) this.statements.get(`UPDATE ${table} SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...values, id: row.id });
    if (table === 'alerts' && values.fingerprint !== undefined) this.noteRoundFingerprint(values.fingerprint, Number(row.rid));
    this.recordStamps(table, row.id, winners, deleted, false);
  }

  /**
   * An investigation's key as this vault can hold it beside another case numbered alike
   * (investigation-keys.ts), when the write sets one; its creation time is the write's, else the row's.
   */
  private holdKey(id: string, values: Record<string, ColumnValue>, heldCreatedAt: unknown): void {
    if (typeof values.key !== 'string') return;
    const createdAt = typeof values.created_at === 'number' ? values.created_at : typeof heldCreatedAt === 'number' ? heldCreatedAt : null;
    values.key = keyToHold(this.statements, { id, created_at: createdAt }, values.key);
  }

  /** A field's value as the column holds it; an alert's primary entity named by the vault's id for it. */
  private columnOf(table: SyncTable, winner: Winner): ColumnValue {
    const value = columnValue(winner.value);
    return table === 'alerts' && winner.field === 'primary_entity_id' && typeof value === 'string' ? this.aliasOf('entities', value) : value;
  }

  /** A row's version follows its newest stamp: the time of the change that set it, and who made it. */
  private version(newest: Stamp): Record<string, ColumnValue> {
    return { updated_hlc: newest.hlc, origin_device: this.stamps.devices.numberOf(newest.device), updated_at: wallOf(newest.hlc) };
  }

  /** A new record's clock kept compact: its most common stamp as `*`, the others field by field. */
  private recordStamps(table: SyncTable, id: string, winners: readonly Winner[], deleted: Deletion | null, created: boolean): void {
    // An append-only record is written once and never merged field by field: it needs no clock.
    if (SYNC_TABLE_RULES[table].merge === 'append') return;
    if (created && winners.length > 0) {
      const common = mostCommonStamp(winners);
      this.stamps.record(table, id, [WHOLE_RECORD], common, true);
      for (const w of winners) if (compareStamps(w.stamp, common) !== 0) this.stamps.record(table, id, [w.field], w.stamp, false);
    } else {
      for (const w of winners) this.stamps.record(table, id, [w.field], w.stamp, false);
    }
    if (deleted) this.stamps.record(table, id, [DELETED_FIELD], deleted.stamp, false);
  }

  /** An alert's links and sightings, when their fields won: the vault's set becomes the record's. */
  private writeParts(table: SyncTable, alertId: string, insertedRid: number | null, winners: readonly Winner[]): void {
    if (table !== 'alerts' || !winners.some((w) => (ALERT_PARTS as readonly string[]).includes(w.field))) return;
    const rid = insertedRid ?? (this.statements.get('SELECT rid FROM alerts WHERE id = ?').get(alertId) as { rid: number } | undefined)?.rid;
    if (rid === undefined) return;
    for (const w of winners) {
      if (w.field === ALERT_PARTS[0]) this.setLinks(rid, alertId, w.value);
      if (w.field === ALERT_PARTS[1]) this.setSightings(alertId, w.value);
    }
  }

  private setLinks(alertRid: number, alertId: string, value: unknown): void {
    const links = linksValue.safeParse(value);
    if (!links.success) throw new VigilError('VALIDATION', `The pulled alert ${alertId} has links that do not parse`);
    const wanted = new Map<number, 0 | 1>();
    this.statements.get('DELETE FROM sync_pending_links WHERE alert_id = ?').run(alertId);
    for (const link of links.data) {
      const origin = link.origin === 'mapped' ? 0 : 1;
      const entity = this.entityRid(this.aliasOf('entities', link.entity));
      if (entity === undefined) this.statements.get('INSERT OR REPLACE INTO sync_pending_links (entity_id, alert_id, origin) VALUES (?, ?, ?)').run(link.entity, alertId, origin);
      else wanted.set(entity, origin);
    }
    const current = this.statements.get('SELECT entity_rid, origin FROM alert_entities WHERE alert_rid = ?').all(alertRid) as Array<{ entity_rid: number; origin: number }>;
    for (const link of current) {
      if (wanted.get(link.entity_rid) === link.origin) {
        wanted.delete(link.entity_rid);
        continue;
      }
      this.statements.get('DELETE FROM alert_entities WHERE alert_rid = ? AND entity_rid = ?').run(alertRid, link.entity_rid);
      this.touchedEntities.add(link.entity_rid);
    }
    for (const [entityRid, origin] of wanted) {
      this.statements.get('INSERT INTO alert_entities (alert_rid, entity_rid, origin) VALUES (?, ?, ?)').run(alertRid, entityRid, origin);
      this.touchedEntities.add(entityRid);
    }
  }

  private setSightings(alertId: string, value: unknown): void {
    const sightings = sightingsValue.safeParse(value);
    if (!sightings.success) throw new VigilError('VALIDATION', `The pulled alert ${alertId} has sightings that do not parse`);
    this.statements.get(
      `DELETE FROM alert_sightings WHERE alert_id = ? AND (source, external_id) NOT IN (SELECT value->>'source', value->>'externalId' FROM json_each(?))`,
    ).run(alertId, JSON.stringify(sightings.data));
    const insert = this.statements.get('INSERT OR IGNORE INTO alert_sightings (source, external_id, alert_id, occurred_at) VALUES (?, ?, ?, ?)');
    for (const s of sightings.data) insert.run(s.source, s.externalId, alertId, s.occurredAt);
  }

  /**
   * A pulled investigation's key is taken here too: the year's counter moves to at least its number,
   * as creating it here would have (investigations/key-allocator.ts), so this vault's next key is new.
   */
  private reserveKey(key: string): void {
    const match = /^INV-(\d{4})-(\d+)$/.exec(key);
    if (!match) return;
    this.statements.get(
      `INSERT INTO investigation_key_counters (year, last_number) VALUES (?, ?)
       ON CONFLICT (year) DO UPDATE SET last_number = max(last_number, excluded.last_number)`,
    ).run(Number(match[1]), Number(match[2]));
  }

  /** Links that waited for this entity (an alert pulled before it), named by the record's id, made to the vault's row `localId`. */
  private linkPending(entityId: string, localId: string): void {
    const entity = this.entityRid(localId);
    if (entity === undefined) return;
    const pending = this.statements.get('SELECT alert_id, origin FROM sync_pending_links WHERE entity_id = ?').all(entityId) as Array<{ alert_id: string; origin: number }>;
    for (const link of pending) {
      this.statements.get('INSERT OR IGNORE INTO alert_entities (alert_rid, entity_rid, origin) SELECT rid, ?, ? FROM alerts WHERE id = ?').run(entity, link.origin, link.alert_id);
    }
    if (pending.length > 0) this.touchedEntities.add(entity);
    if (pending.length > 0) this.statements.get('DELETE FROM sync_pending_links WHERE entity_id = ?').run(entityId);
  }

  private entityRid(id: string): number | undefined {
    return (this.statements.get('SELECT rid FROM entities WHERE id = ?').get(id) as { rid: number } | undefined)?.rid;
  }

  private noteTouched(table: SyncTable, id: string, winners: readonly Winner[]): void {
    if (table === 'investigations') {
      this.touchedInvestigations.add(id);
      const key = winners.find((w) => w.field === 'key')?.value;
      if (typeof key === 'string') this.reserveKey(key);
    }
    if (table === 'investigation_status_log') {
      const investigation = winners.find((w) => w.field === 'investigation_id')?.value;
      if (typeof investigation === 'string') this.touchedInvestigations.add(investigation);
    }
  }
}
