// Schema v23: the row an alert is made from is that alert's own sighting; only rows folded into an
// alert are alert_sightings rows. A re-import still brings nothing twice, and a vault upgraded from
// v22 (every row a sighting) keeps exactly its folded ones and stays idempotent.
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ownSightingsOnAlerts } from '../../../src-main/store/migrations/023-own-sightings-on-alerts';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';

let vault: TestVault;
afterEach(() => vault?.dispose());

const ROWS = [
  'id,title,severity,time,email',
  'r1,Login burst,high,2025-12-30T10:00:00Z,ring@example.com',
  'r2,Card testing,medium,2025-12-30T11:00:00Z,ring@example.com',
  // Same detection, entity and hour as r1: folds into it.
  'r3,Login burst,critical,2025-12-30T10:30:00Z,ring@example.com',
];

async function importedTwice(): Promise<{ first: { imported: number; deduplicated: number }; again: { imported: number; duplicates: number } }> {
  vault = makeTestVault();
  await setUpVault(vault);
  const cli = vault.client('cli');
  await cli.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
  const file = join(vault.dir, 'rows.csv');
  writeFileSync(file, `${ROWS.join('\n')}\n`);
  const first = await cli.invoke('alerts.importFile', { path: file, source: 'reports' });
  const again = await cli.invoke('alerts.importFile', { path: file, source: 'reports' });
  return { first, again };
}

const db = () => vault.core.services.custody.vault.db;
const sightings = () => db().prepare('SELECT external_id FROM alert_sightings ORDER BY external_id').pluck().all();

describe('own sightings', () => {
  it('keeps only the folded row apart, and a second import of the file brings nothing', async () => {
    const { first, again } = await importedTwice();
    expect([first.imported, first.deduplicated]).toEqual([2, 1]);
    expect(db().prepare("SELECT external_id FROM alerts WHERE source = 'reports' ORDER BY external_id").pluck().all()).toEqual(['r1', 'r2']);
    expect(sightings()).toEqual(['r3']);
    expect(again.imported).toBe(0);
    expect(again.duplicates).toBe(3);
  });

  it('upgrading a v22 vault drops the sightings its alerts hold themselves and keeps the folded ones', async () => {
    await importedTwice();
    // As v22 left it: every imported row a sighting, no alerts_sighting index.
    db().exec(`DROP INDEX alerts_sighting;
      INSERT INTO alert_sightings (source, external_id, alert_id, occurred_at) SELECT source, external_id, id, occurred_at FROM alerts`);
    expect(sightings()).toEqual(['r1', 'r2', 'r3']);
    db().exec(ownSightingsOnAlerts.sql);
    expect(sightings()).toEqual(['r3']);
  });
});
