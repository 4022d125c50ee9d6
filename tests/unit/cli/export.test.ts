// `vigil export alerts|investigations|investigation`: the app's exporters from a script, with the
// filters of the triage queue, the file owner-only, the row count checked against the cap first,
// and the same permission and audit as the app's Export buttons.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { plannedRows } from '../../../src-main/cli/commands/export';
import { createCore } from '../../../src-main/core';
import { createInProcessClient } from '../../../src-main/ipc/in-process-client';
import { CLI_PASSWORD, runVigil } from '../support/cli-run';
import { TEST_KDF } from '../support/test-core';
import { parseCsv } from '../exports/parse-csv';

let dir = '';
let highOrCritical = 0;
/** How many alerts the demo left: it places them relative to the wall clock and does not always leave exactly 200 (CI once saw 199). */
let allAlerts = 0;
let caseKey = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigil-export-'));
  expect((await runVigil(dir, ['init', '--admin', 'root', '--json'])).code).toBe(0);
  expect((await runVigil(dir, ['demo', '--alerts', '200', '--days', '10', '--seed', '3', '--as', 'root', '--json'])).code).toBe(0);
  const core = createCore({ dataDir: dir, kdf: TEST_KDF, sweepIntervalMs: null });
  try {
    const root = createInProcessClient(core.router, 'test');
    await root.invoke('auth.login', { username: 'root', password: CLI_PASSWORD });
    highOrCritical = (await root.invoke('alerts.count', { severity: ['high', 'critical'] })).count;
    allAlerts = (await root.invoke('alerts.count', {})).count;
    ({ key: caseKey } = await root.invoke('investigations.create', { title: 'Exported case' }));
    // An analyst (no export_data) with the password the CLI runs use.
    const { oneTimePassword } = await root.invoke('users.create', { username: 'ann', displayName: 'Ann', role: 'analyst' });
    const ann = createInProcessClient(core.router, 'test');
    await ann.invoke('auth.login', { username: 'ann', password: oneTimePassword });
    await ann.invoke('auth.changePassword', { currentPassword: oneTimePassword, newPassword: CLI_PASSWORD });
  } finally {
    core.close();
  }
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('vigil export', () => {
  it('writes the alerts matching the filters, owner-only, and says how many', async () => {
    const out = join(dir, 'alerts.csv');
    const run = await runVigil(dir, ['export', 'alerts', '--severity', 'high,critical', '--format', 'csv', '--out', out, '--as', 'root', '--json']);
    expect(run.code, run.err).toBe(0);
    expect(highOrCritical).toBeGreaterThan(0);
    expect(JSON.parse(run.out)).toMatchObject({ rows: highOrCritical, matched: highOrCritical, masked: false, path: out });
    const rows = parseCsv(readFileSync(out, 'utf8'));
    expect(rows.slice(1).map((r) => r[3]).every((s) => s === 'high' || s === 'critical')).toBe(true);
    expect(rows).toHaveLength(highOrCritical + 1);
    expect(statSync(out).mode & 0o777).toBe(0o600);
  }, 30_000);

  it('takes the newest N only when --limit asks, and says of how many', async () => {
    const out = join(dir, 'few.json');
    const run = await runVigil(dir, ['export', 'alerts', '--format', 'json', '--limit', '5', '--out', out, '--as', 'root']);
    expect(run.code, run.err).toBe(0);
    expect(allAlerts).toBeGreaterThan(5);
    expect(run.out).toMatch(new RegExp(`^Wrote 5 alerts of ${allAlerts} matching to `));
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveLength(5);
  }, 30_000);

  it('refuses more rows than the cap unless --limit chooses the cut', () => {
    expect(() => plannedRows('alerts', 200_001, undefined)).toThrow('200,001 alerts match, more than the 200,000 one export holds');
    expect(plannedRows('alerts', 200_001, 200_000)).toBe(200_000);
    expect(plannedRows('alerts', 12, undefined)).toBe(12);
  });

  it('exports the investigations list and one investigation by its key', async () => {
    const list = join(dir, 'cases.csv');
    expect((await runVigil(dir, ['export', 'investigations', '--status', 'open', '--format', 'csv', '--out', list, '--as', 'root'])).code).toBe(0);
    expect(parseCsv(readFileSync(list, 'utf8')).some((r) => r[0] === caseKey)).toBe(true);
    const one = join(dir, 'case.json');
    const run = await runVigil(dir, ['export', 'investigation', caseKey.toLowerCase(), '--format', 'json', '--out', one, '--as', 'root']);
    expect(run.code, run.err).toBe(0);
    expect((JSON.parse(readFileSync(one, 'utf8')) as { investigation: { key: string } }).investigation.key).toBe(caseKey);
  }, 30_000);

  it('refuses a role without export_data, writes nothing, and the audit log has the refusal', async () => {
    const out = join(dir, 'refused.csv');
    const run = await runVigil(dir, ['export', 'alerts', '--format', 'csv', '--out', out, '--as', 'ann']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('Your role does not allow this');
    expect(() => statSync(out)).toThrow();
    const core = createCore({ dataDir: dir, kdf: TEST_KDF, sweepIntervalMs: null });
    try {
      const root = createInProcessClient(core.router, 'test');
      await root.invoke('auth.login', { username: 'root', password: CLI_PASSWORD });
      const audit = core.services.custody.vault.db.prepare(
        "SELECT actor_name, action, outcome FROM audit_log WHERE action IN ('exports.alerts', 'access.denied') AND json_extract(details, '$.channel') = 'exports.alerts' ORDER BY seq",
      ).all() as { actor_name: string; action: string; outcome: string }[];
      expect(audit).toContainEqual({ actor_name: 'ann', action: 'access.denied', outcome: 'denied' });
      expect(audit.filter((a) => a.actor_name === 'root' && a.outcome === 'success')).toHaveLength(2);
    } finally {
      core.close();
    }
  }, 30_000);

  it('refuses unknown words with usage errors', async () => {
    expect((await runVigil(dir, ['export', 'alerts', '--severity', 'huge', '--format', 'csv', '--out', join(dir, 'x'), '--as', 'root'])).code).toBe(2);
    expect((await runVigil(dir, ['export', 'alerts', '--format', 'xml', '--out', join(dir, 'x'), '--as', 'root'])).code).toBe(2);
  });
});
