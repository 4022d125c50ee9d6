import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION_POLICY, type RetentionOutcome, type RetentionPreview } from '../../../src-shared/retention-contract';
import { runVigil } from '../support/cli-run';
import { ADMIN } from '../support/test-core';
import { retentionVault, type RetentionVault } from './retention-fixture';

let r: RetentionVault;
afterEach(() => r?.vault.dispose());

const asAdmin = { VIGIL_PASSWORD: ADMIN.password };
/** The counts of a run, without its cut-off times (the system clock moved between the two commands). */
const countsOf = (preview: RetentionPreview) => Object.values(preview.kinds).map(({ items, alerts, due, held }) => ({ items, alerts, due, held }));

describe('vigil retention', () => {
  it('prints the dry run, then applies exactly that; refuses to guess which one is meant', async () => {
    r = await retentionVault();
    const admin = await r.at(31);
    await admin.invoke('retention.updatePolicy', {
      ...DEFAULT_RETENTION_POLICY, graceDays: 0,
      closedInvestigations: { days: 30, mode: 'purge' }, dismissedAlerts: { days: 30, mode: 'purge' }, evidence: { days: 30, mode: 'purge' },
    });
    // The command runs on the system clock, long after the fixture's T0 (1 January 2026).
    await r.vault.core.close();
    expect((await runVigil(r.vault.dir, ['retention', '--as', ADMIN.username], asAdmin)).code).toBe(2);

    const dry = await runVigil(r.vault.dir, ['retention', '--dry-run', '--json', '--as', ADMIN.username], asAdmin);
    expect(dry.code).toBe(0);
    const preview = JSON.parse(dry.out) as RetentionPreview;
    expect(preview.kinds.closedInvestigations.items).toBe(2);
    const human = await runVigil(r.vault.dir, ['retention', '--dry-run', '--as', ADMIN.username], asAdmin);
    expect(human.out).toMatch(/Dry run: nothing was removed/);
    expect(human.out).toMatch(/dismissed alerts\s+purge\s+2/);

    const applied = await runVigil(r.vault.dir, ['retention', '--apply', '--json', '--as', ADMIN.username], asAdmin);
    expect(applied.code).toBe(0);
    expect(countsOf(JSON.parse(applied.out) as RetentionOutcome)).toEqual(countsOf(preview));
    const after = JSON.parse((await runVigil(r.vault.dir, ['retention', '--dry-run', '--json', '--as', ADMIN.username], asAdmin)).out) as RetentionPreview;
    expect(after.kinds.closedInvestigations.items + after.kinds.dismissedAlerts.items).toBe(0);
  });
});
