// Prints benchmark rows as a table: each measurement beside the limit measured in the same run.
// Tables are Markdown, so docs/PERFORMANCE.md can quote a run as printed.

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  /** The physical or baseline limit measured in this run (raw SQLite, a direct call, a file copy). */
  limit: number | null;
  limitLabel: string;
  /** Human statement of the goal, e.g. "≤ 1.25×" or "< 1 ms". */
  goal: string;
  met: boolean | null;
}

/** A table printed under the bench table (e.g. where the vault's bytes go), as rows of text cells. */
export interface BenchTable {
  title: string;
  headers: string[];
  rows: string[][];
}

export function printBenchTable(rows: BenchRow[]): void {
  printTable({
    title: '',
    headers: ['measurement', 'value', 'limit', 'ratio', 'goal', 'met'],
    rows: rows.map((r) => [
      r.name,
      `${formatNumber(r.value)} ${r.unit}`,
      r.limit === null ? '—' : `${formatNumber(r.limit)} ${r.unit} (${r.limitLabel})`,
      r.limit === null || r.limit === 0 ? '—' : `${(r.value / r.limit).toFixed(2)}×`,
      r.goal,
      r.met === null ? '—' : r.met ? 'yes' : 'NO',
    ]),
  });
}

export function printTable(table: BenchTable): void {
  const widths = table.headers.map((h, i) => Math.max(h.length, ...table.rows.map((cells) => (cells[i] ?? '').length)));
  const line = (cells: string[]) => `| ${widths.map((w, i) => (cells[i] ?? '').padEnd(w)).join(' | ')} |\n`;
  if (table.title) process.stdout.write(`\n${table.title}\n\n`);
  process.stdout.write(line(table.headers) + line(widths.map((w) => '-'.repeat(w))));
  for (const cells of table.rows) process.stdout.write(line(cells));
}

export function formatNumber(value: number): string {
  if (value >= 1000) return Math.round(value).toLocaleString('en-US');
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(3);
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
