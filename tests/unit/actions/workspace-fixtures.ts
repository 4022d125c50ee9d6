// Rows the evidence, action, search and export tests stand on, written straight into the open
// vault: an investigation, entities and alerts that mention them. The channels that create these
// belong to other areas and have their own tests; here they are only the ground.
import { randomUUID } from 'node:crypto';
import type { SqliteDatabase } from '../../../src-main/store/database';
import type { EntityKind } from '../../../src-main/entities/entity-kinds';
import type { InvestigationStatus } from '../../../src-shared/workspace-model';
import type { TestVault } from '../support/test-core';

export function vaultDb(vault: TestVault): SqliteDatabase {
  return vault.core.services.custody.vault.db;
}

let keys = 0;

export function insertInvestigation(
  db: SqliteDatabase,
  fields: { title?: string; summary?: string; status?: InvestigationStatus; severity?: string } = {},
): string {
  const id = randomUUID();
  const status = fields.status ?? 'open';
  keys += 1;
  db.prepare(
    `INSERT INTO investigations (id, key, title, summary, status, severity, opened_at, closed_at, created_at, updated_at, updated_hlc, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, 1, ?, 1, 1, '', 'test')`,
  ).run(id, `INV-2026-${String(9000 + keys).padStart(4, '0')}-${id.slice(0, 4)}`, fields.title ?? 'Test case', fields.summary ?? '', status, fields.severity ?? 'high', status === 'closed' ? 2 : null);
  return id;
}

export function insertEntity(db: SqliteDatabase, kind: EntityKind, value: string): string {
  const id = randomUUID();
  db.prepare(
    `INSERT INTO entities (id, kind, value, first_seen_at, last_seen_at, created_at, updated_at, updated_hlc, origin_device)
     VALUES (?, ?, ?, 1, 1, 1, 1, '', 'test')`,
  ).run(id, kind, value);
  return id;
}

export function insertAlert(
  db: SqliteDatabase,
  fields: { title: string; description?: string; entityIds?: string[]; severity?: string; source?: string; status?: string; investigationId?: string; occurredAt?: number },
): string {
  const id = randomUUID();
  db.prepare(
    `INSERT INTO alerts (id, source, title, description, severity, status, investigation_id, fingerprint, occurred_at, last_seen_at, created_at, updated_at, updated_hlc, origin_device)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, '', 'test')`,
  ).run(id, fields.source ?? 'reports', fields.title, fields.description ?? '', fields.severity ?? 'medium', fields.status ?? 'new',
    fields.investigationId ?? null, randomUUID(), fields.occurredAt ?? 1000, fields.occurredAt ?? 1000);
  for (const entityId of fields.entityIds ?? []) {
    db.prepare(`INSERT INTO alert_entities (alert_rid, entity_rid, origin)
      SELECT a.rid, e.rid, 0 FROM alerts a, entities e WHERE a.id = ? AND e.id = ?`).run(id, entityId);
  }
  return id;
}

export function insertNote(db: SqliteDatabase, investigationId: string, body: string): string {
  const id = randomUUID();
  db.prepare(
    `INSERT INTO notes (id, investigation_id, body, created_at, updated_at, updated_hlc, origin_device) VALUES (?, ?, ?, 1, 1, '', 'test')`,
  ).run(id, investigationId, body);
  return id;
}

export function insertFinding(db: SqliteDatabase, investigationId: string, title: string, body: string): string {
  const id = randomUUID();
  db.prepare(
    `INSERT INTO findings (id, investigation_id, title, body, created_at, updated_at, updated_hlc, origin_device) VALUES (?, ?, ?, ?, 1, 1, '', 'test')`,
  ).run(id, investigationId, title, body);
  return id;
}
