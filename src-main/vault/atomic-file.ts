// Crash-safe file replacement: write a temp file beside the target, fsync it, rename over the
// target, fsync the directory. A reader sees the old file or the new one, never a torn one.
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { open, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export const TEMP_MARKER = '.tmp-';

export function writeFileAtomic(path: string, contents: string | Buffer, mode = 0o600): void {
  const temp = join(dirname(path), `${basename(path)}${TEMP_MARKER}${randomBytes(6).toString('hex')}`);
  const fd = openSync(temp, 'wx', mode);
  try {
    const data = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
    let offset = 0;
    while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    unlinkSync(temp);
    throw error;
  }
  closeSync(fd);
  renameSync(temp, path);
  fsyncDirectory(dirname(path));
}

/**
 * The same replacement with its writes and fsyncs on libuv's thread pool (three fsyncs measured
 * ~20 ms on a VM disk: too long to hold the main thread for). Only the rename runs on the main
 * thread, and only while `stillWanted()`, so a later synchronous write is never overtaken by this
 * one. False when it was no longer wanted.
 */
export async function writeFileAtomicInBackground(path: string, contents: string, stillWanted: () => boolean, mode = 0o600): Promise<boolean> {
  const temp = join(dirname(path), `${basename(path)}${TEMP_MARKER}${randomBytes(6).toString('hex')}`);
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(contents, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (!stillWanted()) return false;
    renameSync(temp, path);
  } finally {
    await rm(temp, { force: true });
  }
  // Windows cannot open a directory for fsync (see fsyncDirectory).
  const dir = process.platform === 'win32' ? null : await open(dirname(path), 'r');
  if (dir) await dir.sync().finally(() => dir.close());
  return true;
}

/** Deletes temp files a crash left beside `path` (they were never renamed, so never in use). */
export function removeStaleTempFiles(path: string): void {
  const prefix = `${basename(path)}${TEMP_MARKER}`;
  for (const name of readdirSync(dirname(path))) if (name.startsWith(prefix)) rmSync(join(dirname(path), name), { force: true });
}

export function fsyncDirectory(directory: string): void {
  // Windows cannot open a directory for fsync; NTFS rename is already durable enough there.
  if (process.platform === 'win32') return;
  const fd = openSync(directory, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
