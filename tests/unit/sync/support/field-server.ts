// A sync server at its simplest, for the vault side's tests: it keeps each record's fields with the
// highest stamp (HLC, then device id) and a sequence per change, and answers a pull with the whole
// merged records changed after a cursor. No permissions, conflicts or push checks: those are the real
// server's (src-server/); this one only lets two vaults exchange what their outboxes say.
import type { PullItem, PulledRecord, PushedChange, StoredField } from '../../../../src-shared/sync-protocol';
import type { SqliteDatabase } from '../../../../src-main/store/database';
import { markPushed, readOutbox } from '../../../../src-main/sync/outbox';
import { applyPull, type PullOutcome } from '../../../../src-main/sync/apply-pull';
import { readSyncState } from '../../../../src-main/sync/sync-state';
import { thisDevice } from '../../../../src-main/sync/local-changes';

const newer = (a: { hlc: string; device: string }, b: { hlc: string; device: string }) => a.hlc > b.hlc || (a.hlc === b.hlc && a.device > b.device);

export class FieldServer {
  private seq = 0;
  private readonly records = new Map<string, PulledRecord>();
  /** Every push's changes, as they arrived. */
  readonly pushed: PushedChange[] = [];

  push(device: string, changes: readonly PushedChange[]): void {
    for (const change of changes) {
      this.pushed.push(change);
      const key = `${change.table}/${change.id}`;
      const record = this.records.get(key) ?? { table: change.table, id: change.id, seq: 0, fields: {}, deleted: null };
      for (const [name, field] of Object.entries(change.fields)) {
        const incoming: StoredField = { value: field.value, hlc: field.hlc, device };
        const held = record.fields[name];
        if (!held || newer(incoming, held)) record.fields[name] = incoming;
      }
      if (change.deleted && (!record.deleted || newer({ hlc: change.deleted.hlc, device }, record.deleted))) record.deleted = { hlc: change.deleted.hlc, device };
      this.seq += 1;
      record.seq = this.seq;
      this.records.set(key, record);
    }
  }

  pull(after: number): { items: PullItem[]; next: number } {
    const records = [...this.records.values()].filter((r) => r.seq > after).sort((a, b) => a.seq - b.seq);
    return { items: records.map((record) => ({ record: structuredClone(record) })), next: records.at(-1)?.seq ?? after };
  }
}

/** Pushes a vault's whole outbox, batch by batch, as the client will. */
export function pushAll(db: SqliteDatabase, server: FieldServer, limit?: number): void {
  const device = thisDevice(db).id;
  for (;;) {
    const after = readSyncState(db).pushedSeq;
    const outbox = readOutbox(db, after, limit);
    if (outbox.batch.upto === after) return;
    server.push(device, outbox.changes);
    markPushed(db, outbox.batch.upto, outbox.changes);
  }
}

/** Pulls everything after the vault's cursor in one page. */
export function pullAll(db: SqliteDatabase, server: FieldServer): PullOutcome {
  const page = server.pull(readSyncState(db).pullCursor);
  return applyPull(db, page.items, page.next);
}
