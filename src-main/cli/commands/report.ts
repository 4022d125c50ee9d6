// vigil report INVESTIGATION-KEY --out FILE.pdf|FILE.html --data DIR --as USER: the investigation
// report, masked as the user sees it.
// vigil report --analytics [--from DATE] [--to DATE] [--tz ZONE] --out FILE.pdf|FILE.html: the
// analytics report of a range of local days (the 30 to today, UTC, when not given), as `vigil stats`.
// Both print the file's SHA-256 (also in the audit log).
import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { ReportFile, ReportFormat } from '../../../src-shared/report-contract';
import type { CliContext } from '../cli-context';
import { UsageError } from '../usage-error';

const RANGE_OPTIONS = ['from', 'to', 'tz'] as const;

export async function reportCommand(cli: CliContext): Promise<void> {
  const analytics = cli.command.options.analytics === true;
  const out = resolve(cli.requireOption('out'));
  const format = formatOf(out);
  let file: ReportFile;
  if (analytics) {
    if (cli.command.positionals.length > 0) throw new UsageError('--analytics reports on a range, not on an investigation: leave out the key');
    const client = await cli.signedIn();
    const from = cli.option('from');
    const to = cli.option('to');
    file = await client.invoke('reports.analytics', { timeZone: cli.option('tz') ?? 'UTC', format, ...(from ? { from } : {}), ...(to ? { to } : {}) });
  } else {
    const key = cli.positional(0, 'investigation key (INV-…), or --analytics');
    const rangeOption = RANGE_OPTIONS.find((name) => cli.option(name) !== undefined);
    if (rangeOption) throw new UsageError(`--${rangeOption} is for --analytics reports`);
    const client = await cli.signedIn();
    file = await client.invoke('reports.investigation', { investigationKey: key, format });
  }
  writeFileSync(out, Buffer.from(file.contentBase64, 'base64'), { mode: 0o600 });
  const { contentBase64: _content, ...summary } = file;
  cli.print(`Wrote ${out} (${file.sizeBytes} bytes${file.masked ? ', PII masked' : ''}), SHA-256 ${file.sha256}.`, { ...summary, path: out });
}

function formatOf(out: string): ReportFormat {
  const extension = extname(out).toLowerCase();
  if (extension !== '.pdf' && extension !== '.html') throw new UsageError('--out must name a .pdf or .html file');
  return extension === '.pdf' ? 'pdf' : 'html';
}
