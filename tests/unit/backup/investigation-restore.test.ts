// Restoring one investigation from a backup: after its rows are gone from the live vault, it comes
// back row for row (alerts, links, sightings, entities, evidence bytes and custody, notes, findings,
// tasks, actions and targets), every restored row change-logged; a second run changes nothing; a
// different investigation holding the same key is refused and nothing is written.
import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { SqliteDatabase } from '../../../src-main/store/database';
import { readInvestigation, RESTORED_TABLES } from '../../../src-main/investigations/investigation-restore';

let vault: TestVault;
afterEach(() => vault?.dispose());

const db = (): SqliteDatabase => vault.core.services.custody.vault.db;

interface Made {
  admin: InProcessClient;
  id: string;
  key: string;
  backupFile: string;
}

/** A vault with one investigation that has something in every table a restore copies, and a backup of it. */
async function investigationWithEverything(): Promise<Made> {
  vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  await admin.invoke('demo.generate', { alerts: 600, seed: 4, days: 5, investigations: 0 });
  // Two alerts from a file import too, so the import record they point to comes back with them; r3
  // folds into r1 (same detection, entity and hour), a sighting kept apart from the alerts (schema v23).
  const csv = join(vault.dir, 'reports.csv');
  writeFileSync(csv, 'id,title,severity,time,email\nr1,Login burst,high,2025-12-30T10:00:00Z,ring@example.com\nr2,Card testing,medium,2025-12-30T11:00:00Z,ring@example.com\nr3,Login burst,high,2025-12-30T10:30:00Z,ring@example.com\n');
  const cli = vault.client('cli');
  await cli.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
  await cli.invoke('alerts.importFile', { path: csv, source: 'reports' });
  const ids = db().prepare<[], { id: string }>(
    'SELECT id FROM (SELECT id, occurred_at FROM alerts WHERE import_id IS NULL ORDER BY occurred_at LIMIT 23) UNION ALL SELECT id FROM alerts WHERE import_id IS NOT NULL',
  ).all().map((a) => a.id);
  expect(ids).toHaveLength(25);
  const detail = await admin.invoke('alerts.promote', { selection: { ids }, investigation: { title: 'Restore me', templateId: 'fraud_ring' } });
  await admin.invoke('notes.add', { investigationId: detail.id, body: 'Seen the same device on three accounts' });
  await admin.invoke('findings.add', { investigationId: detail.id, title: 'Ring of five', body: 'Accounts share **one** device' });
  await admin.invoke('tasks.add', { investigationId: detail.id, title: 'Ask the payments team' });
  await admin.invoke('investigations.setStatus', { investigationId: detail.id, status: 'in_progress' });
  const bytes = randomBytes(1024 * 1024 + 777);
  const { uploadId, chunkBytes } = await admin.invoke('uploads.begin', { fileName: 'capture.png', size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    await admin.invoke('uploads.chunk', { uploadId, offset, dataBase64: bytes.subarray(offset, offset + chunkBytes).toString('base64') });
  }
  const evidence = await admin.invoke('evidence.add', { investigationId: detail.id, uploadId, mediaType: 'image/png', description: 'profile' });
  await admin.invoke('evidence.view', { evidenceId: evidence.id });
  const targets = db().prepare<[string], { entity_id: string }>(
    `SELECT DISTINCT e.id AS entity_id FROM alerts a JOIN alert_entities ae ON ae.alert_rid = a.rid JOIN entities e ON e.rid = ae.entity_rid
     WHERE a.investigation_id = ? ORDER BY e.id LIMIT 2`,
  ).all(detail.id).map((t) => t.entity_id);
  await admin.invoke('actions.propose', { investigationId: detail.id, kind: 'warn_user', targetEntityIds: targets, reason: 'Shared device ring' });
  const backup = await admin.invoke('backup.create', {});
  return { admin, id: detail.id, key: detail.key, backupFile: backup.fileName };
}

/** The investigation's rows per table, without sync metadata (a restore writes those afresh). */
function snapshot(key: string): Record<string, string[]> {
  const { byTable } = readInvestigation(db(), key);
  const out: Record<string, string[]> = {};
  for (const table of RESTORED_TABLES) {
    out[table] = byTable[table].map((row) => {
      const { updated_hlc: _hlc, origin_device: _device, ...rest } = row;
      return JSON.stringify(rest, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v));
    }).sort();
  }
  return out;
}

/** Deletes the investigation's rows by hand (append-only triggers dropped for the moment), and entities only it used. */
function deleteByHand(id: string): void {
  const live = db();
  const triggers = live.prepare<[], { name: string; sql: string }>("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%no_delete'").all();
  live.pragma('foreign_keys = OFF');
  live.transaction(() => {
    for (const t of triggers) live.exec(`DROP TRIGGER "${t.name}"`);
    const alerts = `SELECT rid FROM alerts WHERE investigation_id = '${id}'`;
    const onlyHere = `SELECT e.id AS entity_id FROM alert_entities ae JOIN entities e ON e.rid = ae.entity_rid WHERE ae.alert_rid IN (${alerts})
      EXCEPT SELECT e.id FROM alert_entities ae JOIN entities e ON e.rid = ae.entity_rid WHERE ae.alert_rid NOT IN (${alerts})
      EXCEPT SELECT primary_entity_id FROM alerts WHERE investigation_id IS NOT '${id}' AND primary_entity_id IS NOT NULL`;
    live.exec(`
      CREATE TEMP TABLE gone AS ${onlyHere};
      DELETE FROM action_targets WHERE action_id IN (SELECT id FROM actions WHERE investigation_id = '${id}');
      DELETE FROM actions WHERE investigation_id = '${id}';
      DELETE FROM evidence_custody WHERE evidence_id IN (SELECT id FROM evidence WHERE investigation_id = '${id}');
      DELETE FROM evidence_blobs WHERE evidence_id IN (SELECT id FROM evidence WHERE investigation_id = '${id}');
      DELETE FROM evidence WHERE investigation_id = '${id}';
      DELETE FROM imports WHERE id IN (SELECT import_id FROM alerts WHERE investigation_id = '${id}');
      DELETE FROM alert_entities WHERE alert_rid IN (${alerts});
      DELETE FROM alert_sightings WHERE alert_id IN (SELECT id FROM alerts WHERE investigation_id = '${id}');
      DELETE FROM alerts WHERE investigation_id = '${id}';
      DELETE FROM entities WHERE id IN (SELECT entity_id FROM gone);
      DROP TABLE gone;
      DELETE FROM investigation_alert_additions WHERE investigation_id = '${id}';
      DELETE FROM investigation_status_log WHERE investigation_id = '${id}';
      DELETE FROM notes WHERE investigation_id = '${id}';
      DELETE FROM findings WHERE investigation_id = '${id}';
      DELETE FROM tasks WHERE investigation_id = '${id}';
      DELETE FROM investigations WHERE id = '${id}';
    `);
    for (const t of triggers) live.exec(t.sql);
  })();
  live.pragma('foreign_keys = ON');
}

const changeLogSize = () => db().prepare<[], { n: number }>('SELECT count(*) AS n FROM change_log').get()?.n ?? 0;

describe('restoring one investigation from a backup', () => {
  it('brings back every row of it, row for row, each change-logged, and records it in the audit log', async () => {
    const made = await investigationWithEverything();
    const before = snapshot(made.key);
    for (const table of RESTORED_TABLES) expect({ table, rows: before[table]?.length ?? 0 }).not.toEqual({ table, rows: 0 });
    const otherEntities = db().prepare('SELECT count(*) AS n FROM entities').get() as { n: number };
    deleteByHand(made.id);
    expect(db().prepare('SELECT count(*) AS n FROM investigations WHERE id = ?').get(made.id)).toEqual({ n: 0 });
    expect((db().prepare('SELECT count(*) AS n FROM entities').get() as { n: number }).n).toBeLessThan(otherEntities.n);

    const outcome = await made.admin.invoke('backup.restoreInvestigation', { fileName: made.backupFile, investigationKey: made.key });

    expect(outcome).toMatchObject({ investigationKey: made.key, investigationId: made.id, restoredFrom: made.backupFile, alertsHeldElsewhere: 0 });
    expect(snapshot(made.key)).toEqual(before);
    expect(db().prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    // Every restored row with an id carries a fresh HLC, and change_log has that very change.
    for (const table of ['investigations', 'notes', 'findings', 'tasks', 'alerts', 'evidence', 'evidence_custody', 'actions'] as const) {
      const rows = db().prepare(
        `SELECT t.id, t.updated_hlc FROM ${table} t WHERE NOT EXISTS (SELECT 1 FROM change_log c WHERE c.table_name = ? AND c.row_id = t.id AND c.hlc = t.updated_hlc)
           AND t.id IN (${table === 'investigations' ? 'SELECT ?' : table === 'evidence_custody' ? 'SELECT id FROM evidence_custody WHERE evidence_id IN (SELECT id FROM evidence WHERE investigation_id = ?)' : `SELECT id FROM ${table} WHERE investigation_id = ?`})`,
      ).all(table, made.id);
      expect({ table, unlogged: rows }).toEqual({ table, unlogged: [] });
    }
    expect(outcome.restored.alerts).toBe(25);
    // The restored evidence still verifies against the hash recorded at import.
    const [evidence] = await made.admin.invoke('evidence.list', { investigationId: made.id });
    expect(await made.admin.invoke('evidence.verify', { evidenceId: evidence?.id ?? '' })).toMatchObject({ ok: true });
    const audit = db().prepare<[], { action: string; target: string; outcome: string; details: string }>(
      "SELECT action, target, outcome, details FROM audit_log WHERE action = 'backup.restoreInvestigation' ORDER BY seq DESC LIMIT 1",
    ).get();
    expect(audit).toMatchObject({ target: made.key, outcome: 'success' });
    expect(JSON.parse(audit?.details ?? '{}')).toMatchObject({ summary: `investigation ${made.key} restored from backup ${made.backupFile}` });
  }, 60_000);

  it('changes nothing the second time', async () => {
    const made = await investigationWithEverything();
    deleteByHand(made.id);
    await made.admin.invoke('backup.restoreInvestigation', { fileName: made.backupFile, investigationKey: made.key });
    const after = snapshot(made.key);
    const logged = changeLogSize();
    const hlcs = db().prepare('SELECT id, updated_hlc FROM alerts WHERE investigation_id = ? ORDER BY id').all(made.id);

    const again = await made.admin.invoke('backup.restoreInvestigation', { fileName: made.backupFile, investigationKey: made.key });

    expect(Object.values(again.restored).every((n) => n === 0)).toBe(true);
    expect(again.alreadyPresent.alerts).toBe(25);
    expect(snapshot(made.key)).toEqual(after);
    expect(changeLogSize()).toBe(logged);
    expect(db().prepare('SELECT id, updated_hlc FROM alerts WHERE investigation_id = ? ORDER BY id').all(made.id)).toEqual(hlcs);
  }, 60_000);

  it('brings back only the missing rows of an investigation the vault still has, leaving newer edits alone', async () => {
    const made = await investigationWithEverything();
    await made.admin.invoke('investigations.update', { investigationId: made.id, title: 'Renamed after the backup' });
    db().exec(`DROP TRIGGER notes_no_delete; DELETE FROM notes WHERE investigation_id = '${made.id}'`);

    const outcome = await made.admin.invoke('backup.restoreInvestigation', { fileName: made.backupFile, investigationKey: made.key });

    expect(outcome.restored.notes).toBe(1);
    expect(outcome.restored.investigations).toBe(0);
    expect(outcome.restored.alerts).toBe(0);
    expect((await made.admin.invoke('investigations.get', { investigationId: made.id })).title).toBe('Renamed after the backup');
    expect((await made.admin.invoke('notes.list', { investigationId: made.id })).map((n) => n.body)).toEqual(['Seen the same device on three accounts']);
  }, 60_000);

  it('refuses, writing nothing, when the vault has a different investigation under the same key', async () => {
    const made = await investigationWithEverything();
    deleteByHand(made.id);
    const other = await made.admin.invoke('investigations.create', { title: 'Someone else' });
    db().prepare('UPDATE investigations SET key = ? WHERE id = ?').run(made.key, other.id);
    const logged = changeLogSize();

    const refused = await vault.core.router.invoke('backup.restoreInvestigation', { fileName: made.backupFile, investigationKey: made.key }, made.admin.caller);

    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(!refused.ok && refused.error.message).toContain(`already has an investigation ${made.key}`);
    expect(changeLogSize()).toBe(logged);
    expect(db().prepare('SELECT count(*) AS n FROM alerts WHERE investigation_id = ?').get(made.id)).toEqual({ n: 0 });
    const audit = db().prepare("SELECT outcome FROM audit_log WHERE action = 'backup.restoreInvestigation' ORDER BY seq DESC LIMIT 1").get();
    expect(audit).toEqual({ outcome: 'failure' });
  }, 60_000);

  it('says which key a backup does not have', async () => {
    const made = await investigationWithEverything();
    const missing = await vault.core.router.invoke('backup.restoreInvestigation', { fileName: made.backupFile, investigationKey: 'INV-1999-0001' }, made.admin.caller);
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'The backup has no investigation INV-1999-0001' } });
  }, 60_000);
});
