// Runs a retention plan: one transaction that computes the plan (retention-plan.ts) and carries it out,
// so what a run removes is exactly what its plan lists and a crash leaves the vault as it was (never an
// investigation half gone). One transaction rather than resumable batches: a run is daily and its first
// one is the only large one; a resumable run would need its own journal and a second notion of "done".
//
// purge: the rows go with everything hanging off them (notes, findings, tasks, actions, evidence with
// its bytes and custody, status history, alert additions and removals, lifecycle rows; alerts with
// their entity links and sightings), and entities no alert links any more. A purged alert leaves the
// analytics counts (the rollup triggers subtract it): the counts describe what the vault holds.
// anonymise: the investigation row and its status history stay for statistics; its title becomes its
// key, its summary, tags and every free text go; an alert keeps its source, rule, severity, status,
// times and dismissal category, and loses title, description, raw row, comment and entity links.
//
// The change feed: an anonymised row is logged with the fields blanked, so a receiver blanks them
// too; a purged row is not (the feed names rows as they are now, and a gone row names nothing): every
// device applies the same synced policy itself.
import { createHash } from 'node:crypto';
import type { RetentionOutcome } from '../../src-shared/retention-contract';
import type { AuditActor } from '../audit/audit-log';
import type { SqliteDatabase } from '../store/database';
import type { Repositories } from '../repositories';
import { ANONYMISED_ALERT_TITLE, countsOf, planRetention, type RetentionPlan } from './retention-plan';
import { readRetentionPolicy } from './retention-policy';
import { STAGING_KEY_PREFIX } from '../sync/evidence-blob-vault';

const ANONYMISED_ALERT_FIELDS = ['title', 'description', 'raw', 'dismiss_reason', 'primary_entity_id', 'entities'];
const ANONYMISED_INVESTIGATION_FIELDS = ['title', 'summary', 'tags', 'anonymised_at'];

/** sha256 over the sorted ids, one a line: names what went without keeping any of it. */
export function idsDigest(ids: readonly string[]): string {
  return createHash('sha256').update([...ids].sort().join('\n')).digest('hex');
}

/** Applies the vault's saved policy now; writes one `retention.applied` audit row whatever it removed. */
export function applyRetention(repos: Repositories, actor: AuditActor): RetentionOutcome {
  const { db, row, audit } = repos;
  return db.transaction(() => {
    const policy = readRetentionPolicy(repos.settings);
    const plan = planRetention(db, policy, row.now());
    const entitiesRemoved = carryOut(repos, plan);
    const inv = plan.closedInvestigations;
    const entry = audit.append({
      actor, action: 'retention.applied', outcome: 'success',
      details: {
        counts: countsOf(plan),
        entitiesRemoved,
        sha256: {
          closedInvestigations: idsDigest(inv.ids),
          closedInvestigationAlertsRemoved: idsDigest(inv.alertIdsRemoved),
          closedInvestigationAlertsAnonymised: idsDigest(inv.alertIdsAnonymised),
          dismissedAlerts: idsDigest(plan.dismissedAlerts.ids),
          evidence: idsDigest(plan.evidence.ids),
        },
        policy,
      },
    });
    return { policy, at: plan.at, kinds: countsOf(plan), entitiesRemoved, auditSeq: entry.seq };
  }).immediate();
}

function carryOut(repos: Repositories, plan: RetentionPlan): number {
  const { db } = repos;
  const inv = plan.closedInvestigations;
  const touched = new Set<number>();
  const scope = JSON.stringify(inv.ids);
  const evidenceScope = JSON.stringify(plan.evidence.ids);
  db.prepare('INSERT INTO retention_scope (investigation_id) SELECT value FROM json_each(?)').run(scope);
  db.prepare('INSERT OR IGNORE INTO retention_scope (investigation_id) SELECT investigation_id FROM evidence WHERE id IN (SELECT value FROM json_each(?))').run(evidenceScope);

  anonymiseAlerts(repos, inv.alertIdsAnonymised, touched);
  // Kept only because another case's history names them: they no longer point at the case that goes.
  if (inv.mode === 'purge') detachAlerts(repos, inv.alertIdsAnonymised);
  const dismissed = plan.dismissedAlerts;
  if (dismissed.mode === 'anonymise') anonymiseAlerts(repos, dismissed.ids, touched);
  else purgeAlerts(db, dismissed.ids, touched);
  // The investigations' own alert removal rows name alerts: they go before the alerts.
  if (inv.ids.length > 0) {
    removeInvestigationContent(db, scope);
    if (inv.mode === 'purge') {
      // By the plan's ids, not retention_scope: that also lists investigations only losing old evidence.
      db.prepare('DELETE FROM investigation_alert_removals WHERE investigation_id IN (SELECT value FROM json_each(?))').run(scope);
      purgeAlerts(db, inv.alertIdsRemoved, touched);
      purgeInvestigations(db, scope);
    } else {
      anonymiseInvestigations(repos, inv.ids);
    }
  }
  removeEvidence(db, `id IN (SELECT value FROM json_each(?))`, evidenceScope);

  db.prepare('DELETE FROM retention_scope').run();
  return settleEntities(db, [...touched]);
}

function linkedEntities(db: SqliteDatabase, alertIds: string, touched: Set<number>): void {
  const rids = db.prepare<[string], number>(
    'SELECT DISTINCT entity_rid FROM alert_entities WHERE alert_rid IN (SELECT rid FROM alerts WHERE id IN (SELECT value FROM json_each(?)))',
  ).pluck().all(alertIds);
  for (const rid of rids) touched.add(rid);
  db.prepare('DELETE FROM alert_entities WHERE alert_rid IN (SELECT rid FROM alerts WHERE id IN (SELECT value FROM json_each(?)))').run(alertIds);
}

function purgeAlerts(db: SqliteDatabase, ids: readonly string[], touched: Set<number>): void {
  if (ids.length === 0) return;
  const json = JSON.stringify(ids);
  linkedEntities(db, json, touched);
  db.prepare('DELETE FROM alert_sightings WHERE alert_id IN (SELECT value FROM json_each(?))').run(json);
  // A notification that opens a removed alert would open nothing.
  db.prepare(`DELETE FROM notifications WHERE link_page = 'triage' AND link_param IN (SELECT 'alert:' || value FROM json_each(?))`).run(json);
  const removed = db.prepare('DELETE FROM alerts WHERE id IN (SELECT value FROM json_each(?))').run(json).changes;
  if (removed !== ids.length) throw new Error(`retention planned ${ids.length} alerts and removed ${removed}`);
}

function anonymiseAlerts(repos: Repositories, ids: readonly string[], touched: Set<number>): void {
  if (ids.length === 0) return;
  const { db, row } = repos;
  const json = JSON.stringify(ids);
  linkedEntities(db, json, touched);
  const hlc = row.hlc();
  // The dismissal's category stays (the analytics count false positives), its comment goes.
  db.prepare(
    `UPDATE alerts SET title = ?, description = '', raw = NULL, primary_entity_id = NULL,
       dismiss_reason = CASE WHEN instr(dismiss_reason, ':') > 0 THEN substr(dismiss_reason, 1, instr(dismiss_reason, ':') - 1) ELSE dismiss_reason END,
       updated_at = ?, updated_hlc = ?, origin_device = ?
     WHERE id IN (SELECT value FROM json_each(?))`,
  ).run(ANONYMISED_ALERT_TITLE, row.now(), hlc, row.device, json);
  for (const id of ids) row.changes.record('alerts', id, ANONYMISED_ALERT_FIELDS, hlc);
}

function detachAlerts(repos: Repositories, ids: readonly string[]): void {
  if (ids.length === 0) return;
  const { db, row } = repos;
  const hlc = row.hlc();
  db.prepare('UPDATE alerts SET investigation_id = NULL, updated_at = ?, updated_hlc = ?, origin_device = ? WHERE id IN (SELECT value FROM json_each(?))')
    .run(row.now(), hlc, row.device, JSON.stringify(ids));
  for (const id of ids) row.changes.record('alerts', id, ['investigation_id'], hlc);
}

/** Everything free-text an investigation holds besides its own row, in both modes. */
function removeInvestigationContent(db: SqliteDatabase, scope: string): void {
  const inScope = 'investigation_id IN (SELECT value FROM json_each(?))';
  db.prepare(`DELETE FROM action_targets WHERE action_id IN (SELECT id FROM actions WHERE ${inScope})`).run(scope);
  for (const table of ['actions', 'notes', 'findings', 'tasks'] as const) db.prepare(`DELETE FROM ${table} WHERE ${inScope}`).run(scope);
  removeEvidence(db, inScope, scope);
  db.prepare(`UPDATE investigation_status_log SET reason = NULL WHERE ${inScope} AND reason IS NOT NULL`).run(scope);
  db.prepare(`UPDATE investigation_alert_removals SET reason = NULL WHERE ${inScope} AND reason IS NOT NULL`).run(scope);
}

function removeEvidence(db: SqliteDatabase, where: string, param: string): void {
  const ids = `SELECT id FROM evidence WHERE ${where}`;
  db.prepare(`DELETE FROM evidence_custody WHERE evidence_id IN (${ids})`).run(param);
  db.prepare(`DELETE FROM evidence_blobs WHERE evidence_id IN (${ids})`).run(param);
  // A sync download of the file cut short leaves chunks under its staging key: they go with the row.
  db.prepare(`DELETE FROM evidence_blobs WHERE evidence_id IN (SELECT ? || id FROM evidence WHERE ${where})`).run(STAGING_KEY_PREFIX, param);
  db.prepare(`DELETE FROM evidence WHERE ${where}`).run(param);
}

function purgeInvestigations(db: SqliteDatabase, scope: string): void {
  const inScope = 'investigation_id IN (SELECT value FROM json_each(?))';
  for (const table of ['investigation_status_log', 'investigation_alert_additions', 'investigation_lifecycle', 'investigation_open_stretches', 'case_package_imports'] as const) {
    db.prepare(`DELETE FROM ${table} WHERE ${inScope}`).run(scope);
  }
  db.prepare(`DELETE FROM notifications WHERE link_page = 'investigation' AND link_param IN (SELECT value FROM json_each(?))`).run(scope);
  db.prepare('DELETE FROM investigations WHERE id IN (SELECT value FROM json_each(?))').run(scope);
}

function anonymiseInvestigations(repos: Repositories, ids: readonly string[]): void {
  const { db, row } = repos;
  const hlc = row.hlc();
  db.prepare(
    `UPDATE investigations SET title = key, summary = '', tags = '[]', anonymised_at = ?, updated_at = ?, updated_hlc = ?, origin_device = ?
     WHERE id IN (SELECT value FROM json_each(?))`,
  ).run(row.now(), row.now(), hlc, row.device, JSON.stringify(ids));
  for (const id of ids) row.changes.record('investigations', id, ANONYMISED_INVESTIGATION_FIELDS, hlc);
}

/** Entities the removed links touched: counted again, and removed when nothing links, targets or names them any more. */
function settleEntities(db: SqliteDatabase, rids: readonly number[]): number {
  if (rids.length === 0) return 0;
  const json = JSON.stringify(rids);
  db.prepare(
    `UPDATE entities SET
       alert_count = (SELECT count(*) FROM alert_entities WHERE entity_rid = entities.rid),
       first_seen_at = coalesce((SELECT min(a.occurred_at) FROM alert_entities l JOIN alerts a ON a.rid = l.alert_rid WHERE l.entity_rid = entities.rid), first_seen_at),
       last_seen_at = coalesce((SELECT max(a.last_seen_at) FROM alert_entities l JOIN alerts a ON a.rid = l.alert_rid WHERE l.entity_rid = entities.rid), last_seen_at)
     WHERE rid IN (SELECT value FROM json_each(?))`,
  ).run(json);
  return db.prepare(
    `DELETE FROM entities WHERE rid IN (SELECT value FROM json_each(?)) AND alert_count = 0
       AND NOT EXISTS (SELECT 1 FROM action_targets WHERE entity_id = entities.id)
       AND id NOT IN (SELECT primary_entity_id FROM alerts WHERE primary_entity_id IS NOT NULL)`,
  ).run(json).changes;
}
