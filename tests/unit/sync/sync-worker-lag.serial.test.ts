// A first sync of thousands of records, applied by the built sync worker, while an analyst keeps
// writing in the same vault: the main thread never holds its event loop past 50 ms (620 ms measured
// with the same rounds on the main thread), and a note waits at most about one page's apply, the
// write turn's hand-over point: 90–180 ms for a page of 500 new alerts on this machine, so the p95
// limit is 250 ms. (Pages sized by their apply time, as an import's batches are, would shorten it.)
// The server runs as a process of its own, so its work is not counted against this thread.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { addMember } from '../../../src-server/admin/members';
import { createOrganisation } from '../../../src-server/admin/organisations';
import { createEnrolToken } from '../../../src-server/auth/enrolment';
import { openServerDb } from '../../../src-server/db/open';
import { canMeasureMainThreadHolds, watchMainThreadHolds } from '../support/main-thread-holds';
import type { TestVault } from '../support/test-core';
import { killServerProcess, startServerProcess, type ServerProcess } from '../server/support/server-process';
import { importAlerts, signedInVault, type SyncVault } from './support/sync-vaults';

const ALERTS = 4_000;

describe('a first sync in the sync worker, under notes', () => {
  const vaults: TestVault[] = [];
  let dataDir: string | null = null;
  let server: ServerProcess | null = null;
  afterEach(async () => {
    await Promise.all(vaults.splice(0).map((vault) => vault.dispose()));
    if (server) await killServerProcess(server.child);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it.runIf(canMeasureMainThreadHolds)('keeps the main thread under 50 ms and the analyst\'s writes quick', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vigil-sync-lag-'));
    const setup = await openServerDb({ kind: 'sqlite', dataDir });
    const now = Date.now();
    const orgId = (await createOrganisation(setup.db, 'Acme', now)).id;
    const tokens: string[] = [];
    for (const name of ['Ana', 'Ben']) {
      const memberId = (await addMember(setup.db, orgId, { name, role: 'admin' }, now)).id;
      tokens.push((await createEnrolToken(setup.db, orgId, memberId, now)).token);
    }
    await setup.close();
    server = await startServerProcess(dataDir);
    const serverUrl = `http://127.0.0.1:${server.port}`;
    const enrolled = async (token: string | undefined, name: string): Promise<SyncVault> => {
      const v = await signedInVault(vaults);
      await v.cli.invoke('sync.enrol', { serverUrl, token: token ?? '', deviceName: `${name}'s laptop` });
      return v;
    };

    const a = await enrolled(tokens[0], 'Ana');
    await importAlerts(a, 'wave', ALERTS);
    expect(await a.cli.invoke('sync.syncNow', {})).toMatchObject({ state: 'idle', pendingChanges: 0 });

    const b = await enrolled(tokens[1], 'Ben');
    const investigation = await b.cli.invoke('investigations.create', { title: 'Notes while syncing' });
    const watch = watchMainThreadHolds();
    let done = false;
    const syncing = b.cli.invoke('sync.syncNow', {}).finally(() => { done = true; });
    const latencies: number[] = [];
    while (!done) {
      const asked = performance.now();
      await b.cli.invoke('notes.add', { investigationId: investigation.id, body: `note ${latencies.length}` });
      latencies.push(performance.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const status = await syncing;
    const holds = watch.stop();

    const pulled = b.db().prepare("SELECT count(*) FROM alerts WHERE external_id LIKE 'wave-%'").pluck().get() as number;
    latencies.sort((x, y) => x - y);
    const p95 = latencies[Math.floor(latencies.length * 0.95)] ?? 0;
    console.log(`first sync of ${pulled} alerts with their parts; ${latencies.length} notes, p95 ${p95.toFixed(1)} ms, max ${(latencies.at(-1) ?? 0).toFixed(1)} ms; `
      + `longest main-thread hold ${holds.longestHoldMs.toFixed(1)} ms, max event-loop lag ${holds.maxLagMs.toFixed(1)} ms`);
    expect(status).toMatchObject({ state: 'idle', lastError: null });
    expect(pulled).toBe(ALERTS);
    expect(latencies.length).toBeGreaterThan(20);
    expect(holds.longestHoldMs).toBeLessThan(50);
    expect(p95).toBeLessThan(250);
  }, 120_000);
});
