// Prints benchmark rows as a table: each measurement beside the limit measured in the same run.

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

export function printBenchTable(rows: BenchRow[]): void {
  const lines = rows.map((r) => ({
    measurement: r.name,
    value: `${format(r.value)} ${r.unit}`,
    limit: r.limit === null ? '—' : `${format(r.limit)} ${r.unit} (${r.limitLabel})`,
    ratio: r.limit === null || r.limit === 0 ? '—' : `${(r.value / r.limit).toFixed(2)}×`,
    goal: r.goal,
    met: r.met === null ? '—' : r.met ? 'yes' : 'NO',
  }));
  const headers = Object.keys(lines[0] ?? {}) as (keyof (typeof lines)[number])[];
  const widths = headers.map((h) => Math.max(h.length, ...lines.map((l) => l[h].length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  process.stdout.write(`${row(headers)}\n${row(widths.map((w) => '-'.repeat(w)))}\n`);
  for (const line of lines) process.stdout.write(`${row(headers.map((h) => line[h]))}\n`);
}

function format(value: number): string {
  if (value >= 1000) return Math.round(value).toLocaleString('en-US');
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(3);
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
