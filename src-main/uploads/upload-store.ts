// Files sent from a window in chunks (GUI import, evidence). Chunks are written to a temp file
// encrypted under a per-upload key held only in memory (AES-256-GCM per chunk), so an upload never
// sits on disk in plaintext, and a crash leaves only unreadable ciphertext that the next start sweeps.
// Each chunk's position and whether it ends the file are sealed with it (GCM additional data), so a
// chunk file reordered, cut short or with a chunk repeated or dropped is refused when read.
//
// What one user may hold is bounded (count and bytes of uploads in flight, UPLOAD_LIMITS), an upload
// that does not fit on the disk is refused at its start, a timer drops idle uploads, and no file
// handle stays open between chunks (a stalled window holds nothing but its bytes on disk).
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readdirSync, readSync, rmSync, statfsSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { VigilError } from '../../src-shared/errors';
import { UPLOAD_LIMITS } from '../../src-shared/limits';
import type { UploadTicket } from '../../src-shared/workspace-model';

export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FRAME_HEADER = 4 + IV_BYTES + TAG_BYTES;
const AAD_LABEL = Buffer.from('vigil upload chunk v1', 'ascii');
/**
 * Chunks beyond the fewest a file needs (full-size chunks): each costs a 32-byte frame on disk, so
 * without a bound a window sending 1-byte chunks would make a file 33 times its size.
 */
const SPARE_CHUNKS = 64;

function mostChunks(size: number): number {
  return Math.ceil(size / UPLOAD_CHUNK_BYTES) + SPARE_CHUNKS;
}

/** The most an upload of `size` bytes can take on disk, sealed. */
function sealedBytes(size: number): number {
  return size + mostChunks(size) * FRAME_HEADER;
}

export type UploadLimits = { [K in keyof typeof UPLOAD_LIMITS]: number };

export interface UploadStoreOptions {
  limits?: Partial<UploadLimits>;
  /** Bytes free for an unprivileged writer on the disk holding `directory` (tests pass a small disk). */
  freeBytes?: (directory: string) => number;
}

function freeBytesOnDisk(directory: string): number {
  const stats = statfsSync(directory);
  return stats.bavail * stats.bsize;
}

/** Binds a sealed chunk to its place in the file and says whether the file ends with it. */
function chunkAdditionalData(index: number, final: boolean): Buffer {
  const place = Buffer.alloc(5);
  place.writeUInt32BE(index, 0);
  place.writeUInt8(final ? 1 : 0, 4);
  return Buffer.concat([AAD_LABEL, place]);
}

const damaged = (index: number) => new VigilError('VAULT_CORRUPT', 'An upload chunk is damaged, missing or out of order; send the file again', { chunk: index });

interface Upload {
  id: string;
  userId: string;
  fileName: string;
  size: number;
  received: number;
  path: string;
  chunks: number;
  /** Bytes of sealed chunks written so far: where the next one goes. */
  onDisk: number;
  key: Buffer;
  touchedAt: number;
}

/** A finished upload, handed to exactly one consumer. */
export interface CompletedUpload {
  fileName: string;
  size: number;
  /** The file's bytes, decrypted chunk by chunk (memory stays at one chunk). */
  open(): Readable;
  readAll(): Buffer;
  dispose(): void;
}

export class UploadStore {
  private readonly uploads = new Map<string, Upload>();
  private readonly limits: UploadLimits;
  private readonly freeBytes: (directory: string) => number;
  private sweeper: NodeJS.Timeout | null = null;

  constructor(private readonly directory: string, private readonly now: () => number, options: UploadStoreOptions = {}) {
    this.limits = { ...UPLOAD_LIMITS, ...options.limits };
    this.freeBytes = options.freeBytes ?? freeBytesOnDisk;
    // Left by a crash: their keys died with the process, so they are unreadable noise.
    rmSync(directory, { recursive: true, force: true });
    mkdirSync(directory, { recursive: true, mode: 0o700 });
  }

  /** Drops idle uploads on a timer (unref'd: it never keeps the process alive). */
  start(): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => this.dropIdle(), this.limits.sweepEveryMs);
    this.sweeper.unref();
  }

  stop(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }

  begin(userId: string, fileName: string, size: number): UploadTicket {
    this.dropIdle();
    const mine = [...this.uploads.values()].filter((u) => u.userId === userId);
    if (mine.length >= this.limits.maxPerUser) {
      throw new VigilError('CONFLICT', 'Too many uploads in progress; finish or cancel one first', { reason: 'upload_count', limit: this.limits.maxPerUser });
    }
    const inFlightBytes = mine.reduce((sum, u) => sum + u.size, 0);
    if (inFlightBytes + size > this.limits.maxBytesPerUser) {
      throw new VigilError('CONFLICT', `Uploads in progress may total at most ${formatBytes(this.limits.maxBytesPerUser)}; finish or cancel one first`, {
        reason: 'upload_quota', limitBytes: this.limits.maxBytesPerUser, inFlightBytes,
      });
    }
    this.assertRoomFor(size);
    const id = randomUUID();
    const path = join(this.directory, `${id}.part`);
    writeFileSync(path, '', { flag: 'wx', mode: 0o600 });
    this.uploads.set(id, { id, userId, fileName, size, received: 0, path, chunks: 0, onDisk: 0, key: randomBytes(32), touchedAt: this.now() });
    return { uploadId: id, chunkBytes: UPLOAD_CHUNK_BYTES };
  }

  chunk(userId: string, uploadId: string, offset: number, data: Buffer): { received: number } {
    const upload = this.owned(userId, uploadId);
    if (offset !== upload.received) {
      throw new VigilError('CONFLICT', `Expected the chunk at byte ${upload.received}`, { expectedOffset: upload.received });
    }
    if (data.length === 0 || data.length > UPLOAD_CHUNK_BYTES) throw new VigilError('VALIDATION', `Chunks are 1 to ${UPLOAD_CHUNK_BYTES} bytes`);
    if (upload.received + data.length > upload.size) throw new VigilError('VALIDATION', 'More bytes than the announced file size');
    if (upload.chunks >= mostChunks(upload.size)) {
      throw new VigilError('VALIDATION', `Too many small chunks; send chunks of ${UPLOAD_CHUNK_BYTES} bytes`, { chunkBytes: UPLOAD_CHUNK_BYTES });
    }
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', upload.key, iv);
    cipher.setAAD(chunkAdditionalData(upload.chunks, upload.received + data.length === upload.size));
    const sealed = Buffer.concat([cipher.update(data), cipher.final()]);
    const header = Buffer.alloc(FRAME_HEADER);
    header.writeUInt32BE(sealed.length, 0);
    iv.copy(header, 4);
    cipher.getAuthTag().copy(header, 4 + IV_BYTES);
    // Opened for this chunk only: an upload waiting on a slow or vanished window holds no handle.
    const frame = Buffer.concat([header, sealed]);
    const fd = openSync(upload.path, 'r+');
    try {
      writeAll(fd, frame, upload.onDisk);
    } catch (error) {
      // A chunk half-written (disk full) is cut off, so the window can send it again.
      ftruncateSync(fd, upload.onDisk);
      const code = (error as NodeJS.ErrnoException).code;
      throw new VigilError('UNAVAILABLE', 'The chunk could not be written; try again', { reason: code });
    } finally {
      closeSync(fd);
    }
    upload.onDisk += frame.length;
    upload.chunks += 1;
    upload.received += data.length;
    upload.touchedAt = this.now();
    return { received: upload.received };
  }

  cancel(userId: string, uploadId: string): void {
    this.discard(this.owned(userId, uploadId));
  }

  /**
   * Reads a complete upload without taking it (the mapping preview reads the first rows, then the
   * import takes the same upload). The bytes stay encrypted on disk; a read decrypts as it goes.
   */
  peek(userId: string, uploadId: string): { fileName: string; size: number; open(): Readable } {
    const upload = this.owned(userId, uploadId);
    if (upload.received !== upload.size) {
      throw new VigilError('CONFLICT', `The upload is incomplete (${upload.received} of ${upload.size} bytes)`);
    }
    upload.touchedAt = this.now();
    const { path, key, fileName, size } = upload;
    return { fileName, size, open: () => Readable.from(decryptFrames(path, key, size)) };
  }

  /** Hands a complete upload to its consumer; it leaves the store, so it is used once. */
  take(userId: string, uploadId: string): CompletedUpload {
    const upload = this.owned(userId, uploadId);
    if (upload.received !== upload.size) {
      throw new VigilError('CONFLICT', `The upload is incomplete (${upload.received} of ${upload.size} bytes)`);
    }
    const fd = openSync(upload.path, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    this.uploads.delete(upload.id);
    const { path, key, fileName, size } = upload;
    return {
      fileName,
      size,
      open: () => Readable.from(decryptFrames(path, key, size)),
      readAll: () => Buffer.concat([...decryptFrames(path, key, size)]),
      dispose: () => {
        key.fill(0);
        rmSync(path, { force: true });
      },
    };
  }

  /** Drops every upload (the vault closed). */
  clear(): void {
    for (const upload of [...this.uploads.values()]) this.discard(upload);
    for (const name of readdirSync(this.directory)) rmSync(join(this.directory, name), { force: true });
  }

  private owned(userId: string, uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload || upload.userId !== userId) throw new VigilError('NOT_FOUND', 'No such upload; it may have expired');
    return upload;
  }

  private discard(upload: Upload): void {
    this.uploads.delete(upload.id);
    upload.key.fill(0);
    rmSync(upload.path, { force: true });
  }

  private dropIdle(): void {
    const cutoff = this.now() - this.limits.idleMs;
    for (const upload of [...this.uploads.values()]) if (upload.touchedAt < cutoff) this.discard(upload);
  }

  /** The new upload, plus what the others still have to send, plus a margin, must fit on the disk. */
  private assertRoomFor(size: number): void {
    let free: number;
    try {
      free = this.freeBytes(this.directory);
    } catch (error) {
      throw new VigilError('UNAVAILABLE', 'Cannot tell how much room is left on the disk', { reason: (error as NodeJS.ErrnoException).code });
    }
    const pending = [...this.uploads.values()].reduce((sum, u) => sum + (sealedBytes(u.size) - u.onDisk), 0);
    const neededBytes = sealedBytes(size) + pending + this.limits.freeSpaceMarginBytes;
    if (neededBytes > free) {
      throw new VigilError('UNAVAILABLE', `Not enough room on the disk for this file (${formatBytes(free)} free); free some space and try again`, {
        reason: 'disk_full', freeBytes: free, neededBytes,
      });
    }
  }
}

function writeAll(fd: number, bytes: Buffer, position: number): void {
  let done = 0;
  while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GiB` : `${Math.round(bytes / 1024 ** 2)} MiB`;
}

/**
 * Decrypts the chunks in order. Each must be the one sealed at its position, the last one read must
 * be the one sealed as last (and no other), and together they must hold exactly `size` bytes.
 */
function* decryptFrames(path: string, key: Buffer, size: number): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    const fileSize = fstatSync(fd).size;
    const header = Buffer.alloc(FRAME_HEADER);
    let position = 0;
    let plainBytes = 0;
    for (let index = 0; position < fileSize; index += 1) {
      if (readSync(fd, header, 0, FRAME_HEADER, position) !== FRAME_HEADER) throw damaged(index);
      const length = header.readUInt32BE(0);
      // Checked before anything is allocated: a damaged length must not ask for gigabytes.
      if (length === 0 || length > UPLOAD_CHUNK_BYTES || position + FRAME_HEADER + length > fileSize) throw damaged(index);
      const sealed = Buffer.alloc(length);
      if (readSync(fd, sealed, 0, length, position + FRAME_HEADER) !== length) throw damaged(index);
      position += FRAME_HEADER + length;
      const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(4, 4 + IV_BYTES));
      decipher.setAAD(chunkAdditionalData(index, position === fileSize));
      decipher.setAuthTag(header.subarray(4 + IV_BYTES));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(sealed), decipher.final()]);
      } catch {
        throw damaged(index);
      }
      plainBytes += plain.length;
      yield plain;
    }
    if (plainBytes !== size) throw damaged(-1);
  } finally {
    closeSync(fd);
  }
}
