// The log file in the app-data folder (`<data dir>/logs/vigil.log`), rotated by size: when the next
// line would pass the limit the file becomes vigil.log.1, .1 becomes .2, and the oldest is dropped,
// so the folder never holds more than `files` × `maxBytes`. Owner-only like the vault (folder 0700,
// files 0600). Opened on the first line, so a command that logs nothing leaves no file behind.
import { closeSync, fchmodSync, fstatSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const LOG_FILE_NAME = 'vigil.log';
export const DEFAULT_LOG_ROTATION = { maxBytes: 5 * 1024 * 1024, files: 5 };

export interface LogRotation {
  /** Size at which the current file is rotated. */
  maxBytes: number;
  /** Files kept, the current one included. */
  files: number;
}

export function logFilePath(dataDir: string): string {
  return join(dataDir, 'logs', LOG_FILE_NAME);
}

export class RotatingLogFile {
  private fd: number | null = null;
  private size = 0;

  constructor(readonly path: string, private readonly rotation: LogRotation = DEFAULT_LOG_ROTATION) {}

  /** Appends one line (a newline is added). Throws when the file cannot be written. */
  append(line: string): void {
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    if (this.fd === null) this.open();
    if (this.size > 0 && this.size + bytes.length > this.rotation.maxBytes) this.rotate();
    const fd = this.fd ?? this.open();
    writeSync(fd, bytes);
    this.size += bytes.length;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private open(): number {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const fd = openSync(this.path, 'a', 0o600);
    // A file made earlier, or by hand, with wider rights is narrowed too.
    fchmodSync(fd, 0o600);
    this.size = fstatSync(fd).size;
    this.fd = fd;
    return fd;
  }

  private rotate(): void {
    this.close();
    rmSync(`${this.path}.${this.rotation.files - 1}`, { force: true });
    for (let index = this.rotation.files - 2; index >= 1; index -= 1) {
      try {
        renameSync(`${this.path}.${index}`, `${this.path}.${index + 1}`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    if (this.rotation.files > 1) renameSync(this.path, `${this.path}.1`);
    else rmSync(this.path, { force: true });
    this.open();
  }
}
