// vigil compliance --data DIR --as USER [--json] [--out FILE.pdf|FILE.html]: every compliance control
// evaluated now (docs/COMPLIANCE.md), printed as a table or, with --json, as the evaluation itself;
// with --out, the report file too. Exit 1 when a control fails or could not run, so a scheduled
// script can alert on it; not applicable and not evaluated are not failures (their reason says why).
import { writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { STATUS_LABELS } from '../../../src-shared/compliance-format';
import { VigilError } from '../../../src-shared/errors';
import type { CliContext } from '../cli-context';
import { formatTable } from '../table';
import { UsageError } from '../usage-error';

export async function complianceCommand(cli: CliContext): Promise<void> {
  const outOption = cli.option('out');
  const out = outOption ? resolve(outOption) : null;
  const format = out ? formatOf(out) : null;
  const client = await cli.signedIn();
  const evaluation = await client.invoke('compliance.evaluate', {});
  const { counts } = evaluation;
  const rows = evaluation.controls.map((control) => [control.id, STATUS_LABELS[control.status], control.reason]);
  let wrote = '';
  if (out && format) {
    const file = await client.invoke('compliance.exportReport', { format });
    writeFileSync(out, Buffer.from(file.contentBase64, 'base64'), { mode: 0o600 });
    wrote = `\nWrote ${out} (${file.sizeBytes} bytes), SHA-256 ${file.sha256}.`;
  }
  const head = evaluation.auditHead ? `audit head #${evaluation.auditHead.seq} ${evaluation.auditHead.hash}` : 'empty audit log';
  cli.print(
    `${formatTable(['control', 'status', 'why'], rows)}\n${counts.pass} pass, ${counts.fail} fail, ${counts.error} error, `
      + `${counts.not_applicable} not applicable, ${counts.not_evaluated} not evaluated; ${head}.${wrote}`,
    evaluation,
  );
  if (counts.fail + counts.error > 0) {
    throw new VigilError('CONFLICT', `${counts.fail + counts.error} compliance controls are not met`, { reported: true });
  }
}

function formatOf(out: string): 'pdf' | 'html' {
  const extension = extname(out).toLowerCase();
  if (extension !== '.pdf' && extension !== '.html') throw new UsageError('--out must name a .pdf or .html file');
  return extension === '.pdf' ? 'pdf' : 'html';
}
