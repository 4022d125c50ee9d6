// Read-only commands while the app holds the vault: with VIGIL_TOKEN they run through the app's
// command endpoint and say so; a command that writes is refused and changes nothing; without a
// token the refusal says how to get one; with no live endpoint they are refused as before.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src-main/core';
import { openCommandEndpoint, type CommandEndpoint } from '../../../src-main/ipc/command-endpoint';
import { endpointPath } from '../../../src-main/ipc/command-endpoint-file';
import { runVigil } from '../support/cli-run';
import { TEST_KDF } from '../support/test-core';

let dir = '';
let core: Core | null = null;
let endpoint: CommandEndpoint | null = null;

afterEach(async () => {
  await endpoint?.close();
  core?.close();
  endpoint = null;
  core = null;
  rmSync(dir, { recursive: true, force: true });
});

const THROUGH = `The Vigil app (pid ${process.ppid}) has this vault open: running through it with your API token.`;

/** A vault with an admin, an admin token (and a backup when asked), then held "by the app": a core with its endpoint, the lock naming a live process other than this one. */
async function heldVaultWithToken(withBackup = false): Promise<{ token: string; backupPath: string }> {
  dir = mkdtempSync(join(tmpdir(), 'vigil-through-'));
  expect((await runVigil(dir, ['init', '--admin', 'root'])).code).toBe(0);
  const created = await runVigil(dir, ['token', 'create', '--name', 'script', '--as', 'root', '--json']);
  expect(created.code, created.err).toBe(0);
  const backup = withBackup ? await runVigil(dir, ['backup', 'create', '--as', 'root', '--json']) : null;
  expect(backup?.code ?? 0, backup?.err).toBe(0);
  core = createCore({ dataDir: dir, kdf: TEST_KDF, sweepIntervalMs: null, holder: 'app' });
  endpoint = openCommandEndpoint(core);
  expect(await endpoint.ready).not.toBeNull();
  // The test runner's parent stands in for the app (vault-held.test.ts does the same).
  writeFileSync(join(dir, 'vigil.lock'), `${process.ppid}\napp\n`);
  return { token: (JSON.parse(created.out) as { token: string }).token, backupPath: backup ? (JSON.parse(backup.out) as { path: string }).path : '' };
}

describe('read-only commands through the running app', () => {
  it('run with an API token and say they went through the app', async () => {
    const { token, backupPath } = await heldVaultWithToken(true);
    const env = { VIGIL_TOKEN: token };

    const verify = await runVigil(dir, ['audit', 'verify'], env);
    expect(verify.code, verify.err).toBe(0);
    expect(verify.out).toMatch(/^Audit chain intact: \d+ entries/);
    expect(verify.err).toBe(`${THROUGH}\n`);

    const users = await runVigil(dir, ['user', 'list', '--json'], env);
    expect(users.code, users.err).toBe(0);
    expect((JSON.parse(users.out) as { username: string }[]).map((u) => u.username)).toEqual(['root']);

    const stats = await runVigil(dir, ['stats'], env);
    expect(stats.code, stats.err).toBe(0);
    expect(stats.out).toMatch(/^Vigil stats /);

    const backups = await runVigil(dir, ['backup', 'list'], env);
    expect(backups.code, backups.err).toBe(0);
    expect(backups.out).toContain(backupPath);
    const whole = await runVigil(dir, ['backup', 'verify', backupPath], env);
    expect(whole.code, whole.err).toBe(0);
    expect(whole.out).toContain('is whole');
    // A file outside the app's backup folder would have the app read any path: not through the app.
    const elsewhere = await runVigil(dir, ['backup', 'verify', join(dir, 'elsewhere.vigilbackup')], env);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.err).toContain('only backups in its backup folder');

    const out = join(dir, 'alerts.csv');
    const exported = await runVigil(dir, ['export', 'alerts', '--format', 'csv', '--out', out], env);
    expect(exported.code, exported.err).toBe(0);
    expect(exported.out).toContain(`Wrote 0 alerts to ${out}`);
    expect(existsSync(out)).toBe(true);

    // Every call ended its session: only the app's own (none here) remain.
    expect(core?.services.sessions.list()).toEqual([]);
    expect(readFileSync(join(dir, 'vigil.lock'), 'utf8')).toBe(`${process.ppid}\napp\n`);
  }, 60_000);

  it('refuses a command that writes, even with a token, and the vault is unchanged', async () => {
    const { token } = await heldVaultWithToken();
    const add = await runVigil(dir, ['user', 'add', 'x', '--role', 'analyst'], { VIGIL_TOKEN: token });
    expect(add.code).toBe(1);
    expect(add.err).toContain(`The Vigil app (pid ${process.ppid}) has this vault open. Close it and run the command again: a command that changes the vault cannot run beside it.`);
    expect(add.err).not.toContain('running through it');
    const users = await runVigil(dir, ['user', 'list', '--json'], { VIGIL_TOKEN: token });
    expect((JSON.parse(users.out) as { username: string }[]).map((u) => u.username)).toEqual(['root']);
  }, 60_000);

  it('without a token, says a read-only command can run through the app with one', async () => {
    await heldVaultWithToken();
    const run = await runVigil(dir, ['audit', 'verify', '--as', 'root']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('This command only reads: it can run through the running app with an API token in VIGIL_TOKEN');
    expect(run.err).toContain('Settings → API tokens');
  }, 60_000);

  it('ignores a stale endpoint (its process gone, nothing on its port) and one that cannot prove the key', async () => {
    const { token } = await heldVaultWithToken();
    const record = JSON.parse(readFileSync(endpointPath(dir), 'utf8')) as { pid: number; port: number; key: string };
    const refusedWith = async (file: object) => {
      writeFileSync(endpointPath(dir), JSON.stringify(file));
      const run = await runVigil(dir, ['audit', 'verify'], { VIGIL_TOKEN: token });
      expect(run.code).toBe(1);
      expect(run.err).not.toContain('running through it');
      expect(run.err).toContain('no command endpoint of it answers (only the app and vigil serve run one). Close it and run the command again.');
    };
    await refusedWith({ ...record, pid: 2147483646 });
    // Whatever answers on the port does not know this key: it is not handed the token.
    await refusedWith({ ...record, key: 'k'.repeat(43) });
    await endpoint?.close();
    await refusedWith(record);
  }, 60_000);
});
