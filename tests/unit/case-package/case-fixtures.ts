// Two vaults for case-package tests: "A" with one investigation that has something in every table a
// package carries (and a canary string in its title, a note and an evidence file), and an empty "B".
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { SqliteDatabase } from '../../../src-main/store/database';
import { readInvestigation, RESTORED_TABLES } from '../../../src-main/investigations/investigation-restore';
import { openDatabase } from '../../../src-main/store/database';
import { MIGRATIONS } from '../../../src-main/store/migrations';
import { PRODUCTION_KDF } from '../../../src-main/vault/kdf';
import { deriveCaseKeys, newSalt } from '../../../src-main/case-package/package-keys';
import { sealPackage } from '../../../src-main/case-package/package-file';
import { collectInvestigation, writePayload } from '../../../src-main/case-package/package-payload';

export const CANARY = 'CANARY-q7Zx3-ring-of-five';
export const PASSPHRASE = 'a long shared case passphrase';

export const dbOf = (vault: TestVault): SqliteDatabase => vault.core.services.custody.vault.db;

export interface Made {
  vault: TestVault;
  admin: InProcessClient;
  /** Signed in from the command line: may name paths. */
  cli: InProcessClient;
  id: string;
  key: string;
  evidenceBytes: Buffer;
}

export async function cliClient(vault: TestVault): Promise<InProcessClient> {
  const cli = vault.client('cli');
  await cli.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
  return cli;
}

export async function vaultWithCase(): Promise<Made> {
  const vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  await admin.invoke('demo.generate', { alerts: 300, seed: 4, days: 5, investigations: 0 });
  // r3 folds into r1 (same detection, entity and hour): a sighting kept apart from the alerts (schema v23).
  const csv = join(vault.dir, 'reports.csv');
  writeFileSync(csv, 'id,title,severity,time,email\nr1,Login burst,high,2025-12-30T10:00:00Z,ring@example.com\nr2,Card testing,medium,2025-12-30T11:00:00Z,ring@example.com\nr3,Login burst,high,2025-12-30T10:30:00Z,ring@example.com\n');
  const cli = await cliClient(vault);
  await cli.invoke('alerts.importFile', { path: csv, source: 'reports' });
  const db = dbOf(vault);
  const ids = db.prepare<[], { id: string }>(
    'SELECT id FROM (SELECT id, occurred_at FROM alerts WHERE import_id IS NULL ORDER BY occurred_at LIMIT 13) UNION ALL SELECT id FROM alerts WHERE import_id IS NOT NULL',
  ).all().map((a) => a.id);
  const detail = await admin.invoke('alerts.promote', { selection: { ids }, investigation: { title: `Ring ${CANARY}`, templateId: 'fraud_ring' } });
  await admin.invoke('notes.add', { investigationId: detail.id, body: `Seen the same device on three accounts ${CANARY}` });
  await admin.invoke('findings.add', { investigationId: detail.id, title: 'Ring of five', body: 'Accounts share **one** device' });
  await admin.invoke('tasks.add', { investigationId: detail.id, title: 'Ask the payments team' });
  await admin.invoke('investigations.setStatus', { investigationId: detail.id, status: 'in_progress' });
  const evidenceBytes = Buffer.concat([randomBytes(1024 * 1024 + 777), Buffer.from(`plain text inside ${CANARY}`)]);
  const { uploadId, chunkBytes } = await admin.invoke('uploads.begin', { fileName: `capture-${CANARY}.png`, size: evidenceBytes.length });
  for (let offset = 0; offset < evidenceBytes.length; offset += chunkBytes) {
    await admin.invoke('uploads.chunk', { uploadId, offset, dataBase64: evidenceBytes.subarray(offset, offset + chunkBytes).toString('base64') });
  }
  const evidence = await admin.invoke('evidence.add', { investigationId: detail.id, uploadId, mediaType: 'image/png', description: 'profile' });
  await admin.invoke('evidence.view', { evidenceId: evidence.id });
  const targets = db.prepare<[string], { entity_id: string }>(
    `SELECT DISTINCT e.id AS entity_id FROM alerts a JOIN alert_entities ae ON ae.alert_rid = a.rid JOIN entities e ON e.rid = ae.entity_rid
     WHERE a.investigation_id = ? ORDER BY e.id LIMIT 2`,
  ).all(detail.id).map((t) => t.entity_id);
  await admin.invoke('actions.propose', { investigationId: detail.id, kind: 'warn_user', targetEntityIds: targets, reason: 'Shared device ring' });
  return { vault, admin, cli, id: detail.id, key: detail.key, evidenceBytes };
}

export async function emptyVault(): Promise<{ vault: TestVault; admin: InProcessClient; cli: InProcessClient }> {
  const vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  return { vault, admin, cli: await cliClient(vault) };
}

/** The investigation's rows per table without sync metadata (an import writes those afresh). */
export function snapshot(db: SqliteDatabase, key: string, options: { dropKey?: boolean } = {}): Record<string, string[]> {
  const { byTable } = readInvestigation(db, key);
  const out: Record<string, string[]> = {};
  for (const table of RESTORED_TABLES) {
    out[table] = byTable[table].map((row) => {
      const { updated_hlc: _hlc, origin_device: _device, ...rest } = row;
      if (options.dropKey && table === 'investigations') delete rest.key;
      return JSON.stringify(rest, (_k, v: unknown) => (Buffer.isBuffer(v) ? v.toString('hex') : v));
    }).sort();
  }
  return out;
}

export function rowsEverywhere(db: SqliteDatabase): { investigations: number; changes: number; custody: number; users: number; provenance: number } {
  const n = (sql: string) => (db.prepare<[], { n: number }>(sql).get()?.n ?? 0);
  return {
    investigations: n('SELECT count(*) AS n FROM investigations'),
    changes: n('SELECT count(*) AS n FROM change_log'),
    custody: n('SELECT count(*) AS n FROM evidence_custody'),
    users: n('SELECT count(*) AS n FROM users'),
    provenance: n('SELECT count(*) AS n FROM case_package_imports'),
  };
}

export function expectEveryTableFilled(snap: Record<string, string[]>): void {
  for (const table of RESTORED_TABLES) expect({ table, rows: snap[table]?.length ?? 0 }).not.toEqual({ table, rows: 0 });
}

/**
 * Seals the case as a Vigil with `schema` migrations would, or one claiming a newer schema, or someone
 * who knows the passphrase and changed the payload before sealing (the MAC is then valid).
 */
export async function sealAs(a: Made, target: string, options: { schema: number; claim?: number; alterPayload?: (db: SqliteDatabase) => void }): Promise<void> {
  const contents = collectInvestigation(dbOf(a.vault), a.key);
  const salt = newSalt();
  const keys = await deriveCaseKeys(PASSPHRASE, salt, PRODUCTION_KDF);
  const payloadPath = join(a.vault.dir, `${randomUUID()}.payload`);
  await writePayload(payloadPath, keys.database, contents, { migrations: MIGRATIONS.filter((m) => m.version <= options.schema) });
  if (options.claim !== undefined || options.alterPayload) {
    const db = openDatabase(payloadPath, { key: keys.database });
    if (options.claim !== undefined) db.pragma(`user_version = ${options.claim}`);
    options.alterPayload?.(db);
    db.pragma('journal_mode = DELETE');
    db.close();
  }
  const payload = readFileSync(payloadPath);
  await sealPackage({
    target, kdf: PRODUCTION_KDF, salt, keys, payloadPath,
    manifest: {
      format: 1, packageId: randomUUID(), investigationId: a.id, investigationKey: a.key, investigationTitle: 'Ring', exportedAt: 1,
      exportedBy: { userId: 'u', username: 'ada', displayName: 'Ada' }, vault: { id: 'v', name: 'Old vault' }, appVersion: '0.0.1',
      schemaVersion: options.claim ?? options.schema, rowCounts: contents.rowCounts, evidence: contents.evidence,
      payloadLength: payload.length, payloadSha256: createHash('sha256').update(payload).digest('hex'),
    },
  });
  keys.wipe();
}
