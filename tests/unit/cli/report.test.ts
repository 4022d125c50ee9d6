// `vigil report KEY --out FILE`: writes the investigation report where asked, as PDF or HTML, and
// prints the SHA-256 the audit log also holds.
import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../../../src-main/core';
import { createInProcessClient } from '../../../src-main/ipc/in-process-client';
import { CLI_PASSWORD, runVigil } from '../support/cli-run';
import { TEST_KDF } from '../support/test-core';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('vigil report', () => {
  it('writes the PDF or HTML report of a case named by its key, with its SHA-256', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-report-'));
    expect((await runVigil(dir, ['init', '--admin', 'root', '--json'])).code).toBe(0);
    const core = createCore({ dataDir: dir, kdf: TEST_KDF, sweepIntervalMs: null });
    let key = '';
    try {
      const root = createInProcessClient(core.router, 'test');
      await root.invoke('auth.login', { username: 'root', password: CLI_PASSWORD });
      ({ key } = await root.invoke('investigations.create', { title: 'Refund fraud at Zoë\'s café — 東京' }));
    } finally {
      core.close();
    }
    for (const extension of ['pdf', 'html']) {
      const out = join(dir, `report.${extension}`);
      const run = await runVigil(dir, ['report', key.toLowerCase(), '--out', out, '--as', 'root', '--json']);
      expect(run.code, run.err).toBe(0);
      const printed = JSON.parse(run.out) as { sha256: string; path: string; masked: boolean };
      const bytes = readFileSync(out);
      expect(printed).toMatchObject({ path: out, masked: false, sha256: createHash('sha256').update(bytes).digest('hex') });
      if (extension === 'html') expect(bytes.toString('utf8')).toContain('Refund fraud at Zoë&#39;s café — 東京');
      else expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const bad = await runVigil(dir, ['report', key, '--out', join(dir, 'report.docx'), '--as', 'root']);
    expect(bad.code).toBe(2);
  }, 60_000);
});
