// Case packages held by main between two calls from a window: one exported and waiting to be fetched
// in chunks, or one uploaded and waiting for its import after the analyst has seen what is inside.
// Only sealed package files are held here (ciphertext under the passphrase), each owned by the user
// who made it, dropped when fetched in full, imported, discarded, idle for 30 minutes, or at start.
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { VigilError } from '../../src-shared/errors';
import { CASE_PACKAGE_CHUNK_BYTES, type CasePackageChunk } from '../../src-shared/case-package-contract';

export type StagedKind = 'download' | 'import';

export interface StagedPackage {
  id: string;
  kind: StagedKind;
  userId: string;
  fileName: string;
  path: string;
  touchedAt: number;
}

const IDLE_MS = 30 * 60 * 1000;
const MAX_PER_USER = 4;

export class PackageStaging {
  private readonly staged = new Map<string, StagedPackage>();

  constructor(private readonly directory: string, private readonly now: () => number) {
    // Left by a crash: nobody holds their ids any more.
    rmSync(directory, { recursive: true, force: true });
    mkdirSync(directory, { recursive: true, mode: 0o700 });
  }

  /** Reserves a place for a new package; the caller writes the file at `path`. */
  reserve(userId: string, kind: StagedKind, fileName: string): StagedPackage {
    this.dropIdle();
    const mine = [...this.staged.values()].filter((s) => s.userId === userId);
    const oldest = mine.sort((a, b) => a.touchedAt - b.touchedAt)[0];
    if (mine.length >= MAX_PER_USER && oldest) this.drop(oldest.id);
    const id = randomUUID();
    const entry = { id, kind, userId, fileName, path: join(this.directory, `${id}.vigilcase`), touchedAt: this.now() };
    this.staged.set(id, entry);
    return entry;
  }

  get(userId: string, id: string, kind: StagedKind): StagedPackage {
    this.dropIdle();
    const entry = this.staged.get(id);
    if (!entry || entry.userId !== userId || entry.kind !== kind) throw new VigilError('NOT_FOUND', 'No such case package here; it may have expired, choose it again');
    entry.touchedAt = this.now();
    return entry;
  }

  /** One chunk of a staged download; the last one drops it. */
  chunk(userId: string, id: string, offset: number): CasePackageChunk {
    const entry = this.get(userId, id, 'download');
    const size = statSync(entry.path).size;
    if (offset > size) throw new VigilError('VALIDATION', 'Offset past the end of the package');
    const length = Math.min(CASE_PACKAGE_CHUNK_BYTES, size - offset);
    const buffer = Buffer.alloc(length);
    const fd = openSync(entry.path, 'r');
    try {
      let done = 0;
      while (done < length) done += readSync(fd, buffer, done, length - done, offset + done);
    } finally {
      closeSync(fd);
    }
    const nextOffset = offset + length;
    if (nextOffset >= size) this.drop(id);
    return { dataBase64: buffer.toString('base64'), nextOffset, sizeBytes: size };
  }

  drop(id: string): void {
    const entry = this.staged.get(id);
    if (!entry) return;
    this.staged.delete(id);
    rmSync(entry.path, { force: true });
  }

  /** Drops what nobody touched for IDLE_MS. */
  dropIdle(): void {
    const now = this.now();
    for (const entry of [...this.staged.values()]) if (now - entry.touchedAt > IDLE_MS) this.drop(entry.id);
  }
}
