// Sync at scale (docs/SYNC.md; docs/PERFORMANCE.md, "Sync"): a real server (buildServer + listen on
// 127.0.0.1, the real sync core, in a thread of its own: sync-server.ts) on SQLite (a temp `--data`
// folder) and on PostgreSQL (a schema of its own on 127.0.0.1:5432, dropped afterwards), every
// request over HTTP on loopback. Per dialect:
// 1. changes/s accepted from 20 enrolled devices pushing batches of 500 new alerts (15 fields each)
//    at once, each as fast as it can, VIGIL_BENCH_SYNC_BATCHES batches each (default 10); beside the
//    database's own rate for the same JSON rows in 500-row INSERTs into a bare table;
// 2. a first sync of VIGIL_BENCH_SYNC_RECORDS alerts (default 100k) into an empty vault: pages of
//    5,000 pulled over HTTP and each applied with applyPull in this thread; the server is seeded
//    straight into `records` (what that many pushes leave), and the limit is reading the same pages
//    from the server's database with no HTTP and no apply. Then the same first sync as the app runs
//    it, into another empty vault: the sync runner, its vault work in the sync worker, pages of 500
//    fetched while the last one applies and handed to the worker as they arrive; beside the vault's own
//    insert of the same alerts, 500 a transaction, into a third empty vault (no merge, no HTTP);
// 3. propagation, 200 samples: device A pushes one new alert, device B (the first sync's vault)
//    pulls and applies in a loop of its own, pausing 10 ms after an empty page; the time from A's
//    request to B's commit. The loop stands in for the client's sync runner, which is being written.
// The bench's clients, server and database share this machine's cores (the PostgreSQL server too),
// but not a thread: a server never shares one with its clients.
// VIGIL_BENCH_SYNC_DIALECTS=sqlite (or postgres) runs one dialect; VIGIL_BENCH_SYNC_PARTS=push (or
// first-sync) runs one part.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createCore } from '../../src-main/core';
import { uuidv7 } from '../../src-main/store/ids';
import { createInProcessClient } from '../../src-main/ipc/in-process-client';
import { applyPull } from '../../src-main/sync/apply-pull';
import { SyncRunner } from '../../src-main/sync/sync-runner';
import { SyncWorkerStore } from '../../src-main/sync/sync-worker-store';
import { SyncTransport } from '../../src-main/sync/transport';
import { systemClock } from '../../src-main/platform/clock';
import { createWriteTurnMemory } from '../../src-main/store/write-turn';
import type { SqliteDatabase } from '../../src-main/store/database';
import { SYNC_LIMITS, type PushedChange } from '../../src-shared/sync-protocol';
import type { DialectName } from '../unit/server/support/server-dbs';
import { percentile, type BenchRow } from './bench-table';
import { BENCH_KDF } from './bench-vault-fill';
import { BenchSyncServer, type BenchDevice } from './sync-server';
import { useBuiltWorkers } from './built-workers';
import { alertValues, bareInsertRate, hlcAt, pushedAlert, seedAlertRecords, vaultAlertInsertSeconds } from './sync-records';

const DEVICES = 20;
const CHANGES_PER_BATCH = SYNC_LIMITS.changesPerPush;
const BATCHES = Number(process.env.VIGIL_BENCH_SYNC_BATCHES ?? 10);
const RECORDS = Number(process.env.VIGIL_BENCH_SYNC_RECORDS ?? 100_000);
const PAGE = SYNC_LIMITS.recordsPerPull;
/** The runner's page: its default pull limit (sync-runner.ts). */
const RUNNER_PAGE = 500;
const PROPAGATION_SAMPLES = 200;
const EMPTY_PULL_PAUSE_MS = 10;
const FLOOR_BATCHES = 40;
/** Goals (docs/PERFORMANCE.md, "Sync"): 5,000 changes/s into one server; a first sync of 100k in 10 s (1M in 100 s); propagation p95 within 1 s. */
const PUSH_GOAL_PER_S = 5_000;
/** The sync worker as shipped (built-workers.ts). */
const WORKER_BUILD = useBuiltWorkers('sync-worker');
const FIRST_SYNC_GOAL_S_PER_100K = 10;
const PROPAGATION_GOAL_MS = 1_000;

const scaled = (n: number) => (n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}M` : n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** CPU time (user + system) of this process since `since`: under a shared machine's load, steadier than wall time. */
const cpuMsSince = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

interface BenchVault {
  db: SqliteDatabase;
  /** The store the app's rounds use: the sync worker on this vault, its write turn and clock. */
  workerStore(): SyncWorkerStore;
  close(): Promise<void>;
}

/** An empty vault, signed in: where a first sync lands. */
async function emptyVault(): Promise<BenchVault> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-sync-'));
  const writeTurn = createWriteTurnMemory();
  const core = createCore({ dataDir: dir, kdf: BENCH_KDF, sweepIntervalMs: null, timeZone: 'UTC', writeTurnMemory: writeTurn });
  const admin = createInProcessClient(core.router, 'bench');
  const { recoveryKey } = await admin.invoke('setup.initialize', { vaultName: 'Bench', username: 'bench', displayName: 'Bench', password: 'long enough passphrase' });
  await admin.invoke('auth.confirmRecoveryKey', { recoveryKey });
  const { custody } = core.services;
  return {
    db: custody.vault.db,
    workerStore: () => new SyncWorkerStore({
      databasePath: join(dir, 'vault.db'), copyDataKey: () => custody.copyDataKey(), writeTurn,
      hlc: custody.vault.repositories.row.hlcMemory, clock: systemClock,
    }),
    close: async () => {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One device pushing `batches` batches of new alerts back to back; resolves when the last is acknowledged. */
async function pushAsFastAsItCan(server: BenchSyncServer, device: BenchDevice, batches: number, tag: string): Promise<void> {
  let upto = 0;
  for (let b = 0; b < batches; b += 1) {
    const at = Date.now();
    const hlc = hlcAt(at);
    const changes: PushedChange[] = [];
    for (let i = 0; i < CHANGES_PER_BATCH; i += 1) {
      const n = b * CHANGES_PER_BATCH + i;
      changes.push(pushedAlert(uuidv7(at), upto + i + 1, alertValues(n, at, `${tag}-${device.deviceId}`), hlc));
    }
    const response = await server.push(device, { batch: { after: upto, upto: upto + CHANGES_PER_BATCH }, changes, auditHead: null });
    if (!response.applied) throw new Error(`push of ${device.deviceId} batch ${b} was not applied`);
    upto += CHANGES_PER_BATCH;
  }
}

async function pushThroughput(server: BenchSyncServer, label: string): Promise<BenchRow> {
  const org = await server.organisation('Pushers');
  const devices = await Promise.all(Array.from({ length: DEVICES }, (_, i) => server.enrol(org, `push-${i}`)));
  const started = performance.now();
  const startedCpu = process.cpuUsage();
  await Promise.all(devices.map((device) => pushAsFastAsItCan(server, device, BATCHES, 'push')));
  const seconds = (performance.now() - started) / 1000;
  const cpuS = cpuMsSince(startedCpu) / 1000;
  const perSecond = (DEVICES * BATCHES * CHANGES_PER_BATCH) / seconds;
  const floor = await bareInsertRate(server.db, FLOOR_BATCHES, CHANGES_PER_BATCH);
  return {
    name: `sync ${label}: changes accepted, ${DEVICES} devices × ${BATCHES} pushes of ${CHANGES_PER_BATCH} alerts (${seconds.toFixed(1)} s, CPU ${cpuS.toFixed(1)} s)`,
    value: perSecond, unit: 'changes/s', limit: floor, limitLabel: `${CHANGES_PER_BATCH}-row INSERTs of the same JSON into a bare table`,
    goal: `≥ ${PUSH_GOAL_PER_S.toLocaleString('en-US')}/s`, met: perSecond >= PUSH_GOAL_PER_S,
  };
}

/** The same pages the pull reads, straight from the server's database: no HTTP, no merge, no apply. */
async function readPagesFromDb(server: BenchSyncServer, orgId: string): Promise<number> {
  const started = performance.now();
  for (let after = 0; ;) {
    const rows = await server.db.selectFrom('records').select(['tbl', 'id', 'seq', 'scope', 'fields', 'deleted_hlc', 'deleted_device'])
      .where('org_id', '=', orgId).where('seq', '>', after).orderBy('seq').limit(PAGE).execute();
    if (rows.length === 0) break;
    after = (rows[rows.length - 1] as { seq: number }).seq;
  }
  return (performance.now() - started) / 1000;
}

async function firstSyncAndPropagation(server: BenchSyncServer, label: string): Promise<BenchRow[]> {
  const org = await server.organisation('Readers');
  const reader = await server.enrol(org, `reader-${randomUUID()}`);
  const writer = await server.enrol(org, `writer-${randomUUID()}`);
  const seeding = performance.now();
  await seedAlertRecords(server.db, org.orgId, RECORDS, writer.deviceId);
  const seedS = (performance.now() - seeding) / 1000;
  if (server.dialect === 'postgres') await sql`ANALYZE records`.execute(server.db);
  const floorS = await readPagesFromDb(server, org.orgId);

  const vault = await emptyVault();
  try {
    let cursor = 0;
    let applyMs = 0;
    let applyCpuMs = 0;
    let received = 0;
    const started = performance.now();
    const startedCpu = process.cpuUsage();
    for (;;) {
      const page = await server.pull(reader, cursor, PAGE);
      const applying = performance.now();
      const applyingCpu = process.cpuUsage();
      applyPull(vault.db, page.items, page.next);
      applyMs += performance.now() - applying;
      applyCpuMs += cpuMsSince(applyingCpu);
      received += page.items.length;
      cursor = page.next;
      if (!page.more) break;
    }
    const syncS = (performance.now() - started) / 1000;
    const syncCpuS = cpuMsSince(startedCpu) / 1000;
    const alerts = vault.db.prepare<[], number>('SELECT count(*) FROM alerts').pluck().get() ?? 0;
    if (received !== RECORDS || alerts < RECORDS) throw new Error(`first sync received ${received} records and the vault holds ${alerts} alerts, of ${RECORDS}`);
    const goalS = (FIRST_SYNC_GOAL_S_PER_100K * RECORDS) / 100_000;

    // Propagation: A pushes one new alert; B pulls (pausing after an empty page) until it has applied it.
    const latencies: number[] = [];
    for (let s = 0; s < PROPAGATION_SAMPLES; s += 1) {
      const id = uuidv7(Date.now());
      const at = Date.now();
      const pushed = performance.now();
      await server.push(writer, { batch: { after: s, upto: s + 1 }, changes: [pushedAlert(id, s + 1, alertValues(s, at, 'live'), hlcAt(at))], auditHead: null });
      for (;;) {
        const page = await server.pull(reader, cursor, 500);
        if (page.items.length > 0) applyPull(vault.db, page.items, page.next);
        cursor = page.next;
        if (page.items.some((item) => 'record' in item && item.record.id === id)) break;
        await sleep(EMPTY_PULL_PAUSE_MS);
      }
      latencies.push(performance.now() - pushed);
    }
    const p95 = percentile(latencies, 95);
    const p50 = percentile(latencies, 50);
    const max = Math.max(...latencies);
    const vaultFloorS = await vaultInsertFloor();
    const throughRunner = await firstSyncThroughRunner(server, await server.enrol(org, `runner-${randomUUID()}`), label, vaultFloorS);

    return [
      { name: `sync ${label}: ${scaled(RECORDS)} alerts seeded into records (plain INSERTs, not measured)`, value: seedS, unit: 's', limit: null, limitLabel: '', goal: 'setup', met: null },
      {
        name: `sync ${label}: first sync of ${scaled(RECORDS)} alerts into an empty vault (${(RECORDS / syncS).toFixed(0)} records/s)`, value: syncS, unit: 's',
        limit: floorS, limitLabel: `the same ${PAGE}-record pages read from the server db, no HTTP or apply`, goal: `≤ ${goalS} s`, met: syncS <= goalS,
      },
      { name: `sync ${label}: of which applyPull into the vault (CPU ${(applyCpuMs / 1000).toFixed(1)} s)`, value: applyMs / 1000, unit: 's', limit: null, limitLabel: '', goal: '—', met: null },
      throughRunner,
      { name: `sync ${label}: the first sync's CPU time in this process (server, HTTP, client; not PostgreSQL's)`, value: syncCpuS, unit: 's', limit: null, limitLabel: '', goal: '—', met: null },
      {
        name: `sync ${label}: propagation A push → B applied, p95 of ${PROPAGATION_SAMPLES} (p50 ${p50.toFixed(1)} ms, max ${max.toFixed(1)} ms)`, value: p95, unit: 'ms',
        limit: null, limitLabel: '', goal: `≤ ${PROPAGATION_GOAL_MS} ms`, met: p95 <= PROPAGATION_GOAL_MS,
      },
    ];
  } finally {
    await vault.close();
  }
}

/** The vault's own bulk insert of the first sync's alerts (sync-records.ts), into an empty vault of its own. */
async function vaultInsertFloor(): Promise<number> {
  const vault = await emptyVault();
  try {
    return vaultAlertInsertSeconds(vault.db, RECORDS, RUNNER_PAGE);
  } finally {
    await vault.close();
  }
}

/**
 * A first sync as the app runs it: the sync runner over the real transport, its vault work in the
 * sync worker, pages of the runner's own size fetched while the last one applies.
 */
async function firstSyncThroughRunner(server: BenchSyncServer, reader: BenchDevice, label: string, vaultFloorS: number): Promise<BenchRow> {
  const vault = await emptyVault();
  const store = vault.workerStore();
  try {
    const transport = new SyncTransport({ serverUrl: server.baseUrl, now: Date.now });
    transport.useDevice({ deviceId: reader.deviceId, credential: reader.credential });
    const runner = new SyncRunner({ db: () => vault.db, store, api: transport, now: Date.now });
    const started = performance.now();
    const status = await runner.syncNow();
    const syncS = (performance.now() - started) / 1000;
    const alerts = vault.db.prepare<[], number>('SELECT count(*) FROM alerts').pluck().get() ?? 0;
    if (status.state !== 'idle' || alerts < RECORDS) throw new Error(`the runner's first sync ended ${status.state} (${status.lastError?.message ?? ''}) with ${alerts} alerts of ${RECORDS}`);
    const goalS = (FIRST_SYNC_GOAL_S_PER_100K * RECORDS) / 100_000;
    return {
      name: `sync ${label}: first sync of ${scaled(RECORDS)} alerts as the app runs it (runner, sync worker ${WORKER_BUILD}, pages of ${RUNNER_PAGE} fetched ahead; ${(RECORDS / syncS).toFixed(0)} records/s)`,
      value: syncS, unit: 's', limit: vaultFloorS, limitLabel: `the same ${scaled(RECORDS)} alerts inserted straight into an empty vault, ${RUNNER_PAGE} a transaction: its indexes, full text and rollups, no merge or HTTP`,
      goal: `≤ ${goalS} s`, met: syncS <= goalS,
    };
  } finally {
    await store.release();
    await vault.close();
  }
}

export async function syncBenchmarks(): Promise<BenchRow[]> {
  const dialects = (process.env.VIGIL_BENCH_SYNC_DIALECTS?.split(',') ?? ['sqlite', 'postgres']) as DialectName[];
  const parts = process.env.VIGIL_BENCH_SYNC_PARTS?.split(',') ?? ['push', 'first-sync'];
  const rows: BenchRow[] = [];
  for (const dialect of dialects) {
    const server = await BenchSyncServer.start(dialect);
    const label = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
    try {
      if (parts.includes('push')) rows.push(await pushThroughput(server, label));
      if (parts.includes('first-sync')) rows.push(...await firstSyncAndPropagation(server, label));
    } finally {
      await server.close();
    }
  }
  return rows;
}
