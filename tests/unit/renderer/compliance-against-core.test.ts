// The Compliance screen's store against a real core: a control turns from fail to pass when it is
// fixed (the administrator turns on two-factor sign-in, then re-evaluates), and the retention dry run
// shown is what "Apply now" then does.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { totpCodeAt } from '../../../src-main/auth/totp';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { DEFAULT_RETENTION_POLICY } from '../../../src-shared/retention-contract';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { atTheWindow } from '../support/renderer-against-core';

vi.mock('../../../src-renderer/api/client', async () => (await import('../support/renderer-against-core')).apiThroughCore());

const { useComplianceStore } = await import('../../../src-renderer/features/compliance/store');

describe('the Compliance screen against the real core', () => {
  let vault: TestVault;
  let admin: InProcessClient;

  beforeAll(async () => {
    vault = makeTestVault();
    ({ admin } = await setUpVault(vault));
    atTheWindow.client = admin;
  });
  afterAll(() => vault.dispose());

  const statusOf = (id: string) => useComplianceStore.getState().evaluation.data?.controls.find((c) => c.id === id)?.status;

  it('shows two-factor sign-in failing, then passing once the administrator turns it on and re-evaluates', async () => {
    await useComplianceStore.getState().evaluate();
    expect(statusOf('admin_two_factor')).toBe('fail');
    const { secret } = await admin.invoke('twoFactor.begin', {});
    await admin.invoke('twoFactor.enable', { code: totpCodeAt(secret, vault.clock.now()) });
    await useComplianceStore.getState().evaluate();
    expect(statusOf('admin_two_factor')).toBe('pass');
  });

  it('saves the retention policy, shows its dry run, and turns the retention control to pass after Apply now', async () => {
    const store = useComplianceStore.getState();
    await store.loadRetention();
    expect(useComplianceStore.getState().policy.data).toEqual(DEFAULT_RETENTION_POLICY);
    await store.saveRetention({ ...DEFAULT_RETENTION_POLICY, enabled: true });
    expect(useComplianceStore.getState().preview.data?.policy.enabled).toBe(true);
    await store.applyRetention();
    expect(useComplianceStore.getState().lastRun?.auditSeq).toBeGreaterThan(0);
    expect(statusOf('retention_applied')).toBe('pass');
  });
});
