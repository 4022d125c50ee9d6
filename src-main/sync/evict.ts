// Evictions (docs/SYNC.md, "Losing access"): a pull that says this device may no longer read a scope
// or a record removes it from the vault. Not a tombstone (the record lives on elsewhere) and no
// change-log entry (nothing to push). The append-only guards (schema v29) let one writer through:
// whoever lists the investigation in `retention_scope` for the length of its transaction, as
// retention does; eviction is the second such writer and empties its entry before it returns.
// Evidence goes with its bytes, a download of it cut half way (staged chunks) included: here, in the
// eviction's transaction, rather than at the next round's downloads, so a round that stops after the
// page (offline, an error) leaves no part of a file the member may no longer read.
import type { SqliteDatabase } from '../store/database';
import { SYNC_TABLE_RULES, type SyncTable } from '../../src-shared/sync-tables';
import { dropStagedChunks } from './evidence-blob-vault';

/** What an eviction leaves for the caller to settle: entities whose links it removed. */
export interface EvictionEffects {
  touchedEntities: Set<number>;
}

const IN_SCOPE_TABLES = ['notes', 'findings', 'tasks', 'investigation_status_log', 'investigation_alert_additions', 'investigation_alert_removals'] as const;

export class Evictor {
  constructor(private readonly db: SqliteDatabase, private readonly effects: EvictionEffects) {}

  /** Every row of the investigation: its own, what hangs off it, and the alerts promoted into it. */
  scope(investigationId: string): number {
    const db = this.db;
    return this.sanctioned(investigationId, () => {
      let removed = this.alerts(db.prepare<[string], string>('SELECT id FROM alerts WHERE investigation_id = ?').pluck().all(investigationId));
      const where = 'investigation_id = ?';
      db.prepare(`DELETE FROM action_targets WHERE action_id IN (SELECT id FROM actions WHERE ${where})`).run(investigationId);
      db.prepare(`DELETE FROM actions WHERE ${where}`).run(investigationId);
      const evidence = `SELECT id FROM evidence WHERE ${where}`;
      this.forget('evidence_custody', `SELECT id FROM evidence_custody WHERE evidence_id IN (${evidence})`, investigationId);
      removed += db.prepare(`DELETE FROM evidence_custody WHERE evidence_id IN (${evidence})`).run(investigationId).changes;
      db.prepare(`DELETE FROM evidence_blobs WHERE evidence_id IN (${evidence})`).run(investigationId);
      for (const id of db.prepare<[string], string>(evidence).pluck().all(investigationId)) dropStagedChunks(db, id);
      for (const table of [...IN_SCOPE_TABLES, 'evidence'] as const) {
        this.forget(table, `SELECT id FROM ${table} WHERE ${where}`, investigationId);
        removed += db.prepare(`DELETE FROM ${table} WHERE ${where}`).run(investigationId).changes;
      }
      for (const table of ['investigation_lifecycle', 'investigation_open_stretches', 'case_package_imports'] as const) {
        db.prepare(`DELETE FROM ${table} WHERE ${where}`).run(investigationId);
      }
      this.forget('sync_conflicts', 'SELECT id FROM sync_conflicts WHERE scope = ?', investigationId);
      removed += db.prepare('DELETE FROM sync_conflicts WHERE scope = ?').run(investigationId).changes;
      db.prepare(`DELETE FROM notifications WHERE link_page = 'investigation' AND link_param = ?`).run(investigationId);
      for (const table of ['investigation_access', 'investigations'] as const) {
        this.forget(table, 'SELECT ?', investigationId);
        removed += db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(investigationId).changes;
      }
      return removed;
    });
  }

  /** One record (an investigation takes its whole scope; an alert its links and sightings; evidence its bytes and custody). */
  record(table: SyncTable, id: string): number {
    if (table === 'investigations') return this.scope(id);
    if (table === 'alerts') return this.alerts([id]);
    if (table === 'entities') {
      // Its links go with it; the alerts they were on stay (an alert naming it as its primary entity
      // keeps the id: entities are the organisation's, and the server evicts none).
      this.db.prepare('DELETE FROM alert_entities WHERE entity_rid = (SELECT rid FROM entities WHERE id = ?)').run(id);
    }
    const scope = this.scopeOf(table, id);
    const remove = () => {
      if (table === 'evidence') {
        this.forget('evidence_custody', 'SELECT id FROM evidence_custody WHERE evidence_id = ?', id);
        this.db.prepare('DELETE FROM evidence_custody WHERE evidence_id = ?').run(id);
        this.db.prepare('DELETE FROM evidence_blobs WHERE evidence_id = ?').run(id);
        dropStagedChunks(this.db, id);
      }
      this.forget(table, 'SELECT ?', id);
      return this.db.prepare(`DELETE FROM ${table} WHERE id = ?`).run(id).changes;
    };
    return scope === null ? remove() : this.sanctioned(scope, remove);
  }

  private alerts(ids: readonly string[]): number {
    if (ids.length === 0) return 0;
    const json = JSON.stringify(ids);
    const inIds = 'SELECT value FROM json_each(?)';
    for (const rid of this.db.prepare<[string], number>(`SELECT DISTINCT entity_rid FROM alert_entities WHERE alert_rid IN (SELECT rid FROM alerts WHERE id IN (${inIds}))`).pluck().all(json)) {
      this.effects.touchedEntities.add(rid);
    }
    this.db.prepare(`DELETE FROM alert_entities WHERE alert_rid IN (SELECT rid FROM alerts WHERE id IN (${inIds}))`).run(json);
    this.db.prepare(`DELETE FROM alert_sightings WHERE alert_id IN (${inIds})`).run(json);
    this.db.prepare(`DELETE FROM sync_pending_links WHERE alert_id IN (${inIds})`).run(json);
    this.db.prepare(`DELETE FROM notifications WHERE link_page = 'triage' AND link_param IN (SELECT 'alert:' || value FROM json_each(?))`).run(json);
    this.forget('alerts', inIds, json);
    return this.db.prepare(`DELETE FROM alerts WHERE id IN (${inIds})`).run(json).changes;
  }

  /** The investigation a record of an append-only table belongs to, whose guard must let the delete through. */
  private scopeOf(table: SyncTable, id: string): string | null {
    const rule = SYNC_TABLE_RULES[table].scope;
    if (rule.kind === 'field' && table !== 'sync_conflicts') {
      return this.db.prepare<[string], string | null>(`SELECT ${rule.field} FROM ${table} WHERE id = ?`).pluck().get(id) ?? null;
    }
    if (rule.kind === 'parent') {
      return this.db.prepare<[string], string | null>(`SELECT investigation_id FROM evidence WHERE id = (SELECT ${rule.field} FROM ${table} WHERE id = ?)`).pluck().get(id) ?? null;
    }
    return null;
  }

  /** The records' field clocks go with them: a record that comes back comes back whole. */
  private forget(table: string, ids: string, param: string): void {
    this.db.prepare(`DELETE FROM sync_field_stamps WHERE table_name = '${table}' AND row_id IN (${ids})`).run(param);
  }

  private sanctioned<T>(investigationId: string, work: () => T): T {
    this.db.prepare('INSERT OR IGNORE INTO retention_scope (investigation_id) VALUES (?)').run(investigationId);
    const result = work();
    this.db.prepare('DELETE FROM retention_scope WHERE investigation_id = ?').run(investigationId);
    return result;
  }
}
