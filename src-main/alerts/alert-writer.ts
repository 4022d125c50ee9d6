// Writes imported alerts: idempotent by (source, external id), deduplicated by fingerprint, with
// their entities upserted and linked, and every change in the change log — all inside the caller's
// transaction, so an import commits whole or not at all.
//
// Speed: an import touches the same entities over and over, so entity ids are cached and each
// entity's derived counters (alert_count, first/last seen) are summed in memory and written once
// per entity by flush(), which the caller runs before committing. Those counters are derived from
// alert_entities and are not change-logged; the links travel with their alert's change record.
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { RowContext } from '../store/row-context';
import type { EntityKind } from '../entities/entity-kinds';
import { alertFingerprint, DEFAULT_DEDUP, type DedupPolicy } from './fingerprint';

import type { Severity } from '../../src-shared/model';

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

const ALERT_FIELDS = ['source', 'external_id', 'rule', 'title', 'description', 'severity', 'status', 'fingerprint', 'occurred_at', 'entities'];

/** Memory bounds: past these the id cache is dropped and the pending counters are written out. */
const MAX_CACHED_ENTITY_IDS = 200_000;
const MAX_PENDING_STATS = 100_000;

interface EntityStats {
  links: number;
  firstSeen: number;
  lastSeen: number;
}

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
  private readonly entityIds = new Map<string, string>();
  private readonly pendingStats = new Map<string, EntityStats>();

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
      this.context.changes.record('alerts', existing.id, ['occurrences', 'last_seen_at', 'occurred_at', 'entities'], hlc);
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

  /** Writes the summed entity counters. Run it before the transaction commits. */
  flush(): void {
    const now = this.context.now();
    for (const [entityId, stats] of this.pendingStats) {
      this.touchEntity.run(stats.links, stats.firstSeen, stats.lastSeen, now, this.context.hlc(), this.context.deviceId, entityId);
    }
    this.pendingStats.clear();
  }

  private linkEntities(alertId: string, alert: NewAlert, now: number): void {
    if (this.pendingStats.size >= MAX_PENDING_STATS) this.flush();
    if (this.entityIds.size >= MAX_CACHED_ENTITY_IDS) this.entityIds.clear();
    for (const entity of alert.entities) {
      const entityId = this.upsertEntity(entity, alert.occurredAt, now);
      if (this.linkEntity.run(alertId, entityId, entity.origin).changes === 0) continue;
      const stats = this.pendingStats.get(entityId);
      if (stats) {
        stats.links += 1;
        stats.firstSeen = Math.min(stats.firstSeen, alert.occurredAt);
        stats.lastSeen = Math.max(stats.lastSeen, alert.occurredAt);
      } else {
        this.pendingStats.set(entityId, { links: 1, firstSeen: alert.occurredAt, lastSeen: alert.occurredAt });
      }
    }
  }

  private upsertEntity(entity: AlertEntityInput, seenAt: number, now: number): string {
    const key = `${entity.kind}\u0000${entity.value}`;
    const cached = this.entityIds.get(key);
    if (cached) return cached;
    const found = this.entityByValue.get(entity.kind, entity.value);
    if (found) {
      this.entityIds.set(key, found.id);
      return found.id;
    }
    const id = uuidv7(now);
    const hlc = this.context.hlc();
    this.insertEntity.run(id, entity.kind, entity.value, seenAt, seenAt, now, now, hlc, this.context.deviceId);
    this.context.changes.record('entities', id, ['kind', 'value'], hlc);
    this.entityIds.set(key, id);
    return id;
  }
}
