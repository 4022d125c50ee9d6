// One entity's page: what it is, when it was seen, its risk from its alerts, and the investigations
// that touch it. Statistics come from the entity's most recent alerts (bounded), so a domain seen on
// a hundred thousand alerts answers as fast as an account seen on three.
import type { Severity } from '../../src-shared/model';
import type { EntityDetail, InvestigationStatus, InvestigationSummary, Resolution } from '../../src-shared/workspace-model';
import type { SqliteDatabase } from '../store/database';
import type { PiiLens } from '../pii/pii-lens';
import { investigationPiiReader, type KnownPii } from '../pii/known-pii';
import type { EntityKind } from './entity-kinds';
import { riskScore } from './risk-score';

const RECENT_ALERTS_CONSIDERED = 5000;
const WEEK_MS = 7 * 24 * 3600 * 1000;

interface EntityDbRow {
  id: string;
  kind: EntityKind;
  value: string;
  first_seen_at: number;
  last_seen_at: number;
  alert_count: number;
}

interface InvestigationDbRow {
  id: string;
  key: string;
  title: string;
  status: InvestigationStatus;
  resolution: Resolution | null;
  severity: Severity;
  assignee_id: string | null;
  username: string | null;
  display_name: string | null;
  tags: string;
  sla_due_at: number | null;
  opened_at: number;
  closed_at: number | null;
  updated_at: number;
  alert_count: number;
}

export class EntityQueries {
  private readonly entity;
  private readonly stats;
  private investigationsStatement: ReturnType<typeof prepareInvestigations> | null = null;
  private investigationPiiStatement: ((investigationId: string) => KnownPii) | null = null;

  constructor(private readonly db: SqliteDatabase) {
    this.entity = db.prepare<[string], EntityDbRow>(
      'SELECT id, kind, value, first_seen_at, last_seen_at, alert_count FROM entities WHERE id = ? AND deleted_at IS NULL',
    );
    this.stats = db.prepare<[string, number, number], { severity: Severity; n: number; recent: number; sources: number; last_seen: number }>(
      `WITH recent AS (
         SELECT a.severity, a.source, a.last_seen_at FROM alert_entities ae JOIN alerts a ON a.rid = ae.alert_rid
         WHERE ae.entity_rid = (SELECT rid FROM entities WHERE id = ?) AND a.deleted_at IS NULL ORDER BY ae.alert_rid DESC LIMIT ?
       )
       SELECT severity, count(*) AS n, sum(last_seen_at >= ?) AS recent,
              (SELECT count(DISTINCT source) FROM recent) AS sources, max(last_seen_at) AS last_seen
       FROM recent GROUP BY severity`,
    );
  }

  /** The PII of an investigation's alerts, to mask its title (prepared on first use, like the statement below). */
  private investigationPii(): (investigationId: string) => KnownPii {
    this.investigationPiiStatement ??= investigationPiiReader(this.db);
    return this.investigationPiiStatement;
  }

  /** Prepared on first use: the statement reads tables of a later migration than this class's own. */
  private investigations() {
    this.investigationsStatement ??= prepareInvestigations(this.db);
    return this.investigationsStatement;
  }

  /** The entity's real value, for a reveal. */
  raw(entityId: string): { id: string; kind: EntityKind; value: string } | null {
    const row = this.entity.get(entityId);
    return row ? { id: row.id, kind: row.kind, value: row.value } : null;
  }

  detail(entityId: string, lens: PiiLens, now: number): EntityDetail | null {
    const row = this.entity.get(entityId);
    if (!row) return null;
    // The stats statement's parameters are positional: entity, limit, then the recency cutoff.
    const groups = this.stats.all(entityId, RECENT_ALERTS_CONSIDERED, now - WEEK_MS);
    const bySeverity: Record<Severity, number> = { low: 0, medium: 0, high: 0, critical: 0 };
    let recent = 0;
    let sources = 0;
    let lastSeen = row.last_seen_at;
    for (const group of groups) {
      bySeverity[group.severity] = group.n;
      recent += group.recent;
      sources = group.sources;
      lastSeen = Math.max(lastSeen, group.last_seen);
    }
    const risk = riskScore({ bySeverity, recent, sources, lastSeenAt: lastSeen }, now);
    return {
      ...lens.entity(row),
      firstSeenAt: row.first_seen_at,
      lastSeenAt: row.last_seen_at,
      alertCount: row.alert_count,
      riskScore: risk.score,
      riskFactors: risk.factors,
      severityCounts: bySeverity,
      investigations: this.investigations().all(entityId, RECENT_ALERTS_CONSIDERED).map((i) => toSummary(i, lens, lens.seesAll ? [] : this.investigationPii()(i.id))),
    };
  }
}

function prepareInvestigations(db: SqliteDatabase) {
  return db.prepare<[string, number], InvestigationDbRow>(
      `SELECT i.id, i.key, i.title, i.status, i.resolution, i.severity, i.assignee_id, u.username, u.display_name, i.tags,
              i.sla_due_at, i.opened_at, i.closed_at, i.updated_at,
              (SELECT count(*) FROM alerts x WHERE x.investigation_id = i.id AND x.deleted_at IS NULL) AS alert_count
       FROM investigations i LEFT JOIN users u ON u.id = i.assignee_id
       WHERE i.deleted_at IS NULL AND i.id IN (
         SELECT a.investigation_id FROM alert_entities ae JOIN alerts a ON a.rid = ae.alert_rid
         WHERE ae.entity_rid = (SELECT rid FROM entities WHERE id = ?) AND a.investigation_id IS NOT NULL ORDER BY ae.alert_rid DESC LIMIT ?)
       ORDER BY i.updated_at DESC`,
    );
}

function toSummary(row: InvestigationDbRow, lens: PiiLens, known: KnownPii): InvestigationSummary {
  return {
    id: row.id, key: row.key, title: lens.text(row.title, known), status: row.status, resolution: row.resolution, severity: row.severity,
    assignee: row.assignee_id && row.username ? { id: row.assignee_id, username: row.username, displayName: row.display_name ?? row.username } : null,
    tags: JSON.parse(row.tags) as string[], slaDueAt: row.sla_due_at, openedAt: row.opened_at, closedAt: row.closed_at,
    updatedAt: row.updated_at, alertCount: row.alert_count,
  };
}
