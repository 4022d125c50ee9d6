// vigil report INVESTIGATION-KEY --out FILE.pdf|FILE.html --data DIR --as USER: the investigation
// report, masked as the user sees it; prints the file's SHA-256 (also in the audit log).
import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import type { CliContext } from '../cli-context';
import { UsageError } from '../usage-error';

export async function reportCommand(cli: CliContext): Promise<void> {
  const key = cli.positional(0, 'investigation key (INV-…)');
  const out = resolve(cli.requireOption('out'));
  const extension = extname(out).toLowerCase();
  if (extension !== '.pdf' && extension !== '.html') throw new UsageError('--out must name a .pdf or .html file');
  const client = await cli.signedIn();
  const file = await client.invoke('reports.investigation', { investigationKey: key, format: extension === '.pdf' ? 'pdf' : 'html' });
  writeFileSync(out, Buffer.from(file.contentBase64, 'base64'), { mode: 0o600 });
  const { contentBase64: _content, ...summary } = file;
  cli.print(`Wrote ${out} (${file.sizeBytes} bytes${file.masked ? ', PII masked' : ''}), SHA-256 ${file.sha256}.`, { ...summary, path: out });
}
