// `vigil stats`: the report for a range, as JSON for scripts and as tables for a person, from cases
// imported with their own resolution times.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StatsReport } from '../../../src-shared/analytics-model';
import { runVigil } from '../support/cli-run';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const vigil = (argv: string[]) => runVigil(dir, argv);

const H = 3_600_000;

describe('vigil stats', () => {
  it('reports volumes and time to resolve from the source\'s resolution times, as JSON and as tables', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-stats-'));
    const file = join(dir, 'cases.csv');
    writeFileSync(file, [
      'number,incident_state,priority,opened_at,sys_updated_at,resolved_at,closed_at',
      'INC1,Closed,1 - Critical,2/3/2026 09:00,9/3/2026 09:00,2/3/2026 13:00,9/3/2026 09:00',
      'INC2,Resolved,4 - Low,2/3/2026 22:00,3/3/2026 10:00,3/3/2026 10:00,?',
      'INC3,Active,4 - Low,3/3/2026 08:00,3/3/2026 08:00,?,?',
    ].join('\n'));
    expect((await vigil(['init', '--admin', 'root', '--json'])).code).toBe(0);
    expect((await vigil(['import', file, '--kind', 'investigations', '--source', 'servicenow', '--as', 'root', '--json'])).code).toBe(0);

    const json = await vigil(['stats', '--from', '2026-03-02', '--to', '2026-03-03', '--tz', 'Europe/Paris', '--as', 'root', '--json']);
    expect(json.code, json.err).toBe(0);
    const report = JSON.parse(json.out) as StatsReport;
    // 22:00 UTC on 2 March is 23:00 in Paris: still the 2nd.
    expect(report.volumes.map((v) => [v.date, v.investigations])).toEqual([['2026-03-02', 2], ['2026-03-03', 1]]);
    // INC1 resolved after 4 h (closed a week later), INC2 after 12 h; INC3 open.
    expect(report.timeToResolve.all).toMatchObject({ n: 2, mean: 8 * H, median: 8 * H });
    expect(report.timeToResolve.missing).toBe(1);

    const text = await vigil(['stats', '--from', '2026-03-02', '--to', '2026-03-03', '--tz', 'Europe/Paris', '--as', 'root']);
    expect(text.code, text.err).toBe(0);
    expect(text.out).toContain('Vigil stats 2026-03-02 … 2026-03-03 (Europe/Paris)');
    expect(text.out).toMatch(/Time to resolve \(investigations opened in range\) \(1 not resolved\)\nseverity\s+n\s+mean\s+median\s+p95\nall\s+2\s+8\.0 h\s+8\.0 h/);
    expect(text.out).toContain('Investigations forecast: not shown, 2 days of history (needs 21)');
    // No alerts: every severity still has its column, and no source has one.
    expect(text.out).toMatch(/Alerts per day by severity\ndate\s+critical\s+high\s+medium\s+low\s+alerts\n2026-03-02\s+0\s+0\s+0\s+0\s+0\n/);
    expect(text.out).toMatch(/Alerts per day by source \(the top 8; the rest summed as other\)\ndate\s+alerts\n2026-03-02\s+0\n/);
    expect(text.out).toContain("SLA targets (the vault's service levels): critical 4.0 h, high 24.0 h, medium 72.0 h, low 168.0 h; at risk within 4.0 h");
  });

  it('refuses an unknown zone with exit code 1 and a clear message', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-stats-'));
    expect((await vigil(['init', '--admin', 'root', '--json'])).code).toBe(0);
    const run = await vigil(['stats', '--tz', 'Mars/Olympus', '--as', 'root']);
    expect(run.code).toBe(1);
    expect(run.err).toContain('Unknown time zone "Mars/Olympus"');
  });
});
