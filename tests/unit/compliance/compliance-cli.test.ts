import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ComplianceEvaluation } from '../../../src-shared/compliance-contract';
import { runVigil } from '../support/cli-run';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';

let vault: TestVault;
afterEach(() => vault?.dispose());

const asAdmin = { VIGIL_PASSWORD: ADMIN.password };

describe('vigil compliance', () => {
  it('prints every control, exits 1 while one fails, and writes the report with --out', async () => {
    vault = makeTestVault();
    await setUpVault(vault);
    await vault.core.close();
    const json = await runVigil(vault.dir, ['compliance', '--json', '--as', ADMIN.username], asAdmin);
    // A fresh vault: no backup, no restore, retention off, the administrator without two factors.
    expect(json.code).toBe(1);
    const evaluation = JSON.parse(json.out) as ComplianceEvaluation;
    expect(evaluation.controls.map((c) => c.id)).toContain('admin_two_factor');
    expect(evaluation.controls.find((c) => c.id === 'admin_two_factor')?.status).toBe('fail');
    expect(evaluation.auditHead?.hash).toMatch(/^[0-9a-f]{64}$/);

    const out = join(vault.dir, 'compliance.html');
    const human = await runVigil(vault.dir, ['compliance', '--out', out, '--as', ADMIN.username], asAdmin);
    expect(human.code).toBe(1);
    expect(human.out).toMatch(/admin_two_factor\s+FAIL/);
    expect(human.out).toMatch(/\d+ pass, \d+ fail, 0 error/);
    expect(existsSync(out)).toBe(true);
    expect(readFileSync(out, 'utf8')).toContain('Compliance report');
  });
});
