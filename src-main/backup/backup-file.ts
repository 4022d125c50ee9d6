// The backup file: the encrypted SQLite body first, then a footer that describes it.
//
//   body (the vault's SQLCipher pages under the data key: a raw copy, or VACUUM INTO as a fallback)
//   manifest (UTF-8 JSON)  |  HMAC-SHA256(manifest) (32 bytes)  |  manifest length (u32 LE)  |  "VIGILBK1"
//
// A footer rather than a header: the body is copied straight into the temp file and the footer is
// appended, so a backup costs one write of the vault instead of two. The manifest's HMAC
// is keyed from the data key, so an edited manifest is refused before anything trusts it; the body
// is bound to the manifest by its SHA-256. A truncated file has lost its footer and is refused as such.
import { closeSync, createReadStream, fstatSync, openSync, readSync } from 'node:fs';
import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { VigilError } from '../../src-shared/errors';
import { BACKUP_KINDS, type BackupManifest } from '../../src-shared/backup-model';
import { keySlotFileSchema, type KeySlotFile } from '../vault/key-slot-file';

export const BACKUP_MAGIC = Buffer.from('VIGILBK1', 'ascii');
const MAC_BYTES = 32;
const FOOTER_FIXED_BYTES = MAC_BYTES + 4 + BACKUP_MAGIC.length;
/** Far above any real manifest (a few KB of counts plus the key slots); bounds what a hostile file can make us read. */
const MAX_MANIFEST_BYTES = 16 * 1024 * 1024;

/** What the file stores: the manifest shown to callers plus the key slots valid when it was made. */
export interface StoredManifest extends BackupManifest {
  keySlots: KeySlotFile;
}

export const storedManifestSchema = z.object({
  format: z.literal(1),
  appVersion: z.string(),
  schemaVersion: z.number().int().min(0),
  createdAt: z.number(),
  kind: z.enum(BACKUP_KINDS),
  vaultId: z.string(),
  vaultName: z.string(),
  dataKeyId: z.string(),
  rowCounts: z.record(z.string(), z.number().int().min(0)),
  auditHeadHash: z.string().nullable(),
  bodySha256: z.string().regex(/^[0-9a-f]{64}$/),
  bodyLength: z.number().int().positive(),
  keySlots: keySlotFileSchema,
}).strict();

/** Stable codes for what is wrong with a backup, so callers and tests never parse messages. */
export type BackupProblem =
  | 'not_a_backup' | 'unreadable' | 'manifest_tampered' | 'wrong_key' | 'other_vault'
  | 'body_hash' | 'pages' | 'integrity' | 'row_counts' | 'newer_schema';

export function backupProblem(problem: BackupProblem, message: string, extra: Record<string, unknown> = {}): VigilError {
  const code = problem === 'wrong_key' || problem === 'other_vault' ? 'VALIDATION' : 'VAULT_CORRUPT';
  return new VigilError(code, message, { problem, ...extra });
}

/** Names the data key without revealing it: equal ids mean the same key. */
export function dataKeyIdOf(dataKey: Buffer): string {
  return createHmac('sha256', dataKey).update('vigil backup data-key id v1').digest('hex');
}

function manifestMacKey(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'vigil backup manifest mac v1', 32));
}

export function manifestMac(manifestBytes: Buffer, dataKey: Buffer): Buffer {
  const key = manifestMacKey(dataKey);
  try {
    return createHmac('sha256', key).update(manifestBytes).digest();
  } finally {
    key.fill(0);
  }
}

export function encodeFooter(manifest: StoredManifest, dataKey: Buffer): Buffer {
  const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(manifestBytes.length);
  return Buffer.concat([manifestBytes, manifestMac(manifestBytes, dataKey), length, BACKUP_MAGIC]);
}

export interface BackupFooter {
  manifest: StoredManifest;
  manifestBytes: Buffer;
  mac: Buffer;
  fileSize: number;
}

/** Reads and parses the footer; authenticates nothing yet (see `authenticateFooter`). */
export function readFooter(path: string): BackupFooter {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new VigilError('NOT_FOUND', 'No backup file at that path');
    throw new VigilError('UNAVAILABLE', 'The backup file cannot be read', { reason: code });
  }
  try {
    const fileSize = fstatSync(fd).size;
    const notBackup = () => backupProblem('not_a_backup', 'The file is truncated or is not a Vigil backup');
    if (fileSize < FOOTER_FIXED_BYTES + 2) throw notBackup();
    const fixed = readExactly(fd, fileSize - FOOTER_FIXED_BYTES, FOOTER_FIXED_BYTES);
    if (!fixed.subarray(MAC_BYTES + 4).equals(BACKUP_MAGIC)) throw notBackup();
    const manifestLength = fixed.readUInt32LE(MAC_BYTES);
    if (manifestLength === 0 || manifestLength > MAX_MANIFEST_BYTES || manifestLength > fileSize - FOOTER_FIXED_BYTES) throw notBackup();
    const manifestBytes = readExactly(fd, fileSize - FOOTER_FIXED_BYTES - manifestLength, manifestLength);
    let parsed: unknown;
    try {
      parsed = JSON.parse(manifestBytes.toString('utf8'));
    } catch {
      throw backupProblem('manifest_tampered', 'The backup manifest is damaged');
    }
    const result = storedManifestSchema.safeParse(parsed);
    if (!result.success) throw backupProblem('manifest_tampered', 'The backup manifest is damaged');
    return { manifest: result.data, manifestBytes, mac: fixed.subarray(0, MAC_BYTES), fileSize };
  } finally {
    closeSync(fd);
  }
}

/**
 * Checks, in this order, that the backup belongs to this vault, that the key is the one it was
 * made with, and that the manifest is exactly as written: before anything else trusts it.
 */
export function authenticateFooter(footer: BackupFooter, dataKey: Buffer, expectedVaultId: string | null): void {
  const { manifest } = footer;
  if (expectedVaultId !== null && manifest.vaultId !== expectedVaultId) {
    throw backupProblem('other_vault', `This backup is of another vault ("${manifest.vaultName}")`);
  }
  const keyId = Buffer.from(dataKeyIdOf(dataKey), 'hex');
  const claimed = Buffer.from(manifest.dataKeyId, 'hex');
  if (claimed.length !== keyId.length || !timingSafeEqual(claimed, keyId)) {
    throw backupProblem('wrong_key', 'This backup was made with a different data key');
  }
  if (!timingSafeEqual(manifestMac(footer.manifestBytes, dataKey), footer.mac)) {
    throw backupProblem('manifest_tampered', 'The backup manifest has been altered');
  }
  if (manifest.bodyLength !== footer.fileSize - FOOTER_FIXED_BYTES - footer.manifestBytes.length) {
    throw backupProblem('body_hash', 'The backup body is not the length its manifest records');
  }
}

/** SHA-256 of the first `length` bytes of a file, read as a stream (the event loop stays free). */
export async function sha256OfPrefix(path: string, length: number): Promise<string> {
  const hash = createHash('sha256');
  if (length === 0) return hash.digest('hex');
  for await (const chunk of createReadStream(path, { start: 0, end: length - 1, highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function readExactly(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) throw backupProblem('not_a_backup', 'The file is truncated or is not a Vigil backup');
    done += n;
  }
  return buffer;
}
