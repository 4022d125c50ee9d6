// vigil export alerts|investigations [filters] --format csv|json --out FILE, and
// vigil export investigation KEY --format csv|json --out FILE: the same exporters (and channels) as
// the app's Export buttons, so the file is masked through the user's lens and the export audited.
// The row count is checked first: above the cap the command refuses unless --limit takes the newest
// N on purpose, so a script never receives a cut file it believes whole.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXPORT_ROW_CAP } from '../../../src-shared/limits';
import { VigilError } from '../../../src-shared/errors';
import { ALERT_STATUSES, SEVERITIES } from '../../../src-shared/model';
import { INVESTIGATION_STATUSES, type ExportFile } from '../../../src-shared/workspace-model';
import type { TypedClient } from '../../../src-shared/typed-client';
import type { CliContext } from '../cli-context';
import { UsageError } from '../usage-error';

type Format = 'csv' | 'json';

function formatOf(cli: CliContext): Format {
  const format = cli.requireOption('format');
  if (format !== 'csv' && format !== 'json') throw new UsageError('--format is csv or json');
  return format;
}

/** `--severity high,critical` → ['high', 'critical'], each checked against the allowed words. */
function listOption<T extends string>(cli: CliContext, name: string, allowed: readonly T[]): T[] | undefined {
  const text = cli.option(name);
  if (text === undefined) return undefined;
  const values = text.split(',').map((v) => v.trim()).filter((v) => v !== '');
  const wrong = values.find((v) => !(allowed as readonly string[]).includes(v));
  if (wrong !== undefined || values.length === 0) throw new UsageError(`--${name} takes a comma-separated list of: ${allowed.join(', ')}`);
  return values as T[];
}

/** A date (YYYY-MM-DD, UTC) or an ISO instant, as ms. A bare --to date includes that whole day. */
function instantOption(cli: CliContext, name: 'from' | 'to'): number | undefined {
  const text = cli.option(name);
  if (text === undefined) return undefined;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  const ms = Date.parse(dateOnly ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) throw new UsageError(`--${name} takes a date (YYYY-MM-DD, UTC) or an ISO time`);
  return dateOnly && name === 'to' ? ms + 86_400_000 : ms;
}

function limitOption(cli: CliContext): number | undefined {
  const text = cli.option('limit');
  if (text === undefined) return undefined;
  const limit = Number(text);
  if (!Number.isInteger(limit) || limit < 1 || limit > EXPORT_ROW_CAP) throw new UsageError(`--limit is a whole number from 1 to ${EXPORT_ROW_CAP}`);
  return limit;
}

/** The rows this export will write; refuses when more match than the cap and no --limit chose a cut. */
export function plannedRows(what: string, matched: number, limit: number | undefined): number {
  if (limit !== undefined) return Math.min(limit, matched);
  if (matched > EXPORT_ROW_CAP) {
    throw new VigilError('VALIDATION', `${matched.toLocaleString('en-US')} ${what} match, more than the ${EXPORT_ROW_CAP.toLocaleString('en-US')} one export holds; `
      + `narrow the filter, or pass --limit ${EXPORT_ROW_CAP} to take the newest ${EXPORT_ROW_CAP.toLocaleString('en-US')}`, { matched, cap: EXPORT_ROW_CAP });
  }
  return matched;
}

function write(cli: CliContext, out: string, what: string, file: ExportFile): void {
  // Owner-only: the file may hold PII.
  writeFileSync(out, file.content, { mode: 0o600 });
  const { content: _content, ...summary } = file;
  const of = file.matched !== undefined && file.matched > file.rows ? ` of ${file.matched} matching` : '';
  cli.print(`Wrote ${file.rows} ${what}${of} to ${out}${file.masked ? ' (PII masked)' : ''}.`, { ...summary, path: out });
}

async function investigationIdOf(client: TypedClient, key: string): Promise<string> {
  const page = await client.invoke('investigations.list', { text: key, limit: 200 });
  const found = page.rows.find((r) => r.key.toLowerCase() === key.toLowerCase());
  if (!found) throw new VigilError('NOT_FOUND', `No investigation ${key}`);
  return found.id;
}

export async function exportCommand(cli: CliContext): Promise<void> {
  const what = cli.positional(0, 'what to export: alerts, investigations or investigation KEY');
  const format = formatOf(cli);
  const out = resolve(cli.requireOption('out'));
  const limit = limitOption(cli);
  switch (what) {
    case 'alerts': {
      const status = listOption(cli, 'status', ALERT_STATUSES);
      const severity = listOption(cli, 'severity', SEVERITIES);
      const source = cli.option('source');
      const from = instantOption(cli, 'from');
      const to = instantOption(cli, 'to');
      const filter = {
        ...(status ? { status } : {}), ...(severity ? { severity } : {}), ...(source ? { source } : {}),
        ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}),
      };
      const client = await cli.signedIn({ readOnly: true });
      const { count } = await client.invoke('alerts.count', filter);
      const rows = plannedRows('alerts', count, limit);
      write(cli, out, 'alerts', await client.invoke('exports.alerts', { filter, format, limit: Math.max(rows, 1) }));
      return;
    }
    case 'investigations': {
      const status = listOption(cli, 'status', INVESTIGATION_STATUSES);
      const severity = listOption(cli, 'severity', SEVERITIES);
      const filter = { ...(status ? { status } : {}), ...(severity ? { severity } : {}) };
      const client = await cli.signedIn({ readOnly: true });
      const { total } = await client.invoke('investigations.list', { ...filter, limit: 1 });
      const rows = plannedRows('investigations', total, limit);
      write(cli, out, 'investigations', await client.invoke('exports.investigations', { filter, format, limit: Math.max(rows, 1) }));
      return;
    }
    case 'investigation': {
      const key = cli.positional(1, 'investigation key (INV-…)');
      const client = await cli.signedIn({ readOnly: true });
      const investigationId = await investigationIdOf(client, key);
      write(cli, out, `records of ${key}`, await client.invoke('exports.investigation', { investigationId, format }));
      return;
    }
    default:
      throw new UsageError(`Unknown export "${what}": alerts, investigations or investigation KEY`);
  }
}
