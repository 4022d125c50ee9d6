// Demo alerts written as the CSV an analyst would import: the columns the import wizard maps by default.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { NewAlert } from '../../src-main/alerts/alert-writer';

function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function entity(alert: NewAlert, kind: string): string {
  return alert.entities.find((e) => e.kind === kind)?.value ?? '';
}

export async function writeAlertCsv(path: string, alerts: Iterable<NewAlert>): Promise<number> {
  const out = createWriteStream(path);
  out.write('alert_id,timestamp,source,rule,title,description,severity,user,email,src_ip,device\n');
  let rows = 0;
  for (const a of alerts) {
    const line = [a.externalId, new Date(a.occurredAt).toISOString(), a.source, a.rule ?? '', a.title, a.description, a.severity,
      entity(a, 'account'), entity(a, 'email'), entity(a, 'ip'), entity(a, 'device')].map(csvField).join(',');
    if (!out.write(`${line}\n`)) await once(out, 'drain');
    rows += 1;
  }
  out.end();
  await once(out, 'finish');
  return rows;
}
