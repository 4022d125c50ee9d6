// The health panel's and banner's stores against a real core: the panel shows a stale backup row
// at error with its alert, Acknowledge updates the row and the history; the banner reaches an
// analyst who cannot open the panel, and forgets it when the session leaves.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { atTheWindow } from '../support/renderer-against-core';
import { ADMIN, USER_PASSWORD, addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';

vi.mock('../../../src-renderer/api/client', async () => (await import('../support/renderer-against-core')).apiThroughCore());

const { useHealthStore } = await import('../../../src-renderer/features/health/store');
const { useHealthBannerStore } = await import('../../../src-renderer/features/health/banner-store');
const { resetSessionStores } = await import('../../../src-renderer/kit/session-scoped-stores');

let vault: TestVault;
afterEach(async () => {
  resetSessionStores();
  await vault?.dispose();
});

describe('the health panel and banner stores', () => {
  it('show a stale backup to the administrator, with Acknowledge, and the banner to everyone', async () => {
    vault = makeTestVault();
    const { admin: first } = await setUpVault(vault);
    await addUser(vault, first, 'ann', 'analyst');
    await first.invoke('backup.create', {});
    vault.clock.advance(20 * 3_600_000);
    const admin = vault.client();
    await admin.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    atTheWindow.client = admin;

    await useHealthStore.getState().runNow();
    const stale = useHealthStore.getState().status.data?.checks.find((c) => c.check === 'backup-age');
    expect(stale).toMatchObject({ level: 'error', colour: 'red', alert: { status: 'firing' } });
    expect(useHealthStore.getState().history.data.map((e) => e.kind)).toContain('fired');

    await useHealthStore.getState().acknowledge('backup-age', 'new drive tomorrow');
    expect(useHealthStore.getState().status.data?.checks.find((c) => c.check === 'backup-age')?.alert).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'ada' });
    expect(useHealthStore.getState().history.data[0]).toMatchObject({ kind: 'acknowledged', actor: 'ada', note: 'new drive tomorrow' });

    const analyst = vault.client();
    await analyst.invoke('auth.login', { username: 'ann', password: USER_PASSWORD });
    atTheWindow.client = analyst;
    resetSessionStores();
    await useHealthBannerStore.getState().load();
    expect(useHealthBannerStore.getState().alerts).toEqual([expect.objectContaining({ check: 'backup-age', level: 'error', label: 'Last verified backup' })]);
    await expect(useHealthStore.getState().load()).resolves.toBeUndefined();
    expect(useHealthStore.getState().status.error).toBeTruthy();
    resetSessionStores();
    expect(useHealthBannerStore.getState().alerts).toEqual([]);
  });
});
