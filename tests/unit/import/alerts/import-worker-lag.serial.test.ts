// An alert import of 20k rows runs in the built import worker while an analyst's writes keep coming:
// the main thread never holds its event loop past 50 ms and a verdict waits at most about one of the
// worker's batches (issue 13: 437 ms of lag and a 300 ms p95 verdict when the import ran on the main thread).
// A first import is staged beside the vault and moves in at its end (staged-import.ts): the writes wait
// only for that move.
import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { canMeasureMainThreadHolds, watchMainThreadHolds } from '../../support/main-thread-holds';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../../support/test-core';
import type { InProcessClient } from '../../../../src-main/ipc/in-process-client';

let vault: TestVault;
afterEach(() => vault?.dispose());

const ROWS = 20_000;

function writeCsv(path: string, rows: number): void {
  const lines = ['alert_id,timestamp,rule,title,severity,user,src_ip'];
  for (let i = 0; i < rows; i += 1) {
    lines.push(`a-${i},${new Date(Date.UTC(2026, 4, 1) + i * 60_000).toISOString()},rule-${i % 7},alert ${i},high,u-${i % 400},198.51.100.${i % 200}`);
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/**
 * The WAL header's checkpoint sequence number (bytes 12–15, big-endian; the header is not encrypted):
 * SQLite adds one each time the WAL starts over from its beginning.
 */
function walRestarts(databasePath: string): number {
  const header = Buffer.alloc(16);
  const fd = openSync(`${databasePath}-wal`, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  return header.readUInt32BE(12);
}

/** Imports `path` while `write` runs every ~5 ms; each write's latency, and how long the main thread was held. */
async function importUnderWrites(cli: InProcessClient, path: string, write: (n: number) => Promise<void>) {
  const watch = watchMainThreadHolds();
  let done = false;
  const importing = cli.invoke('alerts.importFile', { path, source: 'big', mode: 'good_rows', timeZone: 'UTC' }).finally(() => { done = true; });
  const latencies: number[] = [];
  while (!done) {
    const asked = performance.now();
    await write(latencies.length);
    latencies.push(performance.now() - asked);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const summary = await importing;
  return { summary, latencies, holds: watch.stop() };
}

describe('an alert import in the worker, under verdicts', () => {
  it.runIf(canMeasureMainThreadHolds)('keeps the main thread under 50 ms, verdicts quick, and the WAL starting over', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const cli = vault.client('cli');
    await cli.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const first = join(vault.dir, 'first.csv');
    writeCsv(first, 5);
    await cli.invoke('alerts.importFile', { path: first, source: 'first', mode: 'good_rows', timeZone: 'UTC' });
    const db = vault.core.services.custody.vault.db;
    const alertId = db.prepare("SELECT id FROM alerts WHERE source = 'first' LIMIT 1").pluck().get() as string;
    const path = join(vault.dir, 'big.csv');
    writeCsv(path, ROWS);

    const databasePath = join(vault.dir, 'vault.db');
    const restartsBefore = walRestarts(databasePath);
    const { summary, latencies, holds } = await importUnderWrites(cli, path, async (n) => {
      await admin.invoke('alerts.bulk', { selection: { ids: [alertId] }, action: { kind: n % 2 === 0 ? 'acknowledge' : 'reopen' } });
    });
    // The WAL starts over between batches, though the app reads all the time: it grew by every batch's
    // pages until the import ended (11.4 GB at 200k alerts) when only a PASSIVE checkpoint ran.
    const restarts = walRestarts(databasePath) - restartsBefore;

    latencies.sort((a, b) => a - b);
    const p95 = latencies[Math.floor(latencies.length * 0.95)] ?? 0;
    console.log(`import ${summary.ms} ms, WAL started over ${restarts} times; ${latencies.length} verdicts, p95 ${p95.toFixed(1)} ms, max ${(latencies.at(-1) ?? 0).toFixed(1)} ms; `
      + `longest main-thread hold ${holds.longestHoldMs.toFixed(1)} ms, max event-loop lag ${holds.maxLagMs.toFixed(1)} ms`);
    expect(summary).toMatchObject({ committed: true, imported: ROWS });
    expect(latencies.length).toBeGreaterThan(20);
    expect(holds.longestHoldMs).toBeLessThan(50);
    expect(p95).toBeLessThan(100);
    expect(restarts).toBeGreaterThanOrEqual(Math.floor(summary.ms / 4_000));
    expect(restarts).toBeGreaterThan(0);
  }, 120_000);

  it.runIf(canMeasureMainThreadHolds)('a staged first import keeps the main thread under 50 ms and the app\'s writes quick until it moves in', async () => {
    vault = makeTestVault();
    const { admin } = await setUpVault(vault);
    const cli = vault.client('cli');
    await cli.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const investigation = await admin.invoke('investigations.create', { title: 'Import day' });
    const path = join(vault.dir, 'big.csv');
    writeCsv(path, ROWS);

    const { summary, latencies, holds } = await importUnderWrites(cli, path, async (n) => {
      await admin.invoke('notes.add', { investigationId: investigation.id, body: `note ${n}` });
    });

    latencies.sort((a, b) => a - b);
    const p95 = latencies[Math.floor(latencies.length * 0.95)] ?? 0;
    console.log(`staged import ${summary.ms} ms; ${latencies.length} notes, p95 ${p95.toFixed(1)} ms, max (the move) ${(latencies.at(-1) ?? 0).toFixed(1)} ms; `
      + `longest main-thread hold ${holds.longestHoldMs.toFixed(1)} ms, max event-loop lag ${holds.maxLagMs.toFixed(1)} ms`);
    expect(summary).toMatchObject({ committed: true, imported: ROWS });
    expect(latencies.length).toBeGreaterThan(20);
    expect(holds.longestHoldMs).toBeLessThan(50);
    expect(p95).toBeLessThan(100);
  }, 120_000);
});
