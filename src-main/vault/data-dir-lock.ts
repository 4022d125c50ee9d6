// One process per data directory: two writers to keyslots.json could lose each other's updates.
// The lock file holds the owner's pid and, on a second line, what it is (the app, the browser mode,
// a command), so a refused command can name who holds the vault; a lock left by a dead process is
// taken over.
//
// Why even read-only commands never open the vault beside the holder (SQLite's WAL would let a
// second reader in): opening a vault is not read-only. Starting a core settles an interrupted
// restore, removes stale temp files of keyslots.json and undoes unfinished imports (the holder's
// running import would look unfinished); a password sign-in counts the attempt in keyslots.json
// before checking it; and every sign-in and export is written to the audit log. So the reads go
// through the holder instead: the app and `vigil serve` run a loopback command endpoint
// (src-main/ipc/command-endpoint.ts) where a read-only command, with an API token, makes its calls
// on the holder's own core, and those writes stay in the one process that owns the files.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { VigilError } from '../../src-shared/errors';

export interface DataDirLock {
  release(): void;
}

/** Whether a process with this pid exists (EPERM: it does, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Who holds a data directory, as a refusal names it. */
export type LockHolder = 'app' | 'browser-mode' | 'command';

const HOLDER_NAMES: Record<LockHolder, string> = {
  app: 'The Vigil app',
  'browser-mode': 'Vigil in browser mode (vigil serve)',
  command: 'Another vigil command',
};

function holderOf(text: string): LockHolder | null {
  const holder = text.split('\n')[1]?.trim();
  return holder === 'app' || holder === 'browser-mode' || holder === 'command' ? holder : null;
}

export function lockDataDir(dataDir: string, holder: LockHolder = 'command'): DataDirLock {
  const path = join(dataDir, 'vigil.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, `${process.pid}\n${holder}\n`);
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            unlinkSync(path);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const text = readFileSync(path, 'utf8');
      const owner = Number(text.split('\n')[0]?.trim());
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processAlive(owner)) {
        const by = holderOf(text);
        throw new VigilError('DATA_DIR_IN_USE', `${by ? HOLDER_NAMES[by] : 'Another Vigil process'} (pid ${owner}) has this vault open`, { pid: owner, holder: by });
      }
      unlinkSync(path);
    }
  }
  throw new VigilError('DATA_DIR_IN_USE', 'Could not lock the data directory');
}
