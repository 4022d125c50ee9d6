// `vigil report KEY --out FILE` and `vigil report --analytics --out FILE`: write the investigation
// report or the analytics report of a range where asked, as PDF or HTML, and print the SHA-256 the
// audit log also holds; refuse a bad range or mixed-up arguments.
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

  it('writes the analytics report of a range as PDF and HTML, and refuses a bad range or mixed-up arguments', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-report-'));
    expect((await runVigil(dir, ['init', '--admin', 'root', '--json'])).code).toBe(0);
    expect((await runVigil(dir, ['demo', '--alerts', '300', '--days', '20', '--seed', '5', '--as', 'root', '--json'])).code).toBe(0);
    const range = ['--from', '2026-01-01', '--to', '2026-01-31', '--tz', 'Europe/Paris'];
    for (const extension of ['pdf', 'html']) {
      const out = join(dir, `analytics.${extension}`);
      const run = await runVigil(dir, ['report', '--analytics', ...range, '--out', out, '--as', 'root', '--json']);
      expect(run.code, run.err).toBe(0);
      const printed = JSON.parse(run.out) as { sha256: string; path: string; fileName: string };
      const bytes = readFileSync(out);
      expect(printed).toMatchObject({ path: out, sha256: createHash('sha256').update(bytes).digest('hex') });
      expect(printed.fileName).toMatch(new RegExp(`^analytics-2026-01-01-2026-01-31-report-\\d{8}-\\d{4}\\.${extension}$`));
      if (extension === 'html') expect(bytes.toString('utf8')).toContain('2026-01-01 to 2026-01-31, days counted in Europe/Paris');
      else expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const backwards = await runVigil(dir, ['report', '--analytics', '--from', '2026-02-01', '--to', '2026-01-01', '--out', join(dir, 'a.pdf'), '--as', 'root']);
    expect(backwards.code).toBe(1);
    expect(backwards.err).toContain('The range ends (2026-01-01) before it starts (2026-02-01)');
    const badDate = await runVigil(dir, ['report', '--analytics', '--from', '1/2/2026', '--out', join(dir, 'a.pdf'), '--as', 'root']);
    expect(badDate.code).toBe(1);
    expect(badDate.err).toContain('YYYY-MM-DD');
    const withKey = await runVigil(dir, ['report', 'INV-2026-0001', '--analytics', '--out', join(dir, 'a.pdf'), '--as', 'root']);
    expect(withKey.code).toBe(2);
    expect(withKey.err).toContain('--analytics reports on a range');
    const rangeWithoutAnalytics = await runVigil(dir, ['report', 'INV-2026-0001', '--from', '2026-01-01', '--out', join(dir, 'a.pdf'), '--as', 'root']);
    expect(rangeWithoutAnalytics.code).toBe(2);
    expect(rangeWithoutAnalytics.err).toContain('--from is for --analytics reports');
  }, 120_000);
});
