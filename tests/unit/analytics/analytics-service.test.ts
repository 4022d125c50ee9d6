// The analytics worker stays between reports (a warm connection), sees what was written since, and
// lets go of the vault when it closes, so a restored vault is read from its new file.
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestVault, setUpVault, ADMIN, type TestVault } from '../support/test-core';
import { AnalyticsService } from '../../../src-main/analytics/analytics-service';
import { VigilError } from '../../../src-shared/errors';

let vault: TestVault | undefined;
afterEach(() => {
  vault?.dispose();
  vault = undefined;
});

const RANGE = { from: '2026-01-01', to: '2026-12-31', timeZone: 'UTC' };

function alertsIn(report: { volumes: Array<{ alerts: number }> }): number {
  return report.volumes.reduce((sum, day) => sum + day.alerts, 0);
}

/** What the vault holds now, counted directly. */
function liveAlerts(vault: TestVault): number {
  return (vault.core.services.custody.vault.db.prepare('SELECT count(*) AS n FROM alerts WHERE deleted_at IS NULL').get() as { n: number }).n;
}

async function demoVault(alerts: number) {
  vault = makeTestVault();
  vault.clock.set(Date.UTC(2026, 5, 15, 12));
  const { admin } = await setUpVault(vault);
  await admin.invoke('demo.generate', { alerts, seed: 3, days: 5 });
  return { vault, admin };
}

describe('the analytics service', () => {
  it('answers the next report from the worker already running, counting what was written in between', async () => {
    const { vault, admin } = await demoVault(200);
    const first = await admin.invoke('analytics.stats', RANGE);
    expect(alertsIn(first)).toBe(200);
    await admin.invoke('demo.generate', { alerts: 50, seed: 4, days: 5 });
    const second = await admin.invoke('analytics.stats', RANGE);
    expect(liveAlerts(vault)).toBeGreaterThan(200);
    expect(alertsIn(second)).toBe(liveAlerts(vault));
    expect(vault.core.services.analytics.workersStarted).toBe(1);
  });

  it('lets the vault go when it closes: after a restore the next report reads the restored vault', async () => {
    const { vault, admin } = await demoVault(120);
    const listing = await admin.invoke('backup.create', {});
    await admin.invoke('demo.generate', { alerts: 30, seed: 9, days: 5 });
    expect(liveAlerts(vault)).toBeGreaterThan(120);
    expect(alertsIn(await admin.invoke('analytics.stats', RANGE))).toBe(liveAlerts(vault));
    await admin.invoke('backup.restore', { fileName: listing.fileName, confirmVaultName: 'Test vault' });
    const again = vault.client();
    await again.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(alertsIn(await again.invoke('analytics.stats', RANGE))).toBe(120);
    expect(vault.core.services.analytics.workersStarted).toBe(2);
  });

  it('releases a worker left idle, and the next report starts another', async () => {
    const { vault } = await demoVault(40);
    const { custody, databasePath } = vault.core.services;
    const service = new AnalyticsService(databasePath, () => custody.copyDataKey(), () => vault.clock.now(), undefined, 50);
    try {
      expect(alertsIn(await service.stats(RANGE))).toBe(40);
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(alertsIn(await service.stats(RANGE))).toBe(40);
      expect(service.workersStarted).toBe(2);
    } finally {
      await service.close();
    }
  });

  it('fails the waiting report with the open\'s typed error when the key is wrong, and tries again at the next', async () => {
    const { vault } = await demoVault(10);
    const { custody, databasePath } = vault.core.services;
    let calls = 0;
    const key = () => (calls++ === 0 ? Buffer.alloc(32, 7) : custody.copyDataKey());
    const service = new AnalyticsService(databasePath, key, () => vault.clock.now());
    try {
      const refused = await service.stats(RANGE).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(VigilError);
      expect((refused as VigilError).code).toBe('VAULT_CORRUPT');
      expect(alertsIn(await service.stats(RANGE))).toBe(10);
    } finally {
      await service.close();
    }
  });
});
