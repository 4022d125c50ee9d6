// Append-only audit log with a hash chain. Appends run inside the caller's transaction when there is
// one, so an audited change and its audit row commit together.
import { performance } from 'node:perf_hooks';
import type { AuditEntry, AuditOutcome, AuditPage, AuditVerification } from '../../src-shared/model';
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { RowContext } from '../store/row-context';
import { chainHash, GENESIS_HASH, type ChainedFields } from './audit-chain';

export interface AuditActor {
  id: string | null;
  name: string | null;
}

export interface AuditRecord {
  actor: AuditActor;
  action: string;
  target?: string | null;
  outcome: AuditOutcome;
  details?: Record<string, unknown>;
  /** When the event happened, if not now (failures copied in from the key slot file). */
  at?: number;
}

interface AuditRow {
  seq: number;
  id: string;
  at: number;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  details: string;
  origin_device: string;
  prev_hash: string;
  hash: string;
}

function chainedFields(row: AuditRow): ChainedFields {
  return {
    seq: row.seq, id: row.id, at: row.at, actorId: row.actor_id, actorName: row.actor_name, action: row.action,
    target: row.target, outcome: row.outcome, details: row.details, originDevice: row.origin_device,
  };
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: row.seq, at: row.at, actorId: row.actor_id, actorName: row.actor_name, action: row.action, target: row.target,
    outcome: row.outcome, details: JSON.parse(row.details) as Record<string, unknown>, hash: row.hash,
  };
}

/** Rows read per query while verifying, and the time after which verification yields to the event loop. */
const VERIFY_BATCH = 500;
const VERIFY_BUDGET_MS = 8;

export class AuditLog {
  private readonly head;
  private readonly insert;
  private readonly page;
  private readonly pageByAction;
  private readonly slice;

  constructor(private readonly db: SqliteDatabase, private readonly context: RowContext) {
    this.head = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1');
    this.insert = db.prepare(
      `INSERT INTO audit_log (seq, id, at, actor_id, actor_name, action, target, outcome, details, origin_device, prev_hash, hash)
       VALUES (@seq, @id, @at, @actorId, @actorName, @action, @target, @outcome, @details, @originDevice, @prevHash, @hash)`,
    );
    this.page = db.prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE seq < ? ORDER BY seq DESC LIMIT ?');
    this.pageByAction = db.prepare<[number, string, number], AuditRow>(
      'SELECT * FROM audit_log WHERE seq < ? AND action = ? ORDER BY seq DESC LIMIT ?',
    );
    this.slice = db.prepare<[number, number], AuditRow>('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT ?');
  }

  append(record: AuditRecord): AuditEntry {
    const write = this.db.transaction(() => {
      const head = this.head.get();
      const fields: ChainedFields = {
        seq: (head?.seq ?? 0) + 1,
        id: uuidv7(this.context.now()),
        at: record.at ?? this.context.now(),
        actorId: record.actor.id,
        actorName: record.actor.name,
        action: record.action,
        target: record.target ?? null,
        outcome: record.outcome,
        details: JSON.stringify(record.details ?? {}),
        originDevice: this.context.deviceId,
      };
      const prevHash = head?.hash ?? GENESIS_HASH;
      const hash = chainHash(prevHash, fields);
      this.insert.run({ ...fields, prevHash, hash });
      return toEntry({
        seq: fields.seq, id: fields.id, at: fields.at, actor_id: fields.actorId, actor_name: fields.actorName,
        action: fields.action, target: fields.target, outcome: fields.outcome, details: fields.details,
        origin_device: fields.originDevice, prev_hash: prevHash, hash,
      });
    });
    return write();
  }

  list(options: { beforeSeq?: number | undefined; limit: number; action?: string | undefined }): AuditPage {
    const before = options.beforeSeq ?? Number.MAX_SAFE_INTEGER;
    const rows = options.action
      ? this.pageByAction.all(before, options.action, options.limit + 1)
      : this.page.all(before, options.limit + 1);
    const entries = rows.slice(0, options.limit).map(toEntry);
    const last = entries[entries.length - 1];
    return { entries, nextBeforeSeq: rows.length > options.limit && last ? last.seq : null };
  }

  headHash(): string | null {
    return this.head.get()?.hash ?? null;
  }

  /**
   * Walks the whole chain in slices, yielding to the event loop between slices so a long log never
   * freezes the app. Detects edited rows (hash mismatch), deleted or reordered rows (prev_hash does
   * not link, or a gap in seq).
   */
  async verify(onProgress?: (checked: number) => void): Promise<AuditVerification> {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    let lastSeq = 0;
    let sliceStart = performance.now();
    for (;;) {
      const rows = this.slice.all(lastSeq, VERIFY_BATCH);
      for (const row of rows) {
        if (row.seq !== expectedSeq) return { ok: false, checked, headHash: null, problem: { seq: row.seq, reason: 'sequence_gap' } };
        if (row.prev_hash !== prevHash) return { ok: false, checked, headHash: null, problem: { seq: row.seq, reason: 'chain_broken' } };
        if (chainHash(prevHash, chainedFields(row)) !== row.hash) {
          return { ok: false, checked, headHash: null, problem: { seq: row.seq, reason: 'hash_mismatch' } };
        }
        prevHash = row.hash;
        expectedSeq += 1;
        checked += 1;
        lastSeq = row.seq;
      }
      if (rows.length < VERIFY_BATCH) break;
      if (performance.now() - sliceStart >= VERIFY_BUDGET_MS) {
        onProgress?.(checked);
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    return { ok: true, checked, headHash: checked > 0 ? prevHash : null, problem: null };
  }
}
