// Append-only audit log with a hash chain. Appends run inside the caller's transaction when there is
// one, so an audited change and its audit row commit together. While the vault is open the log also
// keeps the chain's anchor (audit-anchor.ts) at its committed head.
import { performance } from 'node:perf_hooks';
import type { AuditEntry, AuditOutcome, AuditPage, AuditVerification } from '../../src-shared/model';
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { RowContext } from '../store/row-context';
import { chainHash, GENESIS_HASH, type ChainedFields } from './audit-chain';
import { compareWithAnchor, type AnchorFinding, type AuditAnchor, type AuditHead } from './audit-anchor';

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

/** An audit_log row as stored. */
export interface AuditRow {
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

/** The fields of a stored row its chain hashes. */
export function chainedFields(row: AuditRow): ChainedFields {
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

/**
 * Rows read per query while verifying, and the time after which verification yields to the event loop.
 * Small on purpose: a slice is the budget plus one batch (128 rows ≈ 1 ms here), and a slice stretches
 * by the number of busy threads per core when argon2 runs beside it (four lanes on two cores measured
 * 12 ms slices at 8 ms + 500 rows stretched to 17–23 ms).
 */
const VERIFY_BATCH = 128;
const VERIFY_BUDGET_MS = 4;

/** Who writes the rows the anchor check itself adds. */
const VIGIL_ACTOR: AuditActor = { id: null, name: 'vigil' };

const sameHead = (a: AuditHead | null, b: AuditHead | null) => a?.seq === b?.seq && a?.hash === b?.hash;

export class AuditLog {
  private readonly head;
  private readonly insert;
  private readonly page;
  private readonly pageByAction;
  private readonly slice;
  private readonly rowHash;
  private readonly atSeq;
  private anchor: AuditAnchor | null = null;
  /** The head the anchor file holds. */
  private anchored: AuditHead | null = null;
  /** The newest head known committed: the chain must still hold this row, whatever is written after it. */
  private expected: AuditHead | null = null;
  /** Set once the chain and its anchor disagree; the anchor is then left where it was, as the evidence. */
  private finding: AnchorFinding | null = null;
  private flushScheduled = false;
  /** The head a background write is putting in the anchor file, while it runs. */
  private writing: AuditHead | null = null;
  private flushAgain = false;
  /** Told after each append (security/security-monitor.ts schedules a scan): must be cheap, never throw. */
  private appended: (() => void) | null = null;
  /** Bumped by every write, so an older background write never lands after a newer one. */
  private generation = 0;
  /** The background write in flight, settled (never rejected) when its files are in place or gone. */
  private backgroundWrite: Promise<void> | null = null;

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
    this.rowHash = db.prepare<[number], { hash: string }>('SELECT hash FROM audit_log WHERE seq = ?');
    this.atSeq = db.prepare<[number], AuditRow>('SELECT * FROM audit_log WHERE seq = ?');
  }

  /** Calls `listener` after every append (one listener: the security monitor's). */
  onAppended(listener: (() => void) | null): void {
    this.appended = listener;
  }

  /** The rows at these sequence numbers, oldest first, as the audit screen shows them. */
  entriesAt(seqs: readonly number[]): AuditEntry[] {
    return [...seqs].sort((a, b) => a - b).flatMap((seq) => {
      const row = this.atSeq.get(seq);
      return row ? [toEntry(row)] : [];
    });
  }

  /**
   * Checks the chain from a head verified earlier to at most `maxRows` rows past it: the head row must
   * still hold its hash, and every later row must link to the one before and hash right. Returns the
   * new verified head, or the first problem. A check that runs often and costs only the new rows; the
   * whole chain is walked by `verify`.
   */
  verifySince(from: AuditHead | null, maxRows: number): { ok: true; head: AuditHead | null; checked: number } | { ok: false; seq: number; reason: string } {
    let prevHash = GENESIS_HASH;
    let lastSeq = 0;
    if (from && from.seq > 0) {
      if (!this.stillVerified(from)) return { ok: false, seq: from.seq, reason: 'verified_row_changed' };
      prevHash = from.hash;
      lastSeq = from.seq;
    }
    let checked = 0;
    while (checked < maxRows) {
      const rows = this.slice.all(lastSeq, Math.min(VERIFY_BATCH * 8, maxRows - checked));
      for (const row of rows) {
        if (row.seq !== lastSeq + 1) return { ok: false, seq: row.seq, reason: 'sequence_gap' };
        if (row.prev_hash !== prevHash) return { ok: false, seq: row.seq, reason: 'chain_broken' };
        if (chainHash(prevHash, chainedFields(row)) !== row.hash) return { ok: false, seq: row.seq, reason: 'hash_mismatch' };
        prevHash = row.hash;
        lastSeq = row.seq;
        checked += 1;
      }
      if (rows.length === 0) break;
    }
    return { ok: true, head: lastSeq > 0 ? { seq: lastSeq, hash: prevHash } : null, checked };
  }

  /**
   * Whether the head an earlier walk verified is still there unchanged: its stored hash, and its
   * contents hashing to it. Both incremental walks start from it (`verifySince`, `verify` with `from`).
   */
  private stillVerified(from: AuditHead): boolean {
    const head = this.atSeq.get(from.seq);
    return head !== undefined && head.hash === from.hash && chainHash(head.prev_hash, chainedFields(head)) === head.hash;
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
      return { prevHash, entry: toEntry({
        seq: fields.seq, id: fields.id, at: fields.at, actor_id: fields.actorId, actor_name: fields.actorName,
        action: fields.action, target: fields.target, outcome: fields.outcome, details: fields.details,
        origin_device: fields.originDevice, prev_hash: prevHash, hash,
      }) };
    });
    const { entry, prevHash } = write();
    this.noteAppended({ seq: entry.seq, hash: entry.hash }, prevHash);
    return entry;
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
   * Takes charge of the vault's anchor when the vault opens: checks the chain against it and records
   * what it finds. Returns the finding when they disagree (the anchor then stays where it was).
   */
  attachAnchor(anchor: AuditAnchor): AnchorFinding | null {
    this.anchor = anchor;
    anchor.removeStaleWrites();
    const head = this.currentHead();
    const read = anchor.read();
    if (read.state === 'missing' || (read.state === 'invalid' && head === null)) {
      // A new vault, a vault from before anchors, or the file was deleted: anchor here, and say so in the
      // log when there was history before this point (a deleted anchor cannot pass unseen).
      if (head) this.append({ actor: VIGIL_ACTOR, action: 'audit.anchor_created', outcome: 'success', details: { seq: head.seq, hash: head.hash } });
      this.writeAnchorNow(this.currentHead() ?? { seq: 0, hash: GENESIS_HASH });
      return null;
    }
    const finding: AnchorFinding | null = read.state === 'invalid'
      ? { reason: 'anchor_invalid', anchor: null, chainHead: head }
      : compareWithAnchor(read.head, head, (seq) => this.rowHashAt(seq));
    if (read.state === 'valid') {
      this.anchored = read.head;
      this.expected = read.head;
    }
    if (finding) {
      this.finding = finding;
      this.append({ actor: VIGIL_ACTOR, action: 'audit.tamper_detected', outcome: 'failure', details: { ...finding } });
      return finding;
    }
    if (read.state === 'valid' && read.replaced) {
      // The first open after a restore: the history it set aside is named in the log the vault goes on with.
      this.append({
        actor: VIGIL_ACTOR, action: 'audit.history_replaced', outcome: 'success',
        details: { replacedHead: read.replaced, restoredHead: read.head },
      });
    }
    this.flushAnchor(true);
    return null;
  }

  /**
   * Writes the anchor at the committed head now (the vault is closing) and forgets its key. Never
   * throws: a lock must always close the vault; an anchor left behind the chain still verifies.
   */
  detachAnchor(): void {
    if (!this.anchor) return;
    try {
      this.flushAnchor(true);
    } catch {
      // Disk full or the folder gone: the anchor stays at its last head, which the chain extends.
    } finally {
      this.generation += 1;
      this.anchor.dispose();
      this.anchor = null;
    }
  }

  /**
   * Settles once no background anchor write is left running: after `detachAnchor`, the moment no file
   * of this log changes any more (a write in flight still creates and removes its temp file).
   */
  backgroundWriteSettled(): Promise<void> {
    return this.backgroundWrite ?? Promise.resolve();
  }

  /**
   * Moves the anchor to the committed head: in the background in the event-loop turn after rows are
   * appended (the rows of one turn cost one write; a write already running is followed by one more), or
   * `now` when the vault opens or closes. While a transaction is open it waits for the next turn. Before
   * moving, the row last known committed must still be in the chain, so a cut tail is never anchored over.
   */
  flushAnchor(now = false): void {
    this.flushScheduled = false;
    if (!this.anchor || this.finding || !this.db.open) return;
    if (this.db.inTransaction) {
      if (!now) this.scheduleAnchorFlush();
      return;
    }
    const head = this.currentHead();
    if (this.freezeIfTampered(head) || !head) return;
    if (now) {
      if (!sameHead(head, this.anchored) || this.writing) this.writeAnchorNow(head);
      return;
    }
    // Known committed and checked to extend what was known before: from here on the chain must hold it,
    // whenever the file catches up.
    this.expected = head;
    if (sameHead(head, this.anchored) || sameHead(head, this.writing)) return;
    if (this.writing) {
      this.flushAgain = true;
      return;
    }
    this.writeAnchorInBackground(head);
  }

  /**
   * Walks the whole chain in slices, yielding to the event loop between slices so a long log never
   * freezes the app. Detects edited rows (hash mismatch), deleted or reordered rows (prev_hash does
   * not link, or a gap in seq).
   *
   * `from`, a head an earlier walk verified, walks only the rows after it (the health monitor's
   * quarter-hourly check): that row must still hold the hash it had and hash to it, and every later
   * row must link onto it. Rows before it are not read again; a nightly full walk covers them.
   */
  async verify(onProgress?: (checked: number) => void, from?: AuditHead): Promise<AuditVerification> {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let checked = 0;
    let lastSeq = 0;
    if (from) {
      if (!this.stillVerified(from)) return { ok: false, checked, headHash: null, problem: { seq: from.seq, reason: 'hash_mismatch' } };
      prevHash = from.hash;
      expectedSeq = from.seq + 1;
      lastSeq = from.seq;
    }
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
    const headHash = checked > 0 || from ? prevHash : null;
    const finding = this.anchorFinding();
    if (finding) {
      return {
        ok: false, checked, headHash,
        problem: { seq: finding.anchor?.seq ?? lastSeq, reason: finding.reason }, anchoredHead: finding.anchor,
      };
    }
    return { ok: true, checked, headHash, problem: null, anchoredHead: this.anchored };
  }

  /** The chain against the anchor: what this process knows committed, and the file as it is now. */
  private anchorFinding(): AnchorFinding | null {
    if (!this.anchor) return null;
    this.flushAnchor();
    // The head now, not the one the walk ended on: rows appended while it yielded may be anchored already.
    const head = this.currentHead();
    if (this.finding || this.freezeIfTampered(head)) return this.finding;
    const read = this.anchor.read();
    const finding: AnchorFinding | null = read.state === 'valid'
      ? compareWithAnchor(read.head, head, (seq) => this.rowHashAt(seq))
      : { reason: 'anchor_invalid', anchor: null, chainHead: head };
    if (finding) this.finding = finding;
    return finding;
  }

  private noteAppended(appended: AuditHead, prevHash: string): void {
    this.appended?.();
    if (!this.anchor) return;
    // Committed on its own (not inside a caller's transaction): known exactly, without waiting for the flush.
    if (!this.db.inTransaction && this.expected && this.expected.hash === prevHash && this.expected.seq + 1 === appended.seq) {
      this.expected = appended;
    }
    this.scheduleAnchorFlush();
  }

  private scheduleAnchorFlush(): void {
    if (this.flushScheduled || !this.anchor) return;
    this.flushScheduled = true;
    setImmediate(() => this.flushAnchor());
  }

  private freezeIfTampered(head: AuditHead | null): boolean {
    if (this.finding) return true;
    if (!this.expected) return false;
    const finding = compareWithAnchor(this.expected, head, (seq) => this.rowHashAt(seq));
    if (finding) this.finding = finding;
    return finding !== null;
  }

  private writeAnchorNow(head: AuditHead): void {
    if (!this.anchor) return;
    this.generation += 1;
    this.anchor.write({ head, replaced: null }, this.db.name);
    this.anchored = head;
    this.expected = head;
  }

  private writeAnchorInBackground(head: AuditHead): void {
    const anchor = this.anchor;
    if (!anchor) return;
    const generation = ++this.generation;
    this.writing = head;
    this.expected = head;
    this.backgroundWrite = anchor.writeInBackground({ head, replaced: null }, this.db.name, () => generation === this.generation && this.anchor === anchor)
      .then((written) => {
        if (written) this.anchored = head;
      })
      // A failed write (disk full) leaves the anchor behind the chain, which verify accepts; the next flush retries.
      .catch(() => undefined)
      .finally(() => {
        if (this.writing === head) this.writing = null;
        if (this.flushAgain) {
          this.flushAgain = false;
          this.scheduleAnchorFlush();
        }
      });
  }

  /** The last row's sequence number and hash: the state of the log right now. */
  currentHead(): AuditHead | null {
    return this.head.get() ?? null;
  }

  private rowHashAt(seq: number): string | null {
    return this.rowHash.get(seq)?.hash ?? null;
  }
}
