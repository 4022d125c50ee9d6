// `vigil case export|inspect|import` in-process, between two data directories, as a script would
// run it (VIGIL_PASSWORD and VIGIL_CASE_PASSPHRASE from the environment, --json read back).
import { afterEach, describe, expect, it } from 'vitest';
import { PassThrough, Writable } from 'node:stream';
import { join } from 'node:path';
import { runCli } from '../../../src-main/cli/main';
import type { CliIo } from '../../../src-main/cli/cli-context';
import type { CasePackageExported, CasePackageImportOutcome } from '../../../src-shared/case-package-contract';
import { ADMIN, TEST_KDF, type TestVault } from '../support/test-core';
import { cliClient, dbOf, emptyVault, PASSPHRASE, snapshot, vaultWithCase } from './case-fixtures';

const vaults: TestVault[] = [];
afterEach(() => {
  for (const v of vaults.splice(0)) v.dispose();
});

class TextSink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function vigil(dir: string, argv: string[], passphrase = PASSPHRASE) {
  const stdout = new TextSink();
  const stderr = new TextSink();
  const stdin = new PassThrough() as unknown as NodeJS.ReadStream;
  stdin.isTTY = false;
  const io: CliIo = { env: { VIGIL_PASSWORD: ADMIN.password, VIGIL_CASE_PASSPHRASE: passphrase }, stdin, stdout, stderr: stderr as unknown as NodeJS.WriteStream };
  const code = await runCli([...argv, '--data', dir], io, TEST_KDF);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('vigil case', () => {
  it('exports from one data directory and imports into another, a second import writing nothing', async () => {
    const a = await vaultWithCase();
    const b = await emptyVault();
    vaults.push(a.vault, b.vault);
    const before = snapshot(dbOf(a.vault), a.key).alerts;
    a.vault.core.close();
    b.vault.core.close();
    const file = join(a.vault.dir, 'handover.vigilcase');

    const exported = await vigil(a.vault.dir, ['case', 'export', a.key, '--out', file, '--as', ADMIN.username, '--json']);
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout) as CasePackageExported).toMatchObject({ path: file, summary: { investigationKey: a.key } });
    const human = await vigil(a.vault.dir, ['case', 'export', a.key, '--out', `${file}.2`, '--as', ADMIN.username]);
    expect(human.stdout).toMatch(new RegExp(`^Sealed ${a.key} ".*": 15 alerts, 1 notes, 1 findings, 1 evidence items, 1 actions`));

    const usage = await vigil(b.vault.dir, ['case', 'export', a.key, '--as', ADMIN.username]);
    expect(usage.code).toBe(2);
    const wrong = await vigil(b.vault.dir, ['case', 'import', file, '--as', ADMIN.username], 'some other passphrase');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/passphrase does not open/);

    const inspected = await vigil(b.vault.dir, ['case', 'inspect', file, '--as', ADMIN.username]);
    expect(inspected.stdout).toMatch(/exported by ada@Test vault/);
    const imported = await vigil(b.vault.dir, ['case', 'import', file, '--as', ADMIN.username, '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout) as CasePackageImportOutcome).toMatchObject({ investigationKey: a.key, alreadyImported: false, evidenceVerified: 1 });
    const again = await vigil(b.vault.dir, ['case', 'import', file, '--as', ADMIN.username]);
    expect(again.stdout).toMatch(/was already imported as INV-\d{4}-\d{4}; nothing was written/);

    b.vault.restart();
    await cliClient(b.vault);
    expect(snapshot(dbOf(b.vault), a.key).alerts).toEqual(before);
  });
});
