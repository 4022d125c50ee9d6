// An upgrade killed part way (kill -9: no handler runs) leaves the vault as it was, at its old version
// and structurally sound, and the next unlock runs the whole upgrade again: the upgrade is one
// transaction, so there is never a half-converted vault to resume from (store/migrate.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, schemaVersion } from '../../../src-main/store/migrate';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../src-main/store/migrations';
import { upgradeVaultFile } from '../../../src-main/vault/vault-upgrade-job';
import { PROBE_VERSION, SLOW_UPGRADE } from './fixtures/upgrade-migrations';
import { runUpgradeChild, withVault } from './fixtures/upgrade-child';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('an upgrade killed part way', () => {
  it('leaves the vault at its old version, intact, and the next upgrade succeeds', async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-upgrade-kill-'));
    const path = join(dir, 'vault.db');
    const key = randomBytes(32);
    withVault(path, key, (db) => {
      migrate(db, MIGRATIONS);
      db.prepare("INSERT INTO settings (key, value, updated_at, updated_hlc, origin_device) VALUES ('kept', '42', 1, '', 'd')").run();
    });

    // Killed once it has reported ten steps of the upgrade.
    const { lines: printed, killed } = await runUpgradeChild(path, key, { mode: 'long', killWhen: (lines) => lines.length > 10 });
    expect(killed).toBe(true);
    expect(printed.some((line) => line.startsWith('finished'))).toBe(false);
    expect(printed.length).toBeGreaterThan(10);

    const afterKill = withVault(path, key, (db) => ({
      version: schemaVersion(db),
      integrity: db.pragma('integrity_check', { simple: true }),
      probeTable: db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'upgrade_probe'").get(),
      kept: db.prepare("SELECT value FROM settings WHERE key = 'kept'").get(),
    }));
    expect(afterKill).toEqual({ version: SCHEMA_VERSION, integrity: 'ok', probeTable: { n: 0 }, kept: { value: '42' } });

    const progress: number[] = [];
    expect(upgradeVaultFile(path, { dataKey: key }, SLOW_UPGRADE, (p) => progress.push(p.done))).toEqual({ fromVersion: SCHEMA_VERSION, toVersion: PROBE_VERSION });
    expect(progress[progress.length - 1]).toBe(1000);
    const upgraded = withVault(path, key, (db) => ({
      version: schemaVersion(db),
      integrity: db.pragma('integrity_check', { simple: true }),
      probes: db.prepare('SELECT count(*) AS n FROM upgrade_probe').get(),
      kept: db.prepare("SELECT value FROM settings WHERE key = 'kept'").get(),
    }));
    expect(upgraded).toEqual({ version: PROBE_VERSION, integrity: 'ok', probes: { n: 20 }, kept: { value: '42' } });
  }, 20_000);
});
