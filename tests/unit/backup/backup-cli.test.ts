// `vigil backup …` in-process against a vault set up by the app: what scripts read (--json), exit codes.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { PassThrough, Writable } from 'node:stream';
import { runCli } from '../../../src-main/cli/main';
import type { CliIo } from '../../../src-main/cli/cli-context';
import type { BackupManifest, BackupVerification } from '../../../src-shared/backup-model';
import { ADMIN, makeTestVault, setUpVault, TEST_KDF, type TestVault } from '../support/test-core';

let vault: TestVault;
afterEach(() => vault?.dispose());

class TextSink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function vigil(argv: string[], env: NodeJS.ProcessEnv = { VIGIL_PASSWORD: ADMIN.password }) {
  const stdout = new TextSink();
  const stderr = new TextSink();
  const stdin = new PassThrough() as unknown as NodeJS.ReadStream;
  stdin.isTTY = false;
  const io: CliIo = { env, stdin, stdout, stderr: stderr as unknown as NodeJS.WriteStream };
  const code = await runCli([...argv, '--data', vault.dir], io, TEST_KDF);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('vigil backup', () => {
  it('creates, lists and verifies with the path and row counts in --json, and restores', async () => {
    vault = makeTestVault();
    const { admin, recoveryKey } = await setUpVault(vault);
    await admin.invoke('users.create', { username: 'bob', displayName: 'Bob', role: 'viewer' });
    vault.core.close();

    const created = await vigil(['backup', 'create', '--as', ADMIN.username, '--json']);
    expect(created.code, created.stderr).toBe(0);
    const made = JSON.parse(created.stdout) as { path: string; manifest: BackupManifest };
    expect(made.manifest.rowCounts.users).toBe(2);
    expect(made.path).toMatch(/\.vigilbk$/);

    const listed = await vigil(['backup', 'list', '--as', ADMIN.username, '--json']);
    expect((JSON.parse(listed.stdout) as { path: string }[]).map((l) => l.path)).toEqual([made.path]);
    const human = await vigil(['backup', 'list', '--as', ADMIN.username]);
    expect(human.stdout).toMatch(/manual .* 2 users/);

    const verified = await vigil(['backup', 'verify', made.path, '--as', ADMIN.username, '--json']);
    expect(verified.code, verified.stderr).toBe(0);
    expect((JSON.parse(verified.stdout) as BackupVerification).manifest?.rowCounts).toEqual(made.manifest.rowCounts);

    const usage = await vigil(['backup', 'restore', made.path, '--as', ADMIN.username]);
    expect(usage.code).toBe(2);
    const restored = await vigil(['backup', 'restore', made.path, '--confirm', 'Test vault', '--as', ADMIN.username]);
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Restored from vigil-backup-/);

    // Every password lost: the recovery key alone restores.
    const withKey = await vigil(['backup', 'restore', made.path, '--confirm', 'Test vault', '--recovery-key'], { VIGIL_RECOVERY_KEY: recoveryKey });
    expect(withKey.code, withKey.stderr).toBe(0);
    expect(withKey.stdout).toMatch(/recovery key/);
  });

  it('restores one investigation by key, and a second run says there is nothing to restore', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const made = await admin.invoke('investigations.create', { title: 'Kept in a backup' });
    await admin.invoke('notes.add', { investigationId: made.id, body: 'first note' });
    const listing = await admin.invoke('backup.create', {});
    const db = vault.core.services.custody.vault.db;
    db.exec(`DROP TRIGGER notes_no_delete; DELETE FROM notes WHERE investigation_id = '${made.id}'`);
    vault.core.close();

    const usage = await vigil(['backup', 'restore-investigation', listing.path, '--as', ADMIN.username]);
    expect(usage.code).toBe(2);
    const run = await vigil(['backup', 'restore-investigation', listing.path, '--investigation', made.key, '--as', ADMIN.username]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Restored ${made.key} from ${listing.fileName}: 1 rows (0 alerts, 1 notes, 0 evidence items).`);
    const again = await vigil(['backup', 'restore-investigation', listing.path, '--investigation', made.key, '--as', ADMIN.username, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as { restored: Record<string, number> }).restored.notes).toBe(0);
    const missing = await vigil(['backup', 'restore-investigation', listing.path, '--investigation', 'INV-1999-0001', '--as', ADMIN.username]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('The backup has no investigation INV-1999-0001');
  });

  it('exits 1 and says why when a backup does not verify', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const listing = await admin.invoke('backup.create', {});
    vault.core.close();
    const bytes = readFileSync(listing.path);
    bytes[100] = (bytes[100] ?? 0) ^ 1;
    writeFileSync(listing.path, bytes);
    const run = await vigil(['backup', 'verify', listing.path, '--as', ADMIN.username]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAILED verification \(body_hash\)/);
  });
});
