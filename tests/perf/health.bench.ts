// A health sweep keeps the event loop free: every check run once (the audit chain walked in full,
// the first walk of a run) on a vault with VIGIL_BENCH_AUDIT_ROWS audit rows (default 1M, written
// through AuditLog.append) and VIGIL_BENCH_ALERTS alerts (default 100k, plain INSERTs), while
// perf_hooks' event-loop delay histogram (10 ms resolution) records the longest the main thread
// was held. The limit beside it: the same histogram over an idle stretch of the same length, in
// the same run. Goal: the longest hold under 50 ms (issue 14). Then a second sweep, the audit chain
// walked incrementally, timed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { BenchRow } from './bench-table';
import { fillAlerts, newBenchVault } from './bench-vault-fill';

const GOAL_MS = 50;

async function longestHoldMs<T>(work: () => Promise<T>): Promise<{ holdMs: number; elapsedMs: number; value: T }> {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const start = performance.now();
  const value = await work();
  const elapsedMs = performance.now() - start;
  histogram.disable();
  return { holdMs: histogram.max / 1e6, elapsedMs, value };
}

export async function healthBenchmarks(): Promise<BenchRow[]> {
  const auditRows = Number(process.env.VIGIL_BENCH_AUDIT_ROWS ?? 1_000_000);
  const alerts = Number(process.env.VIGIL_BENCH_ALERTS ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-health-'));
  const { core } = await newBenchVault(dir);
  try {
    const { db, repositories } = core.services.custody.vault;
    fillAlerts(db, alerts);
    const batch = 50_000;
    for (let done = 0; done < auditRows; done += batch) {
      db.transaction(() => {
        for (let i = done; i < Math.min(auditRows, done + batch); i += 1) {
          repositories.audit.append({ actor: { id: null, name: 'bench' }, action: 'bench.row', target: `row-${i}`, outcome: 'success', details: { i } });
        }
      })();
    }
    await repositories.audit.backgroundWriteSettled();

    const first = await longestHoldMs(() => core.services.health.sweep('all'));
    const idle = await longestHoldMs(() => new Promise<number>((resolve) => setTimeout(() => resolve(0), Math.max(200, first.elapsedMs))));
    const second = await longestHoldMs(() => core.services.health.sweep('all'));
    const status = core.services.health.status();
    const audit = status.checks.find((c) => c.check === 'audit-chain');
    if (audit?.value !== 0) throw new Error(`the audit chain check did not pass: ${audit?.evidence ?? 'no row'}`);
    const label = `${(auditRows / 1000).toFixed(0)}k audit rows, ${(alerts / 1000).toFixed(0)}k alerts`;
    return [
      {
        name: `health sweep, full audit walk (${label}): longest event-loop hold`, value: first.holdMs, unit: 'ms',
        limit: idle.holdMs, limitLabel: 'idle, same length', goal: `< ${GOAL_MS} ms`, met: first.holdMs < GOAL_MS,
      },
      { name: `health sweep, full audit walk (${label}): duration`, value: first.elapsedMs, unit: 'ms', limit: null, limitLabel: '', goal: '—', met: null },
      {
        name: 'health sweep, incremental audit walk: longest event-loop hold', value: second.holdMs, unit: 'ms',
        limit: idle.holdMs, limitLabel: 'idle, same length', goal: `< ${GOAL_MS} ms`, met: second.holdMs < GOAL_MS,
      },
      { name: 'health sweep, incremental audit walk: duration', value: second.elapsedMs, unit: 'ms', limit: null, limitLabel: '', goal: '—', met: null },
    ];
  } finally {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
