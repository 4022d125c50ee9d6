// `npm run bench`: every benchmark, one table, each figure beside the limit measured in this run.
import { foundationBenchmarks } from './foundation.bench';
import { importBenchmarks } from './import.bench';
import { printBenchTable } from './bench-table';

const rows = [...(await foundationBenchmarks()), ...(await importBenchmarks())];
printBenchTable(rows);
const rss = process.memoryUsage().rss / 1024 / 1024;
process.stdout.write(`\npeak-ish RSS at the end: ${rss.toFixed(0)} MB; node ${process.version}; ${new Date().toISOString()}\n`);
