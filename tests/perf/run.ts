// `npm run bench`: every benchmark, one table, each figure beside the limit measured in this run.
// VIGIL_BENCH_ONLY=import runs only the import benchmark (and the backup benchmarks on its vault);
// VIGIL_BENCH_ONLY=forecast only the forecast benchmark; VIGIL_BENCH_ONLY=analytics only the analytics one;
// VIGIL_BENCH_ONLY=backup only the backup rows, on a vault filled with plain INSERTs (VIGIL_BENCH_ALERTS alerts);
// VIGIL_BENCH_ONLY=cli only the command's start-up (needs the build); VIGIL_BENCH_ONLY=migration only the upgrade of a
// v18 vault to the latest schema (200k alerts, VIGIL_BENCH_ALERTS overrides; the build's worker when built);
// VIGIL_BENCH_ONLY=health only the health sweep's event-loop hold (VIGIL_BENCH_AUDIT_ROWS audit rows, default 1M).
// VIGIL_BENCH_ONLY=security only the security monitoring over a 1M-row audit log (VIGIL_BENCH_AUDIT_ROWS overrides).
// VIGIL_BENCH_ONLY=sync only sync against a real server on SQLite and PostgreSQL (VIGIL_BENCH_SYNC_RECORDS, default 100k;
// VIGIL_BENCH_SYNC_BATCHES, default 10; VIGIL_BENCH_SYNC_DIALECTS=sqlite|postgres for one;
// VIGIL_BENCH_SYNC_PARTS=push|first-sync for one part).
import { foundationBenchmarks } from './foundation.bench';
import { importBenchmarks } from './import.bench';
import { backupAtScaleBenchmarks, backupBenchmarks } from './backup.bench';
import { forecastBenchmarks } from './forecast.bench';
import { analyticsBenchmarks } from './analytics.bench';
import { cliStartupBenchmarks } from './cli-startup.bench';
import { migrationBenchmarks } from './migration.bench';
import { healthBenchmarks } from './health.bench';
import { securityBenchmarks } from './security.bench';
import { syncBenchmarks } from './sync.bench';
import { printBenchTable, printTable } from './bench-table';

const only = process.env.VIGIL_BENCH_ONLY;
const foundation = only === undefined || only === 'foundation' ? await foundationBenchmarks() : [];
const imported = only === undefined || only === 'import' ? await importBenchmarks(backupBenchmarks) : { rows: [], tables: [] };
const atScale = only === 'backup' ? await backupAtScaleBenchmarks() : { rows: [], tables: [] };
const migrated = only === undefined || only === 'migration' ? await migrationBenchmarks() : { rows: [], tables: [] };
const rows = [
  ...foundation,
  ...imported.rows,
  ...atScale.rows,
  ...(only === undefined || only === 'forecast' ? forecastBenchmarks() : []),
  ...(only === undefined || only === 'analytics' ? await analyticsBenchmarks() : []),
  ...(only === undefined || only === 'cli' ? cliStartupBenchmarks() : []),
  ...migrated.rows,
  ...(only === undefined || only === 'health' ? await healthBenchmarks() : []),
  ...(only === undefined || only === 'security' ? await securityBenchmarks() : []),
  ...(only === undefined || only === 'sync' ? await syncBenchmarks() : []),
];
printBenchTable(rows);
for (const table of [...imported.tables, ...atScale.tables, ...migrated.tables]) printTable(table);
const rss = process.memoryUsage().rss / 1024 / 1024;
process.stdout.write(`\npeak-ish RSS at the end: ${rss.toFixed(0)} MB; node ${process.version}; ${new Date().toISOString()}\n`);
