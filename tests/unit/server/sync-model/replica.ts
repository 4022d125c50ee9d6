// A replica for the model-based sync test: the client's rules at their simplest, in memory. It writes
// with its own (possibly skewed) clock, keeps an outbox numbered by its own seq, merges what it pulls
// per field by stamp (HLC, then device) with the tombstone apart — the same state-based merge the
// server and the vault apply — and remembers which of its writes the server acknowledged.
import { formatHlc, parseHlc, receiveHlc, tickHlc, type Hlc } from '../../../../src-main/store/hlc';
import type { PulledRecord, PushedChange } from '../../../../src-shared/sync-protocol';
import type { SyncTable } from '../../../../src-shared/sync-tables';

export interface Stamp {
  hlc: string;
  device: string;
}

export interface ModelField extends Stamp {
  value: unknown;
}

export interface ModelRecord {
  fields: Record<string, ModelField>;
  deleted: Stamp | null;
}

/** One write waiting in the outbox, as its change will be pushed. */
interface OutboxEntry {
  seq: number;
  change: PushedChange;
}

export function compareStamps(a: Stamp, b: Stamp): number {
  if (a.hlc !== b.hlc) return a.hlc < b.hlc ? -1 : 1;
  return a.device === b.device ? 0 : a.device < b.device ? -1 : 1;
}

export const recordKey = (table: string, id: string): string => `${table}/${id}`;

export class Replica {
  readonly records = new Map<string, ModelRecord>();
  private clock: Hlc = { wallMs: 0, counter: 0 };
  private outbox: OutboxEntry[] = [];
  private nextSeq = 1;
  pushedSeq = 0;
  cursor = 0;
  revoked = false;
  /** Every write the server acknowledged: it must never be lost. */
  readonly acknowledged: Array<{ key: string; field: string; stamp: Stamp }> = [];

  constructor(
    readonly deviceId: string,
    readonly memberId: string,
    private readonly wallClock: () => number,
  ) {}

  private stamp(): string {
    this.clock = tickHlc(this.clock, this.wallClock());
    return formatHlc(this.clock);
  }

  /** A local edit of one field: applied at once, queued for the server with the stamp it was made over. */
  edit(table: SyncTable, id: string, field: string, value: unknown): void {
    const key = recordKey(table, id);
    const record = this.records.get(key) ?? { fields: {}, deleted: null };
    const base = record.fields[field]?.hlc ?? null;
    const hlc = this.stamp();
    record.fields[field] = { value, hlc, device: this.deviceId };
    this.records.set(key, record);
    this.queue({ table, id, seq: this.nextSeq, fields: { [field]: { value: value as never, hlc, base } } });
  }

  delete(table: SyncTable, id: string): void {
    const key = recordKey(table, id);
    const record = this.records.get(key);
    if (!record || record.deleted) return;
    const hlc = this.stamp();
    record.deleted = { hlc, device: this.deviceId };
    this.queue({ table, id, seq: this.nextSeq, fields: {}, deleted: { hlc } });
  }

  private queue(change: PushedChange): void {
    this.outbox.push({ seq: this.nextSeq, change });
    this.nextSeq += 1;
  }

  get pending(): number {
    return this.outbox.length;
  }

  /** The next batch to push: up to `limit` writes after the acknowledged point. */
  nextBatch(limit: number): { after: number; upto: number; changes: PushedChange[] } | null {
    const entries = this.outbox.slice(0, limit);
    if (entries.length === 0) return null;
    return { after: this.pushedSeq, upto: entries[entries.length - 1]!.seq, changes: entries.map((entry) => entry.change) };
  }

  /** The server has applied everything up to `pushedSeq`: those writes leave the outbox, acknowledged. */
  acknowledge(pushedSeq: number): void {
    for (const entry of this.outbox) {
      if (entry.seq > pushedSeq) break;
      const key = recordKey(entry.change.table, entry.change.id);
      for (const [field, pushed] of Object.entries(entry.change.fields)) this.acknowledged.push({ key, field, stamp: { hlc: pushed.hlc, device: this.deviceId } });
      if (entry.change.deleted) this.acknowledged.push({ key, field: '_deleted', stamp: { hlc: entry.change.deleted.hlc, device: this.deviceId } });
    }
    this.outbox = this.outbox.filter((entry) => entry.seq > pushedSeq);
    this.pushedSeq = Math.max(this.pushedSeq, pushedSeq);
  }

  /** Merges a pulled record field by field; the clock moves past every stamp it sees. */
  applyRecord(pulled: PulledRecord): void {
    const key = recordKey(pulled.table, pulled.id);
    const record = this.records.get(key) ?? { fields: {}, deleted: null };
    for (const [name, incoming] of Object.entries(pulled.fields)) {
      this.observe(incoming.hlc);
      const held = record.fields[name];
      if (held === undefined || compareStamps(incoming, held) > 0) record.fields[name] = { value: incoming.value, hlc: incoming.hlc, device: incoming.device };
    }
    if (pulled.deleted) {
      this.observe(pulled.deleted.hlc);
      if (record.deleted === null || compareStamps(pulled.deleted, record.deleted) > 0) record.deleted = { ...pulled.deleted };
    }
    this.records.set(key, record);
  }

  evictScope(scopeOf: (key: string, record: ModelRecord) => string | null, scope: string): void {
    for (const [key, record] of this.records) if (scopeOf(key, record) === scope) this.records.delete(key);
  }

  evictRecord(table: string, id: string): void {
    this.records.delete(recordKey(table, id));
  }

  private observe(hlc: string): void {
    this.clock = receiveHlc(this.clock, parseHlc(hlc), this.wallClock());
  }
}
