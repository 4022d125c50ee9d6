// Foundation benchmarks: unlock time with the production argon2id parameters; router and
// loopback-transport round trips against a direct call; encrypted vs plaintext SQLite at 1M rows.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../src-main/core';
import { createInProcessClient } from '../../src-main/ipc/in-process-client';
import { startWebServer } from '../../src-main/ipc/web-server';
import { openDatabase } from '../../src-main/store/database';
import { PRODUCTION_KDF, PRODUCTION_KDF_POLICY } from '../../src-main/vault/kdf';
import { percentile, type BenchRow } from './bench-table';

const ROWS = Number(process.env.VIGIL_BENCH_ROWS ?? 1_000_000);

export async function foundationBenchmarks(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
  try {
    rows.push(...(await unlockAndRoundTrip(join(dir, 'vault'))));
    rows.push(...encryptedVersusPlain(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

async function unlockAndRoundTrip(dataDir: string): Promise<BenchRow[]> {
  const core = createCore({ dataDir, kdf: PRODUCTION_KDF_POLICY, sweepIntervalMs: null });
  const password = 'long enough passphrase';
  const admin = createInProcessClient(core.router, 'bench');
  const { recoveryKey } = await admin.invoke('setup.initialize', { vaultName: 'Bench', username: 'bench', displayName: 'Bench', password });
  await admin.invoke('auth.confirmRecoveryKey', { recoveryKey });
  await admin.invoke('auth.logout', {});

  // Unlock = derive with argon2id, unwrap, open SQLCipher, migrate check, start a session.
  const unlock: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const client = createInProcessClient(core.router, 'bench');
    const start = performance.now();
    await client.invoke('auth.login', { username: 'bench', password });
    unlock.push(performance.now() - start);
    await client.invoke('auth.logout', {});
  }
  const session = createInProcessClient(core.router, 'bench');
  await session.invoke('auth.login', { username: 'bench', password });

  const N = 5000;
  const handler = () => core.services.sessions.currentSettings();
  const direct = timeEach(N, () => handler());
  const routed = await timeEachAsync(N, () => session.invoke('system.getSettings', {}));

  const staticDir = join(dataDir, 'static');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>bench</title>');
  const server = await startWebServer({ core, staticDir });
  const launch = await fetch(server.url, { redirect: 'manual' });
  let cookies = (launch.headers.getSetCookie()).map((c) => c.split(';')[0]).join('; ');
  const loginResponse = await fetch(`http://127.0.0.1:${server.port}/api/invoke`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie: cookies },
    body: JSON.stringify({ channel: 'auth.login', input: { username: 'bench', password } }),
  });
  cookies = [cookies, ...loginResponse.headers.getSetCookie().map((c) => c.split(';')[0])].join('; ');
  const body = JSON.stringify({ channel: 'system.getSettings', input: {} });
  const http = await timeEachAsync(2000, async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/api/invoke`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: cookies }, body,
    });
    const result = (await response.json()) as { ok: boolean };
    if (!result.ok) throw new Error('bench call failed');
  });
  await server.close();
  core.close();

  const p50 = (s: number[]) => percentile(s, 50);
  const kdf = `${PRODUCTION_KDF.memoryKiB / 1024} MiB, t=${PRODUCTION_KDF.iterations}, p=${PRODUCTION_KDF.parallelism}`;
  return [
    { name: `unlock (argon2id ${kdf}) median`, value: p50(unlock), unit: 'ms', limit: null, limitLabel: '', goal: '0.2–1 s (OWASP-grade cost)', met: p50(unlock) < 1000 },
    { name: 'router round trip p50 (in process)', value: p50(routed) * 1000, unit: 'µs', limit: p50(direct) * 1000, limitLabel: 'direct call', goal: '< 1 ms', met: p50(routed) < 1 },
    { name: 'router + loopback HTTP round trip p50', value: p50(http) * 1000, unit: 'µs', limit: p50(direct) * 1000, limitLabel: 'direct call', goal: '< 1 ms', met: p50(http) < 1 },
    { name: 'router + loopback HTTP round trip p99', value: percentile(http, 99) * 1000, unit: 'µs', limit: null, limitLabel: '', goal: '—', met: null },
  ];
}

function encryptedVersusPlain(dir: string): BenchRow[] {
  const measure = (file: string, key: Buffer | null) => {
    const db = openDatabase(join(dir, file), { key });
    db.exec('CREATE TABLE rows (id INTEGER PRIMARY KEY, source TEXT NOT NULL, score INTEGER NOT NULL, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO rows (source, score, body) VALUES (?, ?, ?)');
    const text = 'x'.repeat(40);
    const startInsert = performance.now();
    db.transaction(() => {
      for (let i = 0; i < ROWS; i += 1) insert.run(`source-${i % 17}`, i % 1000, `${text}${i}`);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    const insertMs = performance.now() - startInsert;
    db.close();
    // Each read on a fresh connection, so every page is decrypted again rather than served from
    // SQLite's page cache. First what the app does (rows into JavaScript), then the SQL-only worst case.
    let reader = openDatabase(join(dir, file), { key });
    let startRead = performance.now();
    let count = 0;
    for (const row of reader.prepare('SELECT id, source, score, body FROM rows').iterate() as Iterable<{ score: number }>) count += row.score >= 0 ? 1 : 0;
    const readMs = performance.now() - startRead;
    reader.close();
    if (count !== ROWS) throw new Error(`read ${count} rows`);
    reader = openDatabase(join(dir, file), { key });
    startRead = performance.now();
    const total = reader.prepare('SELECT sum(length(body)) + sum(score) AS n FROM rows').get() as { n: number };
    const scanMs = performance.now() - startRead;
    reader.close();
    if (!total.n) throw new Error('nothing scanned');
    return { insertMs, readMs, scanMs };
  };
  const plain = measure('plain.db', null);
  const encrypted = measure('encrypted.db', randomBytes(32));
  const label = `${(ROWS / 1e6).toFixed(ROWS >= 1e6 ? 0 : 2)}M rows`;
  return [
    { name: `encrypted insert, ${label}`, value: encrypted.insertMs, unit: 'ms', limit: plain.insertMs, limitLabel: 'plaintext SQLite', goal: '≤ 1.25×', met: encrypted.insertMs <= 1.25 * plain.insertMs },
    { name: `encrypted read into JS, ${label}`, value: encrypted.readMs, unit: 'ms', limit: plain.readMs, limitLabel: 'plaintext SQLite', goal: '≤ 1.25×', met: encrypted.readMs <= 1.25 * plain.readMs },
    { name: `encrypted SQL-only scan, ${label}`, value: encrypted.scanMs, unit: 'ms', limit: plain.scanMs, limitLabel: 'plaintext SQLite', goal: '≤ 1.25×', met: encrypted.scanMs <= 1.25 * plain.scanMs },
  ];
}

function timeEach(n: number, call: () => unknown): number[] {
  const samples: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const start = performance.now();
    call();
    samples.push(performance.now() - start);
  }
  return samples;
}

async function timeEachAsync(n: number, call: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const start = performance.now();
    await call();
    samples.push(performance.now() - start);
  }
  return samples;
}
