// A vault with something in every kind of table (users, alerts, entities, audit) and helpers to
// read every table of a database row for row.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../../src-main/store/database';
import { setUpVault, type TestVault } from '../support/test-core';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';

export const CANARY = 'CANARY-b4c9-walrus-okapi';

export async function populatedVault(vault: TestVault): Promise<{ admin: InProcessClient; recoveryKey: string }> {
  const set = await setUpVault(vault);
  await set.admin.invoke('users.create', { username: 'canary-b4c9', displayName: CANARY, role: 'analyst' });
  await set.admin.invoke('demo.generate', { alerts: 200, seed: 3, days: 5 });
  // A CSV import carries the canary into alerts and entities too (paths are accepted from the CLI only).
  const csv = join(vault.dir, 'canary.csv');
  writeFileSync(csv, `id,title,severity,time,email\nx1,${CANARY} login burst,high,2025-12-30T10:00:00Z,${CANARY.toLowerCase()}@example.com\n`);
  const cli = vault.client('cli');
  await cli.invoke('auth.login', { username: 'ada', password: 'correct horse battery' });
  await cli.invoke('alerts.importFile', { path: csv, source: 'canary-feed' });
  await cli.invoke('auth.logout', {});
  return set;
}

/** Every row of every table, ordered, as JSON strings: two equal dumps mean row-for-row equal vaults. */
export function dumpTables(path: string, dataKey: Buffer, skip: readonly string[] = []): Record<string, string[]> {
  const db = openDatabase(path, { key: Buffer.from(dataKey), readonly: true });
  try {
    const tables = db.prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name",
    ).all().map((t) => t.name).filter((t) => !skip.includes(t));
    const dump: Record<string, string[]> = {};
    for (const table of tables) {
      const rows = db.prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`).raw().all() as unknown[][];
      dump[table] = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : typeof v === 'bigint' ? String(v) : v))).sort();
    }
    return dump;
  } finally {
    db.close();
  }
}
