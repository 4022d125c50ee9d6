// Writes imported alerts: idempotent by (source, external id), deduplicated by fingerprint, with
// their entities upserted and linked, and every change in the change log — all inside the caller's
// transaction, so an import commits whole or not at all.
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { RowContext } from '../store/row-context';
import type { EntityKind } from '../entities/entity-kinds';
import { alertFingerprint, DEFAULT_DEDUP, type DedupPolicy } from './fingerprint';

import type { Severity } from '../import/severity';

export type { Severity };

export interface AlertEntityInput {
  kind: EntityKind;
  /** Already normalised (entities/normalize.ts). */
  value: string;
  origin: 'mapped' | 'extracted';
}

export interface NewAlert {
  source: string;
  externalId: string;
  rule: string | null;
  title: string;
  description: string;
  severity: Severity;
  occurredAt: number;
  entities: readonly AlertEntityInput[];
  /** The entity the alert is about (its first mapped entity by default). */
  primaryEntity: AlertEntityInput | null;
  importId: string | null;
  raw: string | null;
}

export type WriteOutcome = 'inserted' | 'deduplicated' | 'already_imported';

const ALERT_FIELDS = ['source', 'external_id', 'rule', 'title', 'description', 'severity', 'status', 'fingerprint', 'occurred_at'];

export class AlertWriter {
  private readonly sightingExists;
  private readonly insertSighting;
  private readonly byFingerprint;
  private readonly insertAlert;
  private readonly bumpAlert;
  private readonly entityByValue;
  private readonly insertEntity;
  private readonly touchEntity;
  private readonly linkEntity;

  constructor(db: SqliteDatabase, private readonly context: RowContext, private readonly dedup: DedupPolicy = DEFAULT_DEDUP) {
    this.sightingExists = db.prepare<[string, string], { alert_id: string }>('SELECT alert_id FROM alert_sightings WHERE source = ? AND external_id = ?');
    this.insertSighting = db.prepare('INSERT INTO alert_sightings (source, external_id, alert_id, occurred_at) VALUES (?, ?, ?, ?)');
    this.byFingerprint = db.prepare<[string], { id: string }>('SELECT id FROM alerts WHERE fingerprint = ?');
    this.insertAlert = db.prepare(
      `INSERT INTO alerts (id, source, external_id, rule, title, description, severity, fingerprint, primary_entity_id,
         occurred_at, last_seen_at, import_id, raw, created_at, updated_at, updated_hlc, origin_device)
       VALUES (@id, @source, @externalId, @rule, @title, @description, @severity, @fingerprint, @primaryEntityId,
         @occurredAt, @occurredAt, @importId, @raw, @now, @now, @hlc, @device)`,
    );
    this.bumpAlert = db.prepare(
      `UPDATE alerts SET occurrences = occurrences + 1, last_seen_at = max(last_seen_at, ?), occurred_at = min(occurred_at, ?),
         updated_at = ?, updated_hlc = ?, origin_device = ? WHERE id = ?`,
    );
    this.entityByValue = db.prepare<[string, string], { id: string }>('SELECT id FROM entities WHERE kind = ? AND value = ?');
    this.insertEntity = db.prepare(
      `INSERT INTO entities (id, kind, value, first_seen_at, last_seen_at, created_at, updated_at, updated_hlc, origin_device)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.touchEntity = db.prepare(
      `UPDATE entities SET alert_count = alert_count + ?, first_seen_at = min(first_seen_at, ?), last_seen_at = max(last_seen_at, ?),
         updated_at = ?, updated_hlc = ?, origin_device = ? WHERE id = ?`,
    );
    this.linkEntity = db.prepare('INSERT OR IGNORE INTO alert_entities (alert_id, entity_id, origin) VALUES (?, ?, ?)');
  }

  write(alert: NewAlert): WriteOutcome {
    if (this.sightingExists.get(alert.source, alert.externalId)) return 'already_imported';
    const now = this.context.now();
    const primary = alert.primaryEntity ? `${alert.primaryEntity.kind}:${alert.primaryEntity.value}` : null;
    const fingerprint = alertFingerprint({ ...alert, primaryEntity: primary }, this.dedup);
    const existing = this.byFingerprint.get(fingerprint);
    if (existing) {
      const hlc = this.context.hlc();
      this.bumpAlert.run(alert.occurredAt, alert.occurredAt, now, hlc, this.context.deviceId, existing.id);
      this.context.changes.record('alerts', existing.id, ['occurrences', 'last_seen_at', 'occurred_at'], hlc);
      this.insertSighting.run(alert.source, alert.externalId, existing.id, alert.occurredAt);
      this.linkEntities(existing.id, alert, now);
      return 'deduplicated';
    }
    const id = uuidv7(now);
    const primaryEntityId = alert.primaryEntity ? this.upsertEntity(alert.primaryEntity, alert.occurredAt, now) : null;
    const hlc = this.context.hlc();
    this.insertAlert.run({
      id, source: alert.source, externalId: alert.externalId, rule: alert.rule, title: alert.title, description: alert.description,
      severity: alert.severity, fingerprint, primaryEntityId, occurredAt: alert.occurredAt, importId: alert.importId, raw: alert.raw,
      now, hlc, device: this.context.deviceId,
    });
    this.context.changes.record('alerts', id, ALERT_FIELDS, hlc);
    this.insertSighting.run(alert.source, alert.externalId, id, alert.occurredAt);
    this.linkEntities(id, alert, now);
    return 'inserted';
  }

  private linkEntities(alertId: string, alert: NewAlert, now: number): void {
    for (const entity of alert.entities) {
      const entityId = this.upsertEntity(entity, alert.occurredAt, now);
      const linked = this.linkEntity.run(alertId, entityId, entity.origin).changes;
      if (linked > 0) {
        const hlc = this.context.hlc();
        this.touchEntity.run(1, alert.occurredAt, alert.occurredAt, now, hlc, this.context.deviceId, entityId);
        this.context.changes.record('entities', entityId, ['alert_count', 'first_seen_at', 'last_seen_at'], hlc);
      }
    }
  }

  private upsertEntity(entity: AlertEntityInput, seenAt: number, now: number): string {
    const found = this.entityByValue.get(entity.kind, entity.value);
    if (found) return found.id;
    const id = uuidv7(now);
    const hlc = this.context.hlc();
    this.insertEntity.run(id, entity.kind, entity.value, seenAt, seenAt, now, now, hlc, this.context.deviceId);
    this.context.changes.record('entities', id, ['kind', 'value'], hlc);
    return id;
  }
}
