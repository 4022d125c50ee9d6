// The outbox (docs/SYNC.md, "Push"): this device's change-log entries after the pushed cursor, as the
// changes a push carries. An entry names fields; the change carries their values as the row holds
// them now (change-feed.ts: the receiver keeps the highest stamp per field, so present values at the
// entry's HLC are enough), the entry's HLC, and each field's `base`: the stamp it had before.
//
// Skipped, though the batch's `upto` moves past them: entries another device made (a pull that wrote
// an entry gives it the remote origin), and tables that do not sync. An entry whose row is gone (an
// undone import, a retention purge) names nothing.
//
// A batch covers whole change-log seqs and at most `limit` changes. An import's batch entry expands to
// one change per row (up to the writer's 5,000): one that would push a batch past the limit ends the
// batch before it, and one bigger than the limit by itself goes in parts of at most `limit` changes
// (`batch.part`: docs/SYNC.md, "Push", "Parts"), each acknowledged apart. markPushed records how far
// into the entry the server has come (pushed-part.ts), so the next read, after a restart too, starts
// at the next part.
import type { AuditHead, PushBatch, PushedChange } from '../../src-shared/sync-protocol';
import { VigilError } from '../../src-shared/errors';
import { SYNC_LIMITS } from '../../src-shared/sync-protocol';
import { DELETED_FIELD, RESTORED_FIELD, SYNC_TABLE_RULES, type SyncTable } from '../../src-shared/sync-tables';
import type { SqliteDatabase } from '../store/database';
import { ChangeFeed, type FeedEntry, type FeedRow } from '../store/change-feed';
import { WHOLE_ROWS } from '../store/change-log';
import { FieldStamps, WHOLE_RECORD, compareStamps, stampOf, type RecordStamps, type Stamp } from './field-stamps';
import { entryStamps, recordKey, thisDevice, type ThisDevice } from './local-changes';
import { linksByAlert, sightingsByAlert } from './alert-parts';
import { SyncedShapes, type ColumnValue } from './synced-shape';
import { advancePushedSeq, readSyncState } from './sync-state';
import { advancePushedPart, clearPushedPart, readPushedPart } from './pushed-part';
import { localAuditHead } from './audit-head';

export interface OutboxBatch {
  /** With `part` when the batch is a part of one entry (the entry `upto`). */
  batch: PushBatch;
  changes: PushedChange[];
  /** A part of one entry of more changes than the limit (or one resumed past its start): `batch.part` says which. */
  oversized: boolean;
  /** The vault's audit-chain head as the batch is read, sent with it (audit-head.ts). */
  auditHead: AuditHead | null;
}

export interface OutboxReadOptions {
  /**
   * How many changes of the first entry after `afterSeq` the server already holds (a `PUSH_GAP`'s
   * `expectedOffset`). By default the vault's own record of the entry under way (pushed-part.ts).
   */
  partOffset?: number;
}

/**
 * The parts readOutbox handed out, by their changes array: markPushed called the older way, with a
 * bare `upto` and those changes, still records a part as a part (not as its whole entry pushed).
 */
const partsHandedOut = new WeakMap<readonly PushedChange[], PushBatch>();

const isSynced = (table: string): table is SyncTable => Object.hasOwn(SYNC_TABLE_RULES, table);
const ENTRIES_PER_READ = 200;

const isSeq = (n: number) => Number.isSafeInteger(n) && n >= 0;

export function readOutbox(db: SqliteDatabase, afterSeq: number, limit: number = SYNC_LIMITS.changesPerPush, options: OutboxReadOptions = {}): OutboxBatch {
  if (!isSeq(afterSeq) || !isSeq(limit) || limit === 0) throw new VigilError('VALIDATION', 'The outbox is read after a change-log seq, at least one change at a time', { afterSeq, limit });
  if (options.partOffset !== undefined && !isSeq(options.partOffset)) throw new VigilError('VALIDATION', 'A part starts at a change of its entry', { partOffset: options.partOffset });
  return { ...readBatch(db, afterSeq, limit, options), auditHead: localAuditHead(db) };
}

type BatchRead = Omit<OutboxBatch, 'auditHead'>;

function readBatch(db: SqliteDatabase, afterSeq: number, limit: number, options: OutboxReadOptions): BatchRead {
  const device = thisDevice(db);
  const feed = new ChangeFeed(db);
  const shapes = new SyncedShapes(db);
  const ledger = new BaseLedger(db, device, readSyncState(db).pushedSeq, afterSeq);
  const underWay = readPushedPart(db);
  const changes: PushedChange[] = [];
  let upto = afterSeq;
  for (;;) {
    const entries = feed.read(upto, ENTRIES_PER_READ);
    if (entries.length === 0) return { batch: { after: afterSeq, upto }, changes, oversized: false };
    for (const entry of entries) {
      if (entry.originDevice !== device.id || !isSynced(entry.table)) {
        upto = entry.seq;
        continue;
      }
      const expanded = changesOf(db, feed, shapes, ledger, entry, entry.table);
      // Only the batch's first entry can be one under way; its offset counts changes of this entry.
      const first = changes.length === 0;
      const offset = !first ? 0 : options.partOffset ?? (underWay?.seq === entry.seq ? underWay.offset : 0);
      const inParts = expanded.length > limit || offset > 0;
      if ((inParts || changes.length + expanded.length > limit) && !first) return { batch: { after: afterSeq, upto }, changes, oversized: false };
      // Resuming from the vault's own record, the part is the entry's rows not yet pushed (their
      // creation stamp is the entry's): a row removed since an earlier part shifts nothing. A server's
      // `expectedOffset` is a count of changes it holds, so that one slices the rows as they are now.
      if (inParts) return partOf(ledger, entry, expanded, afterSeq, offset, limit, options.partOffset === undefined ? new PushedRows(db, device) : null);
      changes.push(...expanded);
      upto = entry.seq;
      for (const change of expanded) ledger.note(change, entry.kind === 'batch' || isCreation(change));
    }
  }
}

/** Which rows of an entry in parts an earlier part already carried: the vault recorded their creation at the entry's stamp. */
class PushedRows {
  private readonly stamps;

  constructor(db: SqliteDatabase, private readonly device: ThisDevice) {
    this.stamps = new FieldStamps(db);
  }

  has(change: PushedChange, entryHlc: string): boolean {
    const creation = this.stamps.of(change.table, change.id).get(WHOLE_RECORD);
    return creation !== undefined && compareStamps(creation, { hlc: entryHlc, device: this.device.id }) >= 0;
  }
}

/** The part of an entry from `offset`, at most `limit` changes, alone in its batch. */
function partOf(ledger: BaseLedger, entry: FeedEntry, expanded: PushedChange[], after: number, offset: number, limit: number, pushed: PushedRows | null): BatchRead {
  const remaining = pushed && offset > 0 ? expanded.filter((change) => !pushed.has(change, entry.hlc)) : expanded.slice(offset);
  const changes = remaining.slice(0, limit);
  for (const change of changes) ledger.note(change, entry.kind === 'batch' || isCreation(change));
  const last = changes.length >= remaining.length;
  const batch = { after, upto: entry.seq, part: { offset, last } };
  partsHandedOut.set(changes, batch);
  return { batch, changes, oversized: true };
}

/**
 * Records, once the server acknowledged a batch, the stamps it pushed (each field's clock is now the
 * pushed change's) and the outbox cursor, in one transaction. Pass the batch as readOutbox gave it:
 * for a part that is not its entry's last, the cursor stays and the part's end is recorded instead,
 * so the next read starts at the next part. A bare `upto` stands for a whole batch, unless `changes`
 * is the very array readOutbox handed out as a part.
 */
export function markPushed(db: SqliteDatabase, pushed: number | PushBatch, changes: readonly PushedChange[]): void {
  const upto = typeof pushed === 'number' ? pushed : pushed.upto;
  const handedOut = partsHandedOut.get(changes);
  const part = typeof pushed !== 'number' ? pushed.part : handedOut?.upto === upto ? handedOut.part : undefined;
  if (!isSeq(upto)) throw new VigilError('VALIDATION', 'A pushed batch ends at a change-log seq', { upto });
  const beyond = changes.find((change) => change.seq > upto || (part !== undefined && change.seq !== upto));
  if (beyond) throw new VigilError('VALIDATION', 'A pushed change lies beyond the batch it was pushed in', { upto, seq: beyond.seq });
  if (part !== undefined && !isSeq(part.offset)) throw new VigilError('VALIDATION', 'A part starts at a change of its entry', { offset: part.offset });
  const device = thisDevice(db);
  const stamps = new FieldStamps(db);
  db.transaction(() => {
    for (const change of changes) {
      // An append-only record is written once and never merged field by field: it needs no clock.
      if (SYNC_TABLE_RULES[change.table].merge === 'append') continue;
      // A restore's stamp is the record's deletion stamp, as a tombstone's is.
      const names = Object.keys(change.fields).map((name) => (name === RESTORED_FIELD ? DELETED_FIELD : name));
      const hlc = change.fields[names[0] ?? '']?.hlc ?? change.deleted?.hlc;
      if (hlc === undefined) continue;
      const stamp: Stamp = { hlc, device: device.id };
      stamps.record(change.table, change.id, names, stamp, isCreation(change));
      if (change.deleted) stamps.record(change.table, change.id, [DELETED_FIELD], { hlc: change.deleted.hlc, device: device.id }, false);
    }
    if (part !== undefined && !part.last) {
      advancePushedPart(db, { seq: upto, offset: part.offset + changes.length });
    } else {
      advancePushedSeq(db, upto);
      clearPushedPart(db);
    }
  })();
}

/** The change that made the record: it carries `created_at` with no base (outbox.ts adds it to a record's first change). */
function isCreation(change: PushedChange): boolean {
  const created = change.fields.created_at;
  return created !== undefined && created.base === null;
}

/**
 * Each field's stamp before the change being built: what the vault stored (pushed or pulled), else an
 * earlier change of this batch, else an entry of this device not yet pushed but before the batch
 * (only when the batch starts past the pushed cursor), else none.
 */
class BaseLedger {
  private readonly stamps;
  private readonly known = new Map<string, RecordStamps>();

  constructor(private readonly db: SqliteDatabase, private readonly device: ThisDevice, private readonly pushedSeq: number, private readonly afterSeq: number) {
    this.stamps = new FieldStamps(db);
  }

  of(table: SyncTable, id: string): RecordStamps {
    const key = recordKey(table, id);
    let stamps = this.known.get(key);
    if (!stamps) {
      stamps = this.stamps.of(table, id);
      const earlier = entryStamps(this.db, this.device, this.pushedSeq, this.afterSeq, [{ table, id }]).get(key);
      for (const [field, stamp] of earlier ?? []) stamps.set(field, stamp);
      this.known.set(key, stamps);
    }
    return stamps;
  }

  base(table: SyncTable, id: string, field: string): string | null {
    return stampOf(this.of(table, id), field)?.hlc ?? null;
  }

  note(change: PushedChange, whole: boolean): void {
    const stamps = this.of(change.table, change.id);
    for (const [field, value] of Object.entries(change.fields)) stamps.set(whole ? WHOLE_RECORD : field === RESTORED_FIELD ? DELETED_FIELD : field, { hlc: value.hlc, device: this.device.id });
    if (change.deleted) stamps.set(DELETED_FIELD, { hlc: change.deleted.hlc, device: this.device.id });
  }
}

function changesOf(db: SqliteDatabase, feed: ChangeFeed, shapes: SyncedShapes, ledger: BaseLedger, entry: FeedEntry, table: SyncTable): PushedChange[] {
  const append = SYNC_TABLE_RULES[table].merge === 'append';
  const shape = shapes.of(table);
  const payload = feed.payload(entry);
  const rows = payload ? payload.rows : rowOf(db, table, entry);
  const links = payload ? linksByAlert(payload) : new Map();
  const sightings = payload ? sightingsByAlert(payload) : new Map();
  const whole = entry.kind === 'batch' || (payload?.fields === WHOLE_ROWS);
  const changes: PushedChange[] = [];
  for (const row of rows) {
    const named = entry.kind === 'row' ? entry.fields : [];
    // An append-only record is written once: its change is the whole row (some entries forget a
    // column, e.g. an alert addition's `at`). A batch entry names every column.
    let names = append || whole ? [...shape.fields] : named.filter((field) => shapes.isField(table, field) && field !== 'created_at');
    if (table === 'alerts' && whole) names.push('entities', 'sightings');
    // The record's first change carries its creation time, which no entry names.
    if (shape.columns.has('created_at') && !names.includes('created_at') && ledger.base(table, row.id, 'created_at') === null) names.push('created_at');
    names = [...new Set(names)];
    const fields: PushedChange['fields'] = {};
    for (const name of names) {
      const value = name === 'entities' ? (links.get(row.id) ?? []) : name === 'sightings' ? (sightings.get(row.id) ?? []) : (row[name] as ColumnValue);
      fields[name] = { value, hlc: entry.hlc, base: ledger.base(table, row.id, name) };
    }
    // An entry naming the tombstone deleted the row, or (the row live now) restored it.
    const namesTombstone = entry.kind === 'row' && entry.fields.includes('deleted_at') && shape.columns.has('deleted_at');
    const deleted = namesTombstone && row.deleted_at !== null ? { hlc: entry.hlc } : undefined;
    if (namesTombstone && row.deleted_at === null && !append) fields[RESTORED_FIELD] = { value: true, hlc: entry.hlc, base: ledger.base(table, row.id, DELETED_FIELD) };
    if (Object.keys(fields).length === 0 && !deleted) continue;
    changes.push({ table, id: row.id, seq: entry.seq, fields, ...(deleted ? { deleted } : {}) });
  }
  return changes;
}

/** A row entry's row, as it is now, for the tables the feed does not read itself (none when it is gone). */
function rowOf(db: SqliteDatabase, table: SyncTable, entry: FeedEntry): FeedRow[] {
  if (entry.kind !== 'row') return [];
  // `table` is one of SYNC_TABLES, never input.
  return db.prepare<[string], FeedRow>(`SELECT * FROM ${table} WHERE id = ?`).all(entry.rowId);
}
