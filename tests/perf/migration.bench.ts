// The upgrade of an old vault at scale (issue 13): a schema v18 vault holding 200k demo alerts
// (VIGIL_BENCH_ALERTS overrides the count; tests/fixtures/v18-vault.ts makes it) upgraded to the
// latest schema, whatever that is, through the app's own path: VaultUpgrade running every pending
// migration in its worker, in a process of its own (fixtures/upgrade-until-killed.ts, `shipped`).
// - Before and after, the rows, search results, pivots and analytics numbers are read
//   (upgrade-snapshot.ts) and must be the same: any difference throws, naming it.
// - The limit beside the upgrade's time, measured in the same run on a copy of the same vault: a plain
//   copy of the rows the upgrade rebuilds (alerts, entities and links, CREATE TABLE AS SELECT in one
//   transaction, committed and checkpointed), the least any rewrite of those tables costs.
// - kill -9: on another copy, the upgrade's process is killed after its first progress step past
//   the start; the vault must still open at v18 with every count the same and pass integrity_check,
//   and the next upgrade must complete.
// The upgrade's worker is the built one (out/main, `npm run build`) when there is one, as shipped.
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { schemaVersion } from '../../src-main/store/migrate';
import { SCHEMA_VERSION } from '../../src-main/store/migrations';
import { ALERT_WORDS, ENTITY_WORDS, makeV18Vault } from '../fixtures/v18-vault';
import { runUpgradeChild, withVault } from '../unit/vault/fixtures/upgrade-child';
import { differences, pivotEntities, rowCounts, snapshotVault, tablesOf, type SnapshotPlan, type TableColumns, type VaultSnapshot } from './upgrade-snapshot';
import type { BenchRow, BenchTable } from './bench-table';

const ALERTS = Number(process.env.VIGIL_BENCH_ALERTS ?? 200_000);
const DAY = 86_400_000;
const END = Date.UTC(2026, 10, 30);
const FROM = END - 365 * DAY;
/** At 200k alerts; scaled by the count for other sizes (the rebuild is linear in rows). */
const GOAL_MS_AT_200K = 60_000;
const GOAL_MS = Math.round((GOAL_MS_AT_200K * ALERTS) / 200_000);

const BUILT_WORKERS = fileURLToPath(new URL('../../out/main', import.meta.url));
const childEnv: NodeJS.ProcessEnv = existsSync(join(BUILT_WORKERS, 'vault-upgrade-worker.js')) && !process.env.VIGIL_WORKER_DIR
  ? { ...process.env, VIGIL_WORKER_DIR: BUILT_WORKERS } : process.env;
const WORKER_BUILD = childEnv.VIGIL_WORKER_DIR ? 'built worker' : 'worker from sources: npm run build first';

const label = `${(ALERTS / 1000).toFixed(0)}k demo alerts`;
const log = (line: string) => process.stderr.write(`[migration] ${line}\n`);

/** The limit: the rows the upgrade rewrites, copied as they are in one committed, checkpointed transaction. */
function plainCopyMs(path: string, key: Buffer): number {
  return withVault(path, key, (db) => {
    const start = performance.now();
    db.transaction(() => {
      db.exec(`CREATE TABLE copy_alerts AS SELECT * FROM alerts;
        CREATE TABLE copy_entities AS SELECT * FROM entities;
        CREATE TABLE copy_alert_entities AS SELECT * FROM alert_entities;`);
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    return performance.now() - start;
  });
}

/** The child's progress lines: how far, and when (ms after it started upgrading). */
function progressSteps(lines: readonly string[]): { done: number; total: number; ms: number }[] {
  return lines.flatMap((line) => {
    const match = /^(\d+)\/(\d+) (\d+)$/.exec(line);
    return match ? [{ done: Number(match[1]), total: Number(match[2]), ms: Number(match[3]) }] : [];
  });
}

/** Where the upgrade's time goes: each progress step (a migration's share is total / migrations) and the time since the one before. */
function stepTable(lines: readonly string[], totalMs: number, title: string): BenchTable {
  // The last step is followed by the foreign key check, the commit, the WAL checkpoint at close and the worker's end.
  const steps = [...progressSteps(lines).map((s) => ({ name: `${s.done}/${s.total}`, ms: s.ms })), { name: 'keys checked, committed, checkpointed, closed', ms: totalMs }];
  return {
    title, headers: ['progress', 'reached at', 'this step', 'share'],
    rows: steps.map((s, i) => {
      const took = s.ms - (steps[i - 1]?.ms ?? 0);
      return [s.name, `${(s.ms / 1000).toFixed(1)} s`, `${(took / 1000).toFixed(1)} s`, totalMs === 0 ? '—' : `${((100 * took) / totalMs).toFixed(0)} %`];
    }),
  };
}

/** kill -9 after the first step past the start; then the vault as it was, and an upgrade that completes. */
async function killAndResume(path: string, key: Buffer, v18: TableColumns, countsBefore: Record<string, number>) {
  const stepsPast = (lines: readonly string[]) => progressSteps(lines).filter((s) => s.done > 0).map((s) => `${s.done}/${s.total}`);
  const killedRun = await runUpgradeChild(path, key, { mode: 'shipped', env: childEnv, killWhen: (lines) => stepsPast(lines).length >= 1 });
  if (!killedRun.killed || killedRun.finished) throw new Error(`kill -9: the upgrade finished before it could be killed (${killedRun.lines.length} lines)`);
  const afterKill = withVault(path, key, (db) => ({
    version: schemaVersion(db), integrity: db.pragma('integrity_check', { simple: true }), counts: rowCounts(db, v18),
  }));
  const problems = [
    ...(afterKill.version === 18 ? [] : [`version ${afterKill.version}, not 18`]),
    ...(afterKill.integrity === 'ok' ? [] : [`integrity_check: ${String(afterKill.integrity)}`]),
    ...differences({ counts: countsBefore, digests: {}, search: {}, pivots: {}, analytics: {} }, { counts: afterKill.counts, digests: {}, search: {}, pivots: {}, analytics: {} }, 'after the kill: '),
  ];
  const resumed = await runUpgradeChild(path, key, { mode: 'shipped', env: childEnv });
  const afterResume = withVault(path, key, (db) => ({ version: schemaVersion(db), counts: rowCounts(db, v18) }));
  if (afterResume.version !== SCHEMA_VERSION) problems.push(`the upgrade after the kill left version ${afterResume.version}, not ${SCHEMA_VERSION}`);
  if (afterResume.counts.alerts !== countsBefore.alerts || afterResume.counts.alert_entities !== countsBefore.alert_entities) {
    problems.push(`the upgrade after the kill changed counts: ${JSON.stringify({ before: countsBefore, after: afterResume.counts })}`);
  }
  if (problems.length > 0) throw new Error(`kill -9 during the upgrade:\n  ${problems.join('\n  ')}`);
  return { killedAt: stepsPast(killedRun.lines)[0] ?? '?', resumedMs: Number(resumed.finished?.['durationMs']) };
}

export async function migrationBenchmarks(): Promise<{ rows: BenchRow[]; tables: BenchTable[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-migration-'));
  try {
    const path = join(dir, 'vault.db');
    const key = randomBytes(32);
    let fillMs = 0;
    let plan: SnapshotPlan | null = null;
    let v18: TableColumns = {};
    let entities: string[] = [];
    let before: VaultSnapshot | null = null;
    withVault(path, key, (db) => {
      // This connection only (the upgrade opens its own): the fill's random-key inserts stay in memory.
      db.pragma('cache_size = -262144');
      const start = performance.now();
      const made = makeV18Vault(db, { alerts: ALERTS, from: FROM, to: END });
      fillMs = performance.now() - start;
      db.pragma('wal_checkpoint(TRUNCATE)');
      plan = { alertWords: ALERT_WORDS, entityWords: ENTITY_WORDS, now: END, userId: made.analystIds[0] ?? '' };
      v18 = tablesOf(db);
      entities = pivotEntities(db);
      const readStart = performance.now();
      before = snapshotVault(db, plan, v18, entities).snapshot;
      log(`v18 vault: ${ALERTS} alerts written in ${(fillMs / 1000).toFixed(1)} s (${made.deleted} deleted again), read before in ${((performance.now() - readStart) / 1000).toFixed(1)} s`);
    });
    if (!plan || !before) throw new Error('no v18 vault');
    const countsBefore = (before as VaultSnapshot).counts;

    const v18Mb = (statSync(path).size / 1e6).toFixed(0);
    copyFileSync(path, join(dir, 'copy.db'));
    const limitMs = plainCopyMs(join(dir, 'copy.db'), key);
    log(`plain copy of alerts, entities and links: ${(limitMs / 1000).toFixed(1)} s`);
    rmSync(join(dir, 'copy.db'), { force: true });

    copyFileSync(path, join(dir, 'killed.db'));
    const kill = await killAndResume(join(dir, 'killed.db'), key, v18, countsBefore);
    log(`kill -9 at step ${kill.killedAt}: still v18, same counts; the next upgrade completed in ${(kill.resumedMs / 1000).toFixed(1)} s`);
    rmSync(join(dir, 'killed.db'), { force: true });

    const run = await runUpgradeChild(path, key, { mode: 'shipped', env: childEnv });
    const upgrade = run.finished ?? {};
    const upgradeMs = Number(upgrade['durationMs']);
    const peakRssMb = Number(upgrade['peakRssMb']);
    const rssBeforeMb = Number(upgrade['rssBeforeMb']);
    log(`upgrade v${String(upgrade['fromVersion'])} → v${String(upgrade['toVersion'])}: ${(upgradeMs / 1000).toFixed(1)} s, ${run.lines.length - 1} progress steps, peak RSS ${peakRssMb.toFixed(0)} MB`);

    const checkStart = performance.now();
    const after = withVault(path, key, (db) => ({ version: schemaVersion(db), integrity: db.pragma('integrity_check', { simple: true }), ...snapshotVault(db, plan as SnapshotPlan, v18, entities) }));
    const found = [
      ...(after.version === SCHEMA_VERSION ? [] : [`version ${after.version}, not ${SCHEMA_VERSION}`]),
      ...(after.integrity === 'ok' ? [] : [`integrity_check: ${String(after.integrity)}`]),
      ...differences(before, after.snapshot),
      // The app's own reads after, against v18's answers before.
      ...(after.app ? differences(
        { counts: {}, digests: {}, search: Object.fromEntries(Object.keys(after.app.search).map((k) => [k, (before as VaultSnapshot).search[k] ?? []])), pivots: (before as VaultSnapshot).pivots, analytics: {} },
        { counts: {}, digests: {}, ...after.app, analytics: {} }, 'the app after: ') : ['the app after: the upgraded vault has no alerts.rid']),
    ];
    if (found.length > 0) throw new Error(`The upgraded vault differs from the v18 vault:\n  ${found.join('\n  ')}`);
    log(`compared after in ${((performance.now() - checkStart) / 1000).toFixed(1)} s: ${Object.keys(countsBefore).length} tables, ${Object.keys(after.snapshot.search).length} searches, `
      + `${entities.length} pivots, ${Object.keys(after.snapshot.analytics).length} analytics reports: all the same`);

    const sizeMb = (file: string) => (statSync(file).size / 1e6).toFixed(0);
    const steps = stepTable(run.lines, upgradeMs, `Where the upgrade's time goes (${label}; the first step is the worker's start and open, then each migration has an equal share of 1000; `
      + `vault file ${v18Mb} MB before, ${sizeMb(path)} MB after)`);
    const rows: BenchRow[] = [
      {
        name: `vault upgrade v18 → v${SCHEMA_VERSION} (every pending migration, VaultUpgrade's ${WORKER_BUILD}), ${label}; same rows, search, pivots, analytics: yes`,
        value: upgradeMs, unit: 'ms', limit: limitMs, limitLabel: 'plain copy of alerts + entities + links, one transaction',
        goal: `< ${GOAL_MS.toLocaleString('en-US')} ms`, met: upgradeMs < GOAL_MS,
      },
      {
        name: `vault upgrade's peak RSS (its process: node, tsx, the worker and SQLite), ${label}`,
        value: peakRssMb, unit: 'MB', limit: rssBeforeMb, limitLabel: 'the same process before the upgrade', goal: '< 1,000 MB', met: peakRssMb < 1000,
      },
      {
        name: `kill -9 during the upgrade (after step ${kill.killedAt}), ${label}: still v18, integrity ok, same counts; the next upgrade completes: yes`,
        value: kill.resumedMs, unit: 'ms', limit: upgradeMs, limitLabel: 'the upgrade never killed', goal: 'rolls back, then completes', met: true,
      },
    ];
    return { rows, tables: [steps] };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
