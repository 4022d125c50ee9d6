// `vigil health`: every check run once, a row each (or JSON), and exit 1 when one is at error or
// critical, so a script or a monitoring agent can act on the exit code alone.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HealthStatus } from '../../../src-shared/health-model';
import { BackupStateFile } from '../../../src-main/backup/backup-state';
import { runVigil } from '../support/cli-run';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const vigil = (argv: string[]) => runVigil(dir, argv);

describe('vigil health', () => {
  it('exits 0 on a healthy vault and 1 once a check is critical, as a table and as JSON', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-health-'));
    expect((await vigil(['init', '--admin', 'root', '--json'])).code).toBe(0);

    const healthy = await vigil(['health', '--as', 'root', '--json']);
    expect(healthy.code, healthy.err).toBe(0);
    const status = JSON.parse(healthy.out) as HealthStatus;
    expect(status.checks).toHaveLength(9);
    expect(status.checks.find((c) => c.check === 'audit-chain')).toMatchObject({ level: 'ok', value: 0 });
    expect(['ok', 'info', 'warning']).toContain(status.overall);

    // The nightly integrity check found damage (its verdict is kept in backup-state.json).
    new BackupStateFile(dir).update((s) => { s.structureCheck = { at: Date.now(), ok: false, problems: ['Tree 7 page 12: btreeInitPage() returns error code 11'] }; });
    const damaged = await vigil(['health', '--as', 'root']);
    expect(damaged.code).toBe(1);
    expect(damaged.out).toContain('Vigil health: CRITICAL');
    expect(damaged.out).toMatch(/vault-structure\s+CRITICAL\s+1 problems/);
    expect(damaged.err).toContain('Unhealthy: vault-structure critical');

    const json = await vigil(['health', '--as', 'root', '--json']);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.out) as HealthStatus).overall).toBe('critical');
  });
});
