// A vault filled fast with plain INSERTs, for the benchmarks that need one at scale without the
// importer (which takes a quarter of an hour at 1M, measured by import.bench.ts): alerts over two
// years, entities with two links per alert, cases with their status logs. Deterministic (seeded), so
// every run fills the same vault. The vault's triggers (rollups; full text unless the caller drops
// it) fire for every row as they would in any write. Used by analytics.bench.ts and backup.bench.ts.
import { createCore } from '../../src-main/core';
import { consoleLogger } from '../../src-main/platform/logger';
import { createInProcessClient } from '../../src-main/ipc/in-process-client';
import type { SqliteDatabase } from '../../src-main/store/database';
import type { KdfPolicy } from '../../src-main/vault/kdf';

/** A cheap key derivation: unlock time is not what the benches measure (a sign-in that is measured passes its own). */
export const BENCH_KDF: KdfPolicy = { params: { algorithm: 'argon2id' as const, memoryKiB: 1024, iterations: 1, parallelism: 1 }, floor: { algorithm: 'argon2id' as const, memoryKiB: 1024, iterations: 1, parallelism: 1 } };
export const BENCH_PASSWORD = 'long enough passphrase';
const DAY = 86_400_000;
const H = 3_600_000;
/** The filled rows end here (2026-11-30) and span two years back. */
export const FILL_END = Date.UTC(2026, 10, 30);
export const FILL_SPAN = 730 * DAY;
const END = FILL_END;
const SPAN = FILL_SPAN;

/** A deterministic generator, so every run fills the same vault. */
function seeded(seed: number) {
  let state = seed;
  return () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
}

/** A new vault named Bench with its first user, `bench` (an admin), signed in on the returned client. */
export async function newBenchVault(dir: string, kdf: KdfPolicy = BENCH_KDF) {
  const core = createCore({ dataDir: dir, kdf, sweepIntervalMs: null, logger: consoleLogger('warn') });
  const client = createInProcessClient(core.router, 'cli');
  const { recoveryKey } = await client.invoke('setup.initialize', { vaultName: 'Bench', username: 'bench', displayName: 'Bench', password: BENCH_PASSWORD });
  await client.invoke('auth.confirmRecoveryKey', { recoveryKey });
  return { core, client, db: core.services.custody.vault.db };
}

export function fillAlerts(db: SqliteDatabase, count: number): void {
  const random = seeded(3);
  const sources = ['ids', 'waf', 'auth', 'payments', 'content', 'abuse-reports'];
  const severities = ['low', 'medium', 'high', 'critical'];
  const insert = db.prepare(
    `INSERT INTO alerts (id, source, rule, title, severity, status, dismiss_reason, fingerprint, occurred_at, last_seen_at, created_at, updated_at, triaged_at, updated_hlc, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '0', 'bench')`,
  );
  const batch = 50_000;
  for (let start = 0; start < count; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(count, start + batch); i += 1) {
        const occurred = END - SPAN + Math.floor((i / count) * SPAN) + Math.floor(random() * 60_000);
        const source = sources[i % sources.length] as string;
        const rule = random() < 0.05 ? null : `${source}-rule-${Math.floor(random() * 5)}`;
        const roll = random();
        const status = roll < 0.3 ? 'new' : roll < 0.5 ? 'acknowledged' : roll < 0.85 ? 'dismissed' : 'promoted';
        const reason = status === 'dismissed' ? (random() < 0.6 ? 'false_positive' : 'duplicate') : null;
        const created = occurred + 60_000;
        const triaged = status === 'new' ? null : created + Math.floor(random() * random() * 48 * H);
        insert.run(`al-${i}`, source, rule, `Alert ${i}`, severities[Math.floor(random() * 4)], status, reason, `fp-${i}`, occurred, occurred, created, created, triaged);
      }
    })();
  }
}

/**
 * Entities and links for top entities: one entity per five alerts, two links per alert, one drawn
 * toward a few heavy entities (a ring's shared device), one uniform. Not timed with the fill.
 */
export function fillEntityLinks(db: SqliteDatabase, alerts: number): void {
  const random = seeded(11);
  const kinds = ['account', 'email', 'ip', 'device', 'domain', 'payment'];
  const entities = Math.max(1, Math.round(alerts / 5));
  const insertEntity = db.prepare(
    `INSERT INTO entities (id, kind, value, first_seen_at, last_seen_at, created_at, updated_at, updated_hlc, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, '0', 'bench')`,
  );
  const link = db.prepare(`INSERT OR IGNORE INTO alert_entities (alert_rid, entity_rid, origin)
    SELECT a.rid, e.rid, 0 FROM alerts a, entities e WHERE a.id = ? AND e.id = ?`);
  db.transaction(() => {
    for (let e = 0; e < entities; e += 1) insertEntity.run(`en-${e}`, kinds[e % kinds.length], `value-${e}`, END - SPAN, END, END - SPAN, END - SPAN);
  })();
  const batch = 50_000;
  for (let start = 0; start < alerts; start += batch) {
    db.transaction(() => {
      for (let i = start; i < Math.min(alerts, start + batch); i += 1) {
        link.run(`al-${i}`, `en-${Math.floor(random() ** 4 * entities)}`);
        link.run(`al-${i}`, `en-${Math.floor(random() * entities)}`);
      }
    })();
  }
}

export function fillCases(db: SqliteDatabase, count: number): void {
  const random = seeded(5);
  const severities = ['low', 'medium', 'high', 'critical'];
  const insertCase = db.prepare(
    `INSERT INTO investigations (id, key, title, status, resolution, severity, sla_due_at, opened_at, closed_at, created_at, updated_at, updated_hlc, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '0', 'bench')`,
  );
  const insertLog = db.prepare('INSERT INTO investigation_status_log (id, investigation_id, at, from_status, to_status, resolution) VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const id = `inv-${i}`;
      const opened = END - SPAN + Math.floor((i / count) * SPAN);
      const acknowledged = opened + Math.floor(random() * 8 * H);
      const closed = acknowledged + Math.floor(random() * random() * 20 * DAY);
      const stillOpen = closed > END - 3 * DAY || random() < 0.02;
      const reopened = !stillOpen && random() < 0.05;
      const finalClose = reopened ? closed + 2 * DAY : closed;
      const isClosed = !stillOpen && finalClose < END;
      insertCase.run(id, `INV-${i}`, `Case ${i}`, isClosed ? 'closed' : 'in_progress', isClosed ? 'actioned' : null, severities[i % 4],
        random() < 0.3 ? opened + 24 * H : null, opened, isClosed ? finalClose : null, opened, opened);
      const log = (n: number, at: number, from: string | null, to: string, resolution: string | null = null) => insertLog.run(`${id}-${n}`, id, at, from, to, resolution);
      log(0, opened, null, 'open');
      log(1, acknowledged, 'open', 'in_progress');
      if (stillOpen) continue;
      log(2, closed, 'in_progress', 'closed', 'actioned');
      if (!reopened) continue;
      log(3, closed + DAY, 'closed', 'open');
      if (isClosed) log(4, finalClose, 'open', 'closed', 'actioned');
    }
  })();
}
