// vigil import FILE --source NAME [--format csv|ndjson|json] [--kind alerts|investigations] [--mapping FILE]
//   [--mode good-rows|all-or-nothing] [--time-zone ZONE] --data DIR --as USER [--json]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { VigilError } from '../../../src-shared/errors';
import type { CliContext } from '../cli-context';
import { UsageError } from '../usage-error';

const FORMATS = ['csv', 'ndjson', 'json'] as const;

function choice<T extends string>(value: string | undefined, allowed: readonly T[], name: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`--${name} is one of ${allowed.join(', ')}`);
  return value as T;
}

function readMapping(path: string | undefined): unknown {
  if (path === undefined) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new UsageError(`Cannot read the mapping profile ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export async function importCommand(cli: CliContext): Promise<void> {
  const file = resolve(cli.positional(0, 'FILE'));
  const kind = choice(cli.option('kind') ?? 'alerts', ['alerts', 'investigations'] as const, 'kind');
  const format = choice(cli.option('format'), FORMATS, 'format');
  const mode = choice(cli.option('mode') ?? 'all-or-nothing', ['good-rows', 'all-or-nothing'] as const, 'mode');
  const mapping = readMapping(cli.option('mapping'));
  const client = await cli.signedIn();
  const request = {
    path: file, source: cli.option('source') ?? 'import', mode: mode === 'good-rows' ? 'good_rows' as const : 'all_or_nothing' as const,
    ...(format ? { format } : {}), ...(mapping === undefined ? {} : { mapping }), timeZone: cli.option('time-zone') ?? 'UTC',
  };
  if (kind === 'investigations') {
    const cases = await client.invoke('investigations.importFile', request);
    const caseLines = [
      `${cases.committed ? 'Imported' : 'Imported nothing from'} ${file}: ${cases.read} rows read, ${cases.cases} cases, ${cases.imported} new investigations, ` +
        `${cases.updated} updated, ${cases.unchanged} unchanged, ${cases.rejected} rejected (${(cases.ms / 1000).toFixed(1)} s).`,
      ...cases.rejectedRows.slice(0, 20).map((r) => `  line ${r.line}: ${r.reason}`),
    ];
    if (cases.rejected > 20) caseLines.push(`  … and ${cases.rejected - 20} more (--json lists up to 10,000)`);
    if (!cases.committed) caseLines.push('Nothing was written. Fix the rows, or rerun with --mode good-rows to import the valid cases.');
    cli.print(caseLines.join('\n'), cases);
    if (!cases.committed) throw new VigilError('VALIDATION', 'Import refused: some rows are not valid', { reported: true });
    return;
  }
  const summary = await client.invoke('alerts.importFile', request);
  const lines = [
    `${summary.committed ? 'Imported' : 'Imported nothing from'} ${file}: ${summary.read} rows read, ${summary.imported} new alerts, ` +
      `${summary.deduplicated} folded into existing alerts, ${summary.duplicates} already imported, ${summary.rejected} rejected ` +
      `(${(summary.ms / 1000).toFixed(1)} s).`,
    ...summary.rejectedRows.slice(0, 20).map((r) => `  line ${r.line}: ${r.reason}`),
  ];
  if (summary.rejected > 20) lines.push(`  … and ${summary.rejected - 20} more (--json lists up to 10,000)`);
  if (!summary.committed) lines.push('Nothing was written. Fix the rows, or rerun with --mode good-rows to import the valid rows.');
  cli.print(lines.join('\n'), summary);
  if (!summary.committed) throw new VigilError('VALIDATION', 'Import refused: some rows are not valid', { reported: true });
}
