// A command run while the app has the vault open is refused with a message naming the app, and opens
// nothing: starting a core beside the holder would undo its running import, settle its restore and
// race its keyslots.json writes (src-main/vault/data-dir-lock.ts).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDataDir } from '../../../src-main/vault/data-dir-lock';
import { runVigil } from '../support/cli-run';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A lock as a live process other than this one holds it (the test runner's parent stands in for the app). */
function heldBy(holder: string): void {
  writeFileSync(join(dir, 'vigil.lock'), `${process.ppid}\n${holder}\n`);
}

describe('a vault held by another process', () => {
  it('refuses read-only commands naming the app, and says where the same reads are', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-held-'));
    expect((await runVigil(dir, ['init', '--admin', 'root'])).code).toBe(0);
    heldBy('app');
    for (const argv of [['audit', 'verify'], ['stats'], ['user', 'list'], ['backup', 'list'], ['export', 'alerts', '--format', 'csv', '--out', join(dir, 'a.csv')]]) {
      const run = await runVigil(dir, [...argv, '--as', 'root']);
      expect(run.code, argv.join(' ')).toBe(1);
      expect(run.err).toContain(`The Vigil app (pid ${process.ppid}) has this vault open. Close it and run the command again`);
      expect(run.err).toContain('Audit log (verify), Analytics (stats), Export on each list');
    }
    // The holder's lock is left alone.
    expect(readFileSync(join(dir, 'vigil.lock'), 'utf8')).toBe(`${process.ppid}\napp\n`);
  }, 30_000);

  it('names the browser mode and other commands too, and takes over a lock whose process is gone', () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-held-'));
    heldBy('browser-mode');
    expect(() => lockDataDir(dir)).toThrow(`Vigil in browser mode (vigil serve) (pid ${process.ppid}) has this vault open`);
    heldBy('command');
    expect(() => lockDataDir(dir)).toThrow(`Another vigil command (pid ${process.ppid}) has this vault open`);
    writeFileSync(join(dir, 'vigil.lock'), '2147483646\napp\n');
    const lock = lockDataDir(dir, 'app');
    expect(readFileSync(join(dir, 'vigil.lock'), 'utf8')).toBe(`${process.pid}\napp\n`);
    lock.release();
  });
});
