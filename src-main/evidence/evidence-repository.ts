// Evidence files in the encrypted vault: bytes in chunks, sha256 taken at import, and a custody
// trail of who imported, viewed, exported and verified each file. Evidence and its trail are
// append-only. Big files move in short transactions with event-loop turns between them.
import { createHash } from 'node:crypto';
import { VigilError } from '../../src-shared/errors';
import type { CustodyEvent } from '../../src-shared/workspace-model';
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { RowContext } from '../store/row-context';
import type { InvestigationLookup } from '../investigations/investigation-lookup';
import { rechunk } from './evidence-chunks';

/** The largest file accepted as evidence: it travels whole as base64 when viewed. */
export const MAX_EVIDENCE_BYTES = 200 * 1024 * 1024;
/** Chunks written or read per transaction (about 4 MiB: a few milliseconds of SQLCipher work). */
const CHUNKS_PER_BATCH = 4;

export type CustodyEventKind = CustodyEvent['event'];

export interface EvidenceRecord {
  id: string;
  investigationId: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  description: string;
  addedBy: string | null;
  addedAt: number;
}

export interface CustodyRecord {
  evidenceId: string;
  at: number;
  userId: string | null;
  event: CustodyEventKind;
  detail: string | null;
}

interface EvidenceRow {
  id: string;
  investigation_id: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  description: string;
  added_by: string | null;
  added_at: number;
}

const toRecord = (r: EvidenceRow): EvidenceRecord => ({
  id: r.id, investigationId: r.investigation_id, fileName: r.file_name, mediaType: r.media_type, size: r.size,
  sha256: r.sha256, description: r.description, addedBy: r.added_by, addedAt: r.added_at,
});

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class EvidenceRepository {
  private readonly byId;
  private readonly byInvestigation;
  private readonly insertEvidence;
  private readonly insertChunk;
  private readonly chunksFrom;
  private readonly dropChunks;
  private readonly insertCustody;
  private readonly custodyOf;

  constructor(private readonly db: SqliteDatabase, private readonly row: RowContext, private readonly investigations: InvestigationLookup) {
    this.byId = db.prepare<[string], EvidenceRow>('SELECT * FROM evidence WHERE id = ? AND deleted_at IS NULL');
    this.byInvestigation = db.prepare<[string], EvidenceRow>(
      'SELECT * FROM evidence WHERE investigation_id = ? AND deleted_at IS NULL ORDER BY added_at, id',
    );
    this.insertEvidence = db.prepare(
      `INSERT INTO evidence (id, investigation_id, file_name, media_type, size, sha256, description, added_at, added_by,
         created_at, updated_at, updated_hlc, origin_device)
       VALUES (@id, @investigationId, @fileName, @mediaType, @size, @sha256, @description, @now, @addedBy, @now, @now, @hlc, @device)`,
    );
    this.insertChunk = db.prepare('INSERT INTO evidence_blobs (evidence_id, seq, bytes) VALUES (?, ?, ?)');
    this.chunksFrom = db.prepare<[string, number, number], { seq: number; bytes: Buffer }>(
      'SELECT seq, bytes FROM evidence_blobs WHERE evidence_id = ? AND seq >= ? ORDER BY seq LIMIT ?',
    );
    // Only chunks without an evidence row: the table's trigger refuses anything else.
    this.dropChunks = db.prepare('DELETE FROM evidence_blobs WHERE evidence_id = ?');
    this.insertCustody = db.prepare(
      `INSERT INTO evidence_custody (id, evidence_id, at, user_id, event, created_at, updated_at, updated_hlc, origin_device)
       VALUES (@id, @evidenceId, @now, @userId, @event, @now, @now, @hlc, @device)`,
    );
    this.custodyOf = db.prepare<[string], { evidence_id: string; at: number; user_id: string | null; event: CustodyEventKind; detail: string | null }>(
      'SELECT evidence_id, at, user_id, event, detail FROM evidence_custody WHERE evidence_id = ? ORDER BY at, rowid',
    );
    // Chunks no evidence row owns, which nothing can reach: an import a crash interrupted (no evidence
    // row was written), and sync downloads staged so far (their key is never an evidence id,
    // sync/evidence-blob-vault.ts `stagingKey`; the next round fetches them again). A staged download
    // whose evidence an eviction removes goes sooner, in the eviction's transaction (sync/evict.ts).
    db.prepare('DELETE FROM evidence_blobs WHERE evidence_id NOT IN (SELECT id FROM evidence)').run();
  }

  get(id: string): EvidenceRecord {
    const found = this.byId.get(id);
    if (!found) throw new VigilError('NOT_FOUND', 'No such evidence');
    return toRecord(found);
  }

  list(investigationId: string): EvidenceRecord[] {
    return this.byInvestigation.all(investigationId).map(toRecord);
  }

  custody(evidenceId: string): CustodyRecord[] {
    return this.custodyOf.all(evidenceId).map((r) => ({ evidenceId: r.evidence_id, at: r.at, userId: r.user_id, event: r.event, detail: r.detail }));
  }

  /**
   * Stores a file: chunks first, in short transactions, hashing as they pass; then, in one
   * transaction, the evidence row (which makes the chunks part of the record), the 'imported'
   * custody event and the change log. A failure part way removes the chunks written so far.
   */
  async add(
    input: { investigationId: string; fileName: string; mediaType: string; description: string; addedBy: string; size: number },
    bytes: AsyncIterable<Buffer | Uint8Array>,
  ): Promise<EvidenceRecord> {
    if (input.size > MAX_EVIDENCE_BYTES) {
      throw new VigilError('VALIDATION', `Evidence files are at most ${MAX_EVIDENCE_BYTES / 1024 / 1024} MiB; this one is ${(input.size / 1024 / 1024).toFixed(1)} MiB`, { maxBytes: MAX_EVIDENCE_BYTES });
    }
    if (input.size === 0) throw new VigilError('VALIDATION', 'The file is empty');
    this.investigations.requireOpen(input.investigationId, 'evidence');
    const id = uuidv7(this.row.now());
    const hash = createHash('sha256');
    let size = 0;
    let seq = 0;
    try {
      let batch: Buffer[] = [];
      const flush = this.db.transaction((chunks: Buffer[], first: number) => {
        chunks.forEach((chunk, i) => this.insertChunk.run(id, first + i, chunk));
      });
      for await (const chunk of rechunk(bytes)) {
        size += chunk.length;
        if (size > MAX_EVIDENCE_BYTES) throw new VigilError('VALIDATION', `Evidence files are at most ${MAX_EVIDENCE_BYTES / 1024 / 1024} MiB`);
        hash.update(chunk);
        batch.push(chunk);
        if (batch.length === CHUNKS_PER_BATCH) {
          flush(batch, seq);
          seq += batch.length;
          batch = [];
          await nextTurn();
        }
      }
      if (batch.length > 0) flush(batch, seq);
      if (size !== input.size) throw new VigilError('VALIDATION', `The file is ${size} bytes, not the ${input.size} announced`);
      this.db.transaction(() => {
        // Again at the end: the case may have been closed while the file streamed in.
        this.investigations.requireOpen(input.investigationId, 'evidence');
        const hlc = this.row.hlc();
        this.insertEvidence.run({
          id, investigationId: input.investigationId, fileName: input.fileName, mediaType: input.mediaType, size,
          sha256: hash.digest('hex'), description: input.description, addedBy: input.addedBy, now: this.row.now(), hlc, device: this.row.device,
        });
        this.row.changes.record('evidence', id, ['investigation_id', 'file_name', 'media_type', 'size', 'sha256', 'description', 'added_at', 'added_by', 'blobs'], hlc);
        this.appendCustody(id, input.addedBy, 'imported');
      })();
    } catch (error) {
      this.dropChunks.run(id);
      throw error;
    }
    return this.get(id);
  }

  /** The file's chunks in order, a few per event-loop turn. */
  async *chunks(evidenceId: string): AsyncGenerator<Buffer> {
    let next = 0;
    for (;;) {
      const rows = this.chunksFrom.all(evidenceId, next, CHUNKS_PER_BATCH);
      for (const r of rows) {
        if (r.seq !== next) throw new VigilError('VAULT_CORRUPT', `Evidence ${evidenceId} is missing chunk ${next}`);
        next += 1;
        yield r.bytes;
      }
      if (rows.length < CHUNKS_PER_BATCH) return;
      await nextTurn();
    }
  }

  /** Reads the file for a person and records why it left the vault ('viewed' or 'exported'). */
  async readBase64(evidenceId: string, userId: string, event: 'viewed' | 'exported'): Promise<string> {
    this.get(evidenceId);
    const parts: string[] = [];
    for await (const chunk of this.chunks(evidenceId)) parts.push(chunk.toString('base64'));
    this.record(evidenceId, userId, event);
    return parts.join('');
  }

  /** Recomputes the hash from the stored bytes and records the outcome in the custody trail. */
  async verify(evidenceId: string, userId: string): Promise<{ ok: boolean; expected: string; actual: string }> {
    const evidence = this.get(evidenceId);
    const hash = createHash('sha256');
    let actual: string;
    try {
      for await (const chunk of this.chunks(evidenceId)) hash.update(chunk);
      actual = hash.digest('hex');
    } catch (error) {
      if (!(error instanceof VigilError && error.code === 'VAULT_CORRUPT')) throw error;
      actual = 'missing-bytes';
    }
    const ok = actual === evidence.sha256;
    this.record(evidenceId, userId, ok ? 'verified' : 'verify_failed');
    return { ok, expected: evidence.sha256, actual };
  }

  record(evidenceId: string, userId: string | null, event: CustodyEventKind): void {
    this.db.transaction(() => this.appendCustody(evidenceId, userId, event))();
  }

  private appendCustody(evidenceId: string, userId: string | null, event: CustodyEventKind): void {
    const now = this.row.now();
    const id = uuidv7(now);
    const hlc = this.row.hlc();
    this.insertCustody.run({ id, evidenceId, now, userId, event, hlc, device: this.row.device });
    this.row.changes.record('evidence_custody', id, ['evidence_id', 'at', 'user_id', 'event'], hlc);
  }
}
