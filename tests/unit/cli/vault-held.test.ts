// A command run while the app has the vault open is refused with a message naming the app, and opens
// nothing: starting a core beside the holder would undo its running import, settle its restore and
// race its keyslots.json writes (src-main/vault/data-dir-lock.ts). Read-only commands can run
// through the app instead (through-app.test.ts); the refusal says how.
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
  it('refuses commands naming the app; a read-only one says it can run through the app with an API token', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-held-'));
    expect((await runVigil(dir, ['init', '--admin', 'root'])).code).toBe(0);
    heldBy('app');
    for (const argv of [['audit', 'verify'], ['stats'], ['user', 'list'], ['backup', 'list'], ['export', 'alerts', '--format', 'csv', '--out', join(dir, 'a.csv')]]) {
      const run = await runVigil(dir, [...argv, '--as', 'root']);
      expect(run.code, argv.join(' ')).toBe(1);
      expect(run.err).toContain(`The Vigil app (pid ${process.ppid}) has this vault open. This command only reads: `
        + 'it can run through the running app with an API token in VIGIL_TOKEN (create one in Settings → API tokens, '
        + 'or with `vigil token create` while the app is closed). Or close it and run the command again.');
    }
    const write = await runVigil(dir, ['user', 'add', 'x', '--role', 'analyst', '--as', 'root']);
    expect(write.code).toBe(1);
    expect(write.err).toContain(`The Vigil app (pid ${process.ppid}) has this vault open. Close it and run the command again: a command that changes the vault cannot run beside it.`);
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
