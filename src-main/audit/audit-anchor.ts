// The audit chain's head (sequence + hash) kept outside the database, in audit-anchor.json beside the
// vault, with an HMAC under a key derived from the data key. The chain alone cannot show that its tail
// was cut off and the hashes recomputed, or that an older vault.db was put back: both leave a chain
// that links. Compared with the anchor, the first is shorter than the anchored sequence and the second
// holds a different row at it.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { removeStaleTempFiles, writeFileAtomic, writeFileAtomicInBackground } from '../vault/atomic-file';

export const AUDIT_ANCHOR_FILE = 'audit-anchor.json';

export interface AuditHead {
  seq: number;
  hash: string;
}

const headSchema = z.object({ seq: z.number().int().min(0), hash: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
const anchorFileSchema = z.object({
  format: z.literal(1),
  head: headSchema,
  /** Set by a restore: the head of the history the restore discarded, recorded in the audit log at the next open. */
  replaced: headSchema.nullable(),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
}).strict();

export interface AnchorContents {
  head: AuditHead;
  replaced: AuditHead | null;
}

export type AnchorRead = { state: 'missing' } | { state: 'invalid' } | ({ state: 'valid' } & AnchorContents);

/** Why a chain does not match its anchor. */
export type AnchorFinding =
  /** The chain ends before the anchored sequence: its tail was removed. */
  | { reason: 'truncated'; anchor: AuditHead; chainHead: AuditHead | null }
  /** The row at the anchored sequence is another row: an older or rewritten database. */
  | { reason: 'rolled_back'; anchor: AuditHead; chainHead: AuditHead | null }
  /** The anchor file is there but was not written under this vault's key (or was edited). */
  | { reason: 'anchor_invalid'; anchor: null; chainHead: AuditHead | null };

export function anchorPathFor(databasePath: string): string {
  return join(dirname(databasePath), AUDIT_ANCHOR_FILE);
}

/** The anchor's HMAC key; the caller zeroes it. */
export function deriveAnchorKey(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'vigil audit anchor v1', 32));
}

function macOf(key: Buffer, contents: AnchorContents): string {
  const replaced = contents.replaced ? `${contents.replaced.seq}|${contents.replaced.hash}` : '-';
  return createHmac('sha256', key).update(`vigil-audit-anchor-v1|${contents.head.seq}|${contents.head.hash}|${replaced}`).digest('hex');
}

/** The anchor file of one vault, under that vault's anchor key (held until `dispose`). */
export class AuditAnchor {
  constructor(private readonly path: string, private readonly key: Buffer) {}

  read(): AnchorRead {
    if (!existsSync(this.path)) return { state: 'missing' };
    let parsed: z.infer<typeof anchorFileSchema>;
    try {
      const result = anchorFileSchema.safeParse(JSON.parse(readFileSync(this.path, 'utf8')));
      if (!result.success) return { state: 'invalid' };
      parsed = result.data;
    } catch {
      return { state: 'invalid' };
    }
    const contents = { head: parsed.head, replaced: parsed.replaced };
    const expected = Buffer.from(macOf(this.key, contents), 'hex');
    if (!timingSafeEqual(expected, Buffer.from(parsed.mac, 'hex'))) return { state: 'invalid' };
    return { state: 'valid', ...contents };
  }

  /**
   * Writes the anchor now, after making the database's files durable (`databasePath`), so the anchor
   * never names rows a power cut could still take back (synchronous=NORMAL does not fsync each commit).
   */
  write(contents: AnchorContents, databasePath?: string): void {
    if (databasePath) syncDatabaseFiles(databasePath);
    writeFileAtomic(this.path, this.serialize(contents));
  }

  /**
   * The same write off the main thread (each audited call would otherwise hold it for the fsyncs).
   * Only while `stillWanted()`: a later synchronous write (at close) is never overtaken by this one.
   */
  async writeInBackground(contents: AnchorContents, databasePath: string, stillWanted: () => boolean): Promise<boolean> {
    const text = this.serialize(contents);
    await fsyncFile(existsSync(`${databasePath}-wal`) ? `${databasePath}-wal` : databasePath);
    return writeFileAtomicInBackground(this.path, text, stillWanted);
  }

  /** Temp files of writes a crash interrupted. */
  removeStaleWrites(): void {
    removeStaleTempFiles(this.path);
  }

  private serialize(contents: AnchorContents): string {
    return `${JSON.stringify({ format: 1, ...contents, mac: macOf(this.key, contents) })}\n`;
  }

  dispose(): void {
    this.key.fill(0);
  }
}

function syncDatabaseFiles(databasePath: string): void {
  const path = existsSync(`${databasePath}-wal`) ? `${databasePath}-wal` : databasePath;
  if (!existsSync(path)) return;
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Compares the chain with an anchored head. `rowHashAt` reads the hash of one row (null when there is
 * none). A chain longer than the anchor is fine: the anchor is written after the rows commit, so a crash
 * in between leaves it behind, never ahead.
 */
export function compareWithAnchor(anchor: AuditHead, chainHead: AuditHead | null, rowHashAt: (seq: number) => string | null): AnchorFinding | null {
  if (anchor.seq === 0) return null;
  if ((chainHead?.seq ?? 0) < anchor.seq) return { reason: 'truncated', anchor, chainHead };
  if (rowHashAt(anchor.seq) !== anchor.hash) return { reason: 'rolled_back', anchor, chainHead };
  return null;
}
