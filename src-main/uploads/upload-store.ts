// Files sent from a window in chunks (GUI import, evidence). Chunks are written to a temp file
// encrypted under a per-upload key held only in memory (AES-256-GCM per chunk), so an upload never
// sits on disk in plaintext, and a crash leaves only unreadable ciphertext that the next start sweeps.
import { createCipheriv, createDecipheriv, randomBytes, randomUUID } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { VigilError } from '../../src-shared/errors';
import type { UploadTicket } from '../../src-shared/workspace-model';

export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
const MAX_OPEN_UPLOADS_PER_USER = 4;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FRAME_HEADER = 4 + IV_BYTES + TAG_BYTES;
/** An upload nobody touched for this long is dropped. */
const IDLE_MS = 30 * 60 * 1000;

interface Upload {
  id: string;
  userId: string;
  fileName: string;
  size: number;
  received: number;
  path: string;
  fd: number;
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

  constructor(private readonly directory: string, private readonly now: () => number) {
    // Left by a crash: their keys died with the process, so they are unreadable noise.
    rmSync(directory, { recursive: true, force: true });
    mkdirSync(directory, { recursive: true, mode: 0o700 });
  }

  begin(userId: string, fileName: string, size: number): UploadTicket {
    this.dropIdle();
    const mine = [...this.uploads.values()].filter((u) => u.userId === userId);
    if (mine.length >= MAX_OPEN_UPLOADS_PER_USER) throw new VigilError('CONFLICT', 'Too many uploads in progress; finish or cancel one first');
    const id = randomUUID();
    const path = join(this.directory, `${id}.part`);
    const fd = openSync(path, 'wx', 0o600);
    this.uploads.set(id, { id, userId, fileName, size, received: 0, path, fd, key: randomBytes(32), touchedAt: this.now() });
    return { uploadId: id, chunkBytes: UPLOAD_CHUNK_BYTES };
  }

  chunk(userId: string, uploadId: string, offset: number, data: Buffer): { received: number } {
    const upload = this.owned(userId, uploadId);
    if (offset !== upload.received) {
      throw new VigilError('CONFLICT', `Expected the chunk at byte ${upload.received}`, { expectedOffset: upload.received });
    }
    if (data.length === 0 || data.length > UPLOAD_CHUNK_BYTES) throw new VigilError('VALIDATION', `Chunks are 1 to ${UPLOAD_CHUNK_BYTES} bytes`);
    if (upload.received + data.length > upload.size) throw new VigilError('VALIDATION', 'More bytes than the announced file size');
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', upload.key, iv);
    const sealed = Buffer.concat([cipher.update(data), cipher.final()]);
    const header = Buffer.alloc(FRAME_HEADER);
    header.writeUInt32BE(sealed.length, 0);
    iv.copy(header, 4);
    cipher.getAuthTag().copy(header, 4 + IV_BYTES);
    writeSync(upload.fd, Buffer.concat([header, sealed]));
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
    return { fileName, size, open: () => Readable.from(decryptFrames(path, key)) };
  }

  /** Hands a complete upload to its consumer; it leaves the store, so it is used once. */
  take(userId: string, uploadId: string): CompletedUpload {
    const upload = this.owned(userId, uploadId);
    if (upload.received !== upload.size) {
      throw new VigilError('CONFLICT', `The upload is incomplete (${upload.received} of ${upload.size} bytes)`);
    }
    fsyncSync(upload.fd);
    closeSync(upload.fd);
    this.uploads.delete(upload.id);
    const { path, key, fileName, size } = upload;
    return {
      fileName,
      size,
      open: () => Readable.from(decryptFrames(path, key)),
      readAll: () => Buffer.concat([...decryptFrames(path, key)]),
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
    try { closeSync(upload.fd); } catch { /* already closed */ }
    rmSync(upload.path, { force: true });
  }

  private dropIdle(): void {
    const cutoff = this.now() - IDLE_MS;
    for (const upload of [...this.uploads.values()]) if (upload.touchedAt < cutoff) this.discard(upload);
  }
}

function* decryptFrames(path: string, key: Buffer): Generator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    const header = Buffer.alloc(FRAME_HEADER);
    for (;;) {
      const got = readSync(fd, header, 0, FRAME_HEADER, null);
      if (got === 0) return;
      if (got !== FRAME_HEADER) throw new VigilError('VAULT_CORRUPT', 'An upload chunk is truncated');
      const length = header.readUInt32BE(0);
      const sealed = Buffer.alloc(length);
      if (readSync(fd, sealed, 0, length, null) !== length) throw new VigilError('VAULT_CORRUPT', 'An upload chunk is truncated');
      const decipher = createDecipheriv('aes-256-gcm', key, header.subarray(4, 4 + IV_BYTES));
      decipher.setAuthTag(header.subarray(4 + IV_BYTES));
      yield Buffer.concat([decipher.update(sealed), decipher.final()]);
    }
  } finally {
    closeSync(fd);
  }
}
