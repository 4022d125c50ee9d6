// Vaults for the sync client's tests: signed in, with a hand-driven clock, and the writes a user makes
// in a day (an investigation, edits, a note, a task, an import, a verdict, evidence).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signedInVault, type SignedInVault } from '../../support/signed-in-vault';

export type SyncVault = SignedInVault;

export { signedInVault };

const T0 = Date.UTC(2026, 4, 1);

/** Imports `count` alerts (three users, so entities are shared) and returns their ids in time order. */
export async function importAlerts(v: SyncVault, name: string, count: number): Promise<string[]> {
  const lines = ['alert_id,timestamp,rule,title,severity,user,src_ip', ...Array.from({ length: count }, (_, i) =>
    `${name}-${i},${new Date(T0 + i * 5_400_000).toISOString()},rule-${i % 2},Seen ${name} ${i},high,user-${i % 3},198.51.100.${i % 256}`)];
  const path = join(v.vault.dir, `${name}.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  await v.cli.invoke('alerts.importFile', { path, source: 'siem', mode: 'good_rows', timeZone: 'UTC' });
  return (v.db().prepare("SELECT id FROM alerts WHERE external_id LIKE ? ORDER BY occurred_at").all(`${name}-%`) as { id: string }[]).map((r) => r.id);
}

export async function addEvidence(v: SyncVault, investigationId: string, text: string): Promise<void> {
  const bytes = Buffer.from(text);
  const { uploadId } = await v.cli.invoke('uploads.begin', { fileName: 'note.txt', size: bytes.length });
  await v.cli.invoke('uploads.chunk', { uploadId, offset: 0, dataBase64: bytes.toString('base64') });
  await v.cli.invoke('evidence.add', { investigationId, uploadId, mediaType: 'text/plain', description: text });
}

/** A day's work, each write a minute after the last: returns the investigation's, note's and task's ids and the alerts. */
export async function aDaysWork(v: SyncVault): Promise<{ investigationId: string; taskId: string; alertIds: string[] }> {
  const tick = () => v.vault.clock.advance(60_000);
  const created = await v.cli.invoke('investigations.create', { title: 'First title' });
  tick();
  await v.cli.invoke('investigations.update', { investigationId: created.id, title: 'Second title' });
  tick();
  await v.cli.invoke('notes.add', { investigationId: created.id, body: 'Three accounts share one device' });
  tick();
  const task = await v.cli.invoke('tasks.add', { investigationId: created.id, title: 'Ask the payments team' });
  tick();
  const alertIds = await importAlerts(v, 'day', 6);
  tick();
  await v.cli.invoke('alerts.bulk', { selection: { ids: alertIds.slice(0, 2) }, action: { kind: 'acknowledge' } });
  tick();
  await v.cli.invoke('alerts.bulk', { selection: { ids: alertIds.slice(2, 3) }, action: { kind: 'dismiss', reason: 'benign' } });
  tick();
  return { investigationId: created.id, taskId: task.id, alertIds };
}
