// Security monitoring at scale (docs/SECURITY-MONITORING.md, "Cost"): an audit log of 1M rows
// (VIGIL_BENCH_AUDIT_ROWS overrides) written straight into the table with the same hash chain
// AuditLog writes, over 60 days and 20 people, in a realistic mix (mostly triage and reads, some
// sign-ins, failures, exports, reveals, denials). Measured: a full rescan of the log by every rule
// (against a plain read of every row the same way, page by page: the floor), and the incremental
// cost per new row (1,000 rows appended through AuditLog.append, then one scan; against the append
// itself).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../src-main/core';
import { createInProcessClient } from '../../src-main/ipc/in-process-client';
import { chainHash, GENESIS_HASH, type ChainedFields } from '../../src-main/audit/audit-chain';
import { uuidv7 } from '../../src-main/store/ids';
import type { AuditOutcome } from '../../src-shared/model';
import type { Repositories } from '../../src-main/repositories';
import type { BenchRow } from './bench-table';
import { BENCH_KDF } from './bench-vault-fill';

const ROWS = Number(process.env.VIGIL_BENCH_AUDIT_ROWS ?? 1_000_000);
const NEW_ROWS = 1000;
const PEOPLE = 20;
const DAYS = 60;
const DAY = 86_400_000;
/** Goals (docs/SECURITY-MONITORING.md): a rescan of a 1M-row log within 30 s, a new row judged within 50 µs. */
const RESCAN_GOAL_ROWS_PER_S = 1_000_000 / 30;
const INCREMENTAL_GOAL_US = 50;

interface Kind {
  share: number;
  action: string;
  outcome: AuditOutcome;
  details: (i: number) => Record<string, unknown>;
}

/** What a busy team's log holds, by share of rows. */
const MIX: readonly Kind[] = [
  { share: 0.005, action: 'auth.login', outcome: 'success', details: () => ({ client: 'electron' }) },
  { share: 0.001, action: 'auth.login', outcome: 'failure', details: () => ({ reason: 'wrong_password' }) },
  { share: 0.002, action: 'exports.alerts', outcome: 'success', details: (i) => ({ format: 'csv', rows: 200 + (i % 800), matched: 1000, masked: true }) },
  { share: 0.005, action: 'pii.reveal', outcome: 'success', details: () => ({ kind: 'email', purpose: 'account takeover review' }) },
  { share: 0.001, action: 'access.denied', outcome: 'denied', details: () => ({ permission: 'admin_access' }) },
  { share: 0.001, action: 'auth.second_factor', outcome: 'failure', details: () => ({ reason: 'wrong_code' }) },
  { share: 1, action: 'alerts.triage', outcome: 'success', details: (i) => ({ channel: 'alerts.triage', count: 1 + (i % 5) }) },
];

function kindFor(i: number): Kind {
  // A fixed pattern, so every run writes the same log.
  let roll = ((i * 2654435761) >>> 0) / 2 ** 32;
  for (const kind of MIX) {
    if (roll < kind.share) return kind;
    roll -= kind.share;
  }
  return MIX[MIX.length - 1] as Kind;
}

/** Writes `count` rows after the log's head, chained exactly as AuditLog.append chains them. */
function fillLog(repos: Repositories, count: number, from: number, people: readonly { id: string; name: string }[]): void {
  const head = repos.db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get();
  const insert = repos.db.prepare(
    `INSERT INTO audit_log (seq, id, at, actor_id, actor_name, action, target, outcome, details, origin_device, prev_hash, hash)
     VALUES (@seq, @id, @at, @actorId, @actorName, @action, @target, @outcome, @details, @originDevice, @prevHash, @hash)`,
  );
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const step = (DAYS * DAY) / count;
  const write = repos.db.transaction((start: number, end: number) => {
    for (let i = start; i < end; i += 1) {
      const kind = kindFor(i);
      const who = people[i % people.length] as { id: string; name: string };
      seq += 1;
      const at = Math.round(from + i * step);
      const fields: ChainedFields = {
        seq, id: uuidv7(at), at, actorId: who.id, actorName: who.name, action: kind.action,
        target: kind.action === 'pii.reveal' ? uuidv7(at) : null, outcome: kind.outcome, details: JSON.stringify(kind.details(i)),
        originDevice: repos.row.deviceId,
      };
      const hash = chainHash(prevHash, fields);
      insert.run({ ...fields, prevHash, hash });
      prevHash = hash;
    }
  });
  for (let start = 0; start < count; start += 50_000) write(start, Math.min(count, start + 50_000));
}

export async function securityBenchmarks(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-security-'));
  const core = createCore({ dataDir: dir, kdf: BENCH_KDF, sweepIntervalMs: null, timeZone: 'UTC' });
  try {
    const admin = createInProcessClient(core.router, 'bench');
    const { recoveryKey } = await admin.invoke('setup.initialize', { vaultName: 'Bench', username: 'bench', displayName: 'Bench', password: 'long enough passphrase' });
    await admin.invoke('auth.confirmRecoveryKey', { recoveryKey });
    const repos = core.services.custody.vault.repositories;
    const monitor = core.services.securityMonitor;
    const people = Array.from({ length: PEOPLE }, (_, i) => ({ id: uuidv7(i), name: `analyst${i}` }));
    const start = Date.now() - DAYS * DAY;

    const filling = performance.now();
    fillLog(repos, ROWS, start, people);
    const fillMs = performance.now() - filling;

    // The floor: every row read once, page by page, as the scan reads them.
    const page = repos.db.prepare<[number], { seq: number }>('SELECT seq, at, actor_id, actor_name, action, target, outcome, details FROM audit_log WHERE seq > ? ORDER BY seq LIMIT 2000');
    const reading = performance.now();
    for (let cursor = 0; ;) {
      const rows = page.all(cursor);
      if (rows.length === 0) break;
      cursor = (rows[rows.length - 1] as { seq: number }).seq;
    }
    const readMs = performance.now() - reading;

    repos.securityIncidents.rewind();
    const rescanning = performance.now();
    const rescan = await monitor.scan();
    const rescanMs = performance.now() - rescanning;

    // New rows, as the app appends them (one transaction each), then the one scan the debounce runs.
    const now = Date.now();
    const appending = performance.now();
    for (let i = 0; i < NEW_ROWS; i += 1) {
      const kind = kindFor(i + 7);
      const who = people[i % PEOPLE] as { id: string; name: string };
      repos.audit.append({ actor: who, action: kind.action, outcome: kind.outcome, at: now + i, details: kind.details(i) });
    }
    const appendUs = ((performance.now() - appending) * 1000) / NEW_ROWS;
    const scanning = performance.now();
    const incremental = await monitor.scan();
    const incrementalUs = ((performance.now() - scanning) * 1000) / Math.max(1, incremental.scanned);

    const rowsPerSecond = (n: number, ms: number) => (n * 1000) / ms;
    const scale = ROWS === 1_000_000 ? '1M' : ROWS.toLocaleString('en-US');
    return [
      { name: `security: audit log of ${scale} rows written (chained)`, value: fillMs / 1000, unit: 's', limit: null, limitLabel: '', goal: 'setup', met: null },
      {
        name: `security: full rescan of ${scale} rows in ${(rescanMs / 1000).toFixed(1)} s (${rescan.opened} incidents)`, value: rowsPerSecond(rescan.scanned, rescanMs), unit: 'rows/s',
        limit: rowsPerSecond(ROWS, readMs), limitLabel: 'plain read of every row', goal: `≥ ${Math.round(RESCAN_GOAL_ROWS_PER_S).toLocaleString('en-US')} rows/s (1M in 30 s)`,
        met: rowsPerSecond(rescan.scanned, rescanMs) >= RESCAN_GOAL_ROWS_PER_S,
      },
      {
        name: `security: incremental scan per new row (${NEW_ROWS} rows after ${scale})`, value: incrementalUs, unit: 'µs',
        limit: appendUs, limitLabel: 'AuditLog.append of the row', goal: `≤ ${INCREMENTAL_GOAL_US} µs`, met: incrementalUs <= INCREMENTAL_GOAL_US,
      },
    ];
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
