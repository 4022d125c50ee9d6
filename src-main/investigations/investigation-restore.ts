// Copies one investigation out of another database of the same schema into the live vault: the
// investigation row, its status log, notes, findings, tasks and alert additions, its alerts (with
// their entity links and sightings), the entities those reference (merged by (kind, value) with the
// vault's own), its evidence (bytes and custody trail) and its actions (with their targets). One
// transaction on the live vault, so nothing is half-restored. A backup restore (backup/, out of a
// backup body) and a case-package import (case-package/, out of its payload) both copy through it,
// so it belongs to neither; comments and messages call the source "the backup".
//
// What it means to restore here: every row of the investigation that the vault no longer has comes
// back as it was in the backup; a row the vault still has is left exactly as it is (the vault's own,
// newer state wins), which also makes a second run change nothing. Rows come back verbatim except
// their sync metadata (updated_hlc, origin_device): a restore is a new write on this device, so each
// restored row gets a fresh HLC and the same HLC goes into change_log, where the outbox will find it.
// Row keys (alerts.rid, entities.rid) are the backup's own: links are read and written by ids
// (alerts/alert-links.ts), and the vault gives each row it writes a rid of its own.
import { VigilError } from '../../src-shared/errors';
import { restoreFingerprintIndexUnlessDeferring } from '../store/fingerprint-index';
import { CaseLifecycleTable } from '../store/case-lifecycle-table';
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { RowContext } from '../store/row-context';
import { StatementCache } from '../store/statement-cache';
import { INSERT_LINK_BY_IDS_SQL, linkOriginNameSql, storedLinkOrigin, type LinkOrigin } from '../alerts/alert-links';
import { storedFingerprint } from '../alerts/fingerprint';

type Row = Record<string, unknown>;

/** Tables written by a restore, in the order they are written (parents before children). */
export const RESTORED_TABLES = [
  'imports', 'entities', 'investigations', 'investigation_status_log', 'notes', 'findings', 'tasks', 'investigation_alert_additions',
  'alerts', 'alert_entities', 'alert_sightings', 'evidence', 'evidence_blobs', 'evidence_custody', 'actions', 'action_targets',
] as const;
export type RestoredTable = (typeof RESTORED_TABLES)[number];

/** Sync metadata, rewritten on every restored row; never part of the logged fields. */
const SYNC_COLUMNS = new Set(['id', 'created_at', 'updated_at', 'updated_hlc', 'deleted_at', 'origin_device']);

export interface InvestigationCopyOutcome {
  investigationId: string;
  /** Rows written per table; all zero on a second run. */
  restored: Record<RestoredTable, number>;
  /** Rows the vault already had and kept as they are. */
  alreadyPresent: Record<RestoredTable, number>;
  /** Alerts left out because the vault holds the same alert (same fingerprint) under another id. */
  alertsHeldElsewhere: number;
  /** Entities of the backup matched to the vault's own by kind and value. */
  entitiesMerged: number;
  /** The key the copy was given because its own was held by another investigation (`newKeyIfTaken` only). */
  rekeyedTo?: string;
}

export interface CopyOptions {
  /**
   * A backup restore refuses an investigation whose key another investigation holds. A case package
   * comes from another vault, whose INV-YYYY-NNNN counter is its own: there the copy gets a new key.
   */
  newKeyIfTaken?: () => string;
}

/** Everything of one investigation in a backup body. */
export interface InvestigationRows {
  byTable: Record<RestoredTable, Row[]>;
}

function emptyCounts(): Record<RestoredTable, number> {
  return Object.fromEntries(RESTORED_TABLES.map((t) => [t, 0])) as Record<RestoredTable, number>;
}

const OF_ALERTS = 'SELECT id FROM alerts WHERE investigation_id = @id';
const OF_EVIDENCE = 'SELECT id FROM evidence WHERE investigation_id = @id';
const OF_ACTIONS = 'SELECT id FROM actions WHERE investigation_id = @id';

/** How each table's rows of one investigation are found in the backup (@id: the investigation id). */
const SELECTIONS: Record<RestoredTable, string> = {
  imports: `SELECT * FROM imports WHERE id IN (SELECT import_id FROM alerts WHERE investigation_id = @id)`,
  entities: `SELECT * FROM entities WHERE rid IN (
      SELECT ae.entity_rid FROM alerts a JOIN alert_entities ae ON ae.alert_rid = a.rid WHERE a.investigation_id = @id)
    OR id IN (SELECT primary_entity_id FROM alerts WHERE investigation_id = @id)
    OR id IN (SELECT entity_id FROM action_targets WHERE action_id IN (${OF_ACTIONS}))`,
  investigations: 'SELECT * FROM investigations WHERE id = @id',
  investigation_status_log: 'SELECT * FROM investigation_status_log WHERE investigation_id = @id',
  notes: 'SELECT * FROM notes WHERE investigation_id = @id',
  findings: 'SELECT * FROM findings WHERE investigation_id = @id',
  tasks: 'SELECT * FROM tasks WHERE investigation_id = @id',
  investigation_alert_additions: 'SELECT * FROM investigation_alert_additions WHERE investigation_id = @id',
  alerts: 'SELECT * FROM alerts WHERE investigation_id = @id',
  alert_entities: `SELECT a.id AS alert_id, e.id AS entity_id, ${linkOriginNameSql('ae.origin')} AS origin FROM alerts a
    JOIN alert_entities ae ON ae.alert_rid = a.rid JOIN entities e ON e.rid = ae.entity_rid WHERE a.investigation_id = @id ORDER BY ae.alert_rid, ae.entity_rid`,
  alert_sightings: `SELECT * FROM alert_sightings WHERE alert_id IN (${OF_ALERTS})`,
  evidence: 'SELECT * FROM evidence WHERE investigation_id = @id',
  evidence_blobs: `SELECT * FROM evidence_blobs WHERE evidence_id IN (${OF_EVIDENCE}) ORDER BY evidence_id, seq`,
  evidence_custody: `SELECT * FROM evidence_custody WHERE evidence_id IN (${OF_EVIDENCE})`,
  actions: 'SELECT * FROM actions WHERE investigation_id = @id',
  action_targets: `SELECT * FROM action_targets WHERE action_id IN (${OF_ACTIONS})`,
};

/** Reads one investigation's rows out of a backup body; NOT_FOUND when the backup does not have it. */
export function readInvestigation(backup: SqliteDatabase, key: string): InvestigationRows {
  const investigation = backup.prepare<[string], { id: string }>('SELECT id FROM investigations WHERE key = ?').get(key);
  if (!investigation) throw new VigilError('NOT_FOUND', `The backup has no investigation ${key}`);
  const byTable = {} as Record<RestoredTable, Row[]>;
  // rowid order where there is one: rows come back in the order they were first written.
  for (const table of RESTORED_TABLES) {
    // A rid never leaves its vault (see the module comment).
    byTable[table] = backup.prepare<[{ id: string }], Row>(SELECTIONS[table]).all({ id: investigation.id }).map(({ rid: _rid, ...row }) => row);
  }
  return { byTable };
}

/** Writes an investigation read from a backup into the live vault; see the module comment for what that means. */
export class InvestigationRestorer {
  private readonly statements: StatementCache;
  private readonly columns = new Map<string, string[]>();

  private readonly lifecycles: CaseLifecycleTable;

  constructor(private readonly db: SqliteDatabase, private readonly row: RowContext) {
    this.lifecycles = new CaseLifecycleTable(db);
    this.statements = new StatementCache(db);
    // An alert is copied only when the vault holds none with its fingerprint: a first sync may have set the index aside.
    restoreFingerprintIndexUnlessDeferring(db);
  }

  restore(rows: InvestigationRows, options: CopyOptions = {}): InvestigationCopyOutcome {
    const [investigation] = rows.byTable.investigations;
    if (!investigation) throw new VigilError('NOT_FOUND', 'The backup has no such investigation');
    return this.db.transaction(() => this.copy(rows, investigation, options))();
  }

  private copy({ byTable }: InvestigationRows, investigation: Row, options: CopyOptions): InvestigationCopyOutcome {
    const id = String(investigation.id);
    const key = String(investigation.key);
    const sameKey = this.one<{ id: string }>('SELECT id FROM investigations WHERE key = ?', key);
    const keyHeldElsewhere = sameKey !== undefined && sameKey.id !== id;
    // Already copied once (perhaps under a new key): the rows below are then all present.
    const idHere = this.one('SELECT 1 AS x FROM investigations WHERE id = ?', id) !== undefined;
    const rekeyedTo = keyHeldElsewhere && !idHere && options.newKeyIfTaken ? options.newKeyIfTaken() : undefined;
    if (keyHeldElsewhere && !idHere && rekeyedTo === undefined) {
      throw new VigilError('CONFLICT',
        `This vault already has an investigation ${key}, and it is a different investigation from the one in the backup `
        + '(it was created after the backup was made). Nothing was restored.', { key });
    }
    this.assertUsersExist(byTable);

    const outcome: InvestigationCopyOutcome = {
      investigationId: id, restored: emptyCounts(), alreadyPresent: emptyCounts(), alertsHeldElsewhere: 0, entitiesMerged: 0,
      ...(rekeyedTo === undefined ? {} : { rekeyedTo }),
    };
    const count = (table: RestoredTable, written: boolean) => { (written ? outcome.restored : outcome.alreadyPresent)[table] += 1; };

    // Imports are this device's own record of where alerts came from (never change-logged, like the
    // import itself writes them): brought back only so the alerts' import_id still points somewhere.
    for (const r of byTable.imports) count('imports', this.insertMissing('imports', r, { log: false }));

    const entityIds = new Map<string, string>();
    for (const r of byTable.entities) {
      const same = this.one<{ id: string }>('SELECT id FROM entities WHERE kind = ? AND value = ?', r.kind, r.value);
      if (same) {
        entityIds.set(String(r.id), same.id);
        if (same.id !== r.id) outcome.entitiesMerged += 1;
        count('entities', false);
        continue;
      }
      // Another entity holding this id is next to impossible (UUIDv7), but must not be overwritten.
      const liveId = this.one('SELECT 1 AS x FROM entities WHERE id = ?', r.id) ? uuidv7(this.row.now()) : String(r.id);
      entityIds.set(String(r.id), liveId);
      count('entities', this.insertMissing('entities', { ...r, id: liveId }));
    }
    const entity = (backupId: unknown) => (backupId === null ? null : entityIds.get(String(backupId)) ?? String(backupId));

    for (const table of ['investigations', 'investigation_status_log', 'notes', 'findings', 'tasks', 'investigation_alert_additions'] as const) {
      for (const r of byTable[table]) count(table, this.insertMissing(table, table === 'investigations' && rekeyedTo ? { ...r, key: rekeyedTo } : r));
    }
    this.lifecycles.refresh(id);

    // Alerts in the vault under the backup's id after this step: their links and sightings follow.
    const alertsHere = new Set<string>();
    const alertsInsertedNow = new Set<string>();
    const linksAdded = new Map<string, Set<string>>();
    for (const r of byTable.alerts) {
      const alertId = String(r.id);
      // A backup or package from before schema v25 holds fingerprints at their old length.
      const fingerprint = storedFingerprint(String(r.fingerprint));
      if (this.one('SELECT 1 AS x FROM alerts WHERE id = ?', alertId)) {
        alertsHere.add(alertId);
        count('alerts', false);
      } else if (this.one('SELECT 1 AS x FROM alerts WHERE fingerprint = ?', fingerprint)) {
        outcome.alertsHeldElsewhere += 1;
      } else {
        this.insertMissing('alerts', { ...r, fingerprint, primary_entity_id: entity(r.primary_entity_id) }, { extraFields: ['entities', 'sightings'] });
        alertsHere.add(alertId);
        alertsInsertedNow.add(alertId);
        count('alerts', true);
      }
    }
    const noteLink = (alertId: string, field: string) => {
      const fields = linksAdded.get(alertId) ?? new Set<string>();
      fields.add(field);
      linksAdded.set(alertId, fields);
    };
    for (const r of byTable.alert_entities) {
      if (!alertsHere.has(String(r.alert_id))) continue;
      const added = this.link(String(r.alert_id), entity(r.entity_id), r.origin as LinkOrigin);
      count('alert_entities', added);
      if (added) noteLink(String(r.alert_id), 'entities');
    }
    for (const r of byTable.alert_sightings) {
      if (!alertsHere.has(String(r.alert_id))) continue;
      const added = this.insertOrIgnore('alert_sightings', r);
      count('alert_sightings', added);
      if (added) noteLink(String(r.alert_id), 'sightings');
    }
    // Link rows have no id of their own: their alert's change-log entry names them (as the import does).
    for (const [alertId, fields] of linksAdded) {
      if (alertsInsertedNow.has(alertId)) continue;
      this.row.changes.record('alerts', alertId, [...fields], this.row.hlc());
    }

    const evidenceHere = new Set<string>();
    for (const r of byTable.evidence) {
      count('evidence', this.insertMissing('evidence', r, { extraFields: ['blobs'] }));
      evidenceHere.add(String(r.id));
    }
    for (const r of byTable.evidence_blobs) {
      if (evidenceHere.has(String(r.evidence_id))) count('evidence_blobs', this.insertOrIgnore('evidence_blobs', r));
    }
    for (const r of byTable.evidence_custody) count('evidence_custody', this.insertMissing('evidence_custody', r));
    for (const r of byTable.actions) count('actions', this.insertMissing('actions', r, { extraFields: ['targets'] }));
    for (const r of byTable.action_targets) count('action_targets', this.insertOrIgnore('action_targets', { ...r, entity_id: entity(r.entity_id) }));

    this.recountEntities(new Set(entityIds.values()));
    if (!keyHeldElsewhere) this.keepKeyCounterAhead(key);
    return outcome;
  }

  /** Inserts the row unless a row with its id is there; logs it with a fresh HLC. True if written. */
  private insertMissing(table: RestoredTable, source: Row, options: { log?: boolean; extraFields?: string[] } = {}): boolean {
    if (this.one(`SELECT 1 AS x FROM ${table} WHERE id = ?`, source.id)) return false;
    const columns = this.columnsOf(table);
    const row: Row = { ...source };
    const logged = options.log !== false;
    const hlc = logged ? this.row.hlc() : '';
    if (columns.includes('updated_hlc')) {
      row.updated_hlc = hlc;
      row.origin_device = this.row.device;
    }
    this.write(table, columns, row, 'INSERT');
    if (logged) {
      this.row.changes.record(table, String(source.id), [...columns.filter((c) => !SYNC_COLUMNS.has(c)), ...(options.extraFields ?? [])], hlc);
    }
    return true;
  }

  /** An alert's link to an entity, both named by id; true if written. */
  private link(alertId: string, entityId: string | null, origin: LinkOrigin): boolean {
    const result = this.statements.get(INSERT_LINK_BY_IDS_SQL).run({ alertId, entityId, origin: storedLinkOrigin(origin) }) as { changes: number };
    return result.changes > 0;
  }

  /** Link and chunk rows (no id, no sync columns): the parent's change-log entry covers them. */
  private insertOrIgnore(table: RestoredTable, row: Row): boolean {
    return this.write(table, this.columnsOf(table), row, 'INSERT OR IGNORE') > 0;
  }

  private write(table: RestoredTable, columns: string[], row: Row, verb: 'INSERT' | 'INSERT OR IGNORE'): number {
    const names = columns.map((c) => `"${c}"`).join(', ');
    const params = columns.map((c) => `@${c}`).join(', ');
    const values = Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
    const result = this.statements.get(`${verb} INTO ${table} (${names}) VALUES (${params})`).run(values) as { changes: number };
    return result.changes;
  }

  /** alert_count is the number of alerts linked to an entity: recount those the restore touched. */
  private recountEntities(ids: Set<string>): void {
    for (const entityId of ids) {
      const current = this.one<{ alert_count: number }>('SELECT alert_count FROM entities WHERE id = ?', entityId);
      const links = this.one<{ n: number }>(
        'SELECT count(*) AS n FROM alert_entities WHERE entity_rid = (SELECT rid FROM entities WHERE id = ?)', entityId,
      )?.n ?? 0;
      if (!current || current.alert_count === links) continue;
      const hlc = this.row.hlc();
      this.statements.get('UPDATE entities SET alert_count = ?, updated_at = ?, updated_hlc = ?, origin_device = ? WHERE id = ?')
        .run(links, this.row.now(), hlc, this.row.device, entityId);
      this.row.changes.record('entities', entityId, ['alert_count'], hlc);
    }
  }

  /** A restored INV-YYYY-NNNN must never be handed out again to a new investigation. */
  private keepKeyCounterAhead(key: string): void {
    const match = /^INV-(\d{4})-(\d+)$/.exec(key);
    if (!match) return;
    this.statements.get(
      `INSERT INTO investigation_key_counters (year, last_number) VALUES (?, ?)
       ON CONFLICT (year) DO UPDATE SET last_number = excluded.last_number WHERE last_number < excluded.last_number`,
    ).run(Number(match[1]), Number(match[2]));
  }

  /** Every account the rows refer to must exist here (accounts are never deleted, only disabled). */
  private assertUsersExist(byTable: Record<RestoredTable, Row[]>): void {
    const missing = new Set<string>();
    for (const table of RESTORED_TABLES) {
      const userColumns = this.db.prepare<[string], { from: string; table: string }>('SELECT "from", "table" FROM pragma_foreign_key_list(?)')
        .all(table).filter((fk) => fk.table === 'users').map((fk) => fk.from);
      for (const r of byTable[table]) {
        for (const column of userColumns) {
          const userId = r[column];
          if (typeof userId === 'string' && !this.one('SELECT 1 AS x FROM users WHERE id = ?', userId)) missing.add(userId);
        }
      }
    }
    if (missing.size > 0) {
      throw new VigilError('CONFLICT', `The investigation refers to ${missing.size} account(s) this vault does not have. Nothing was restored.`, { missingAccounts: missing.size });
    }
  }

  /** Column names from the live schema (identifiers from SQLite itself, never from input). */
  private columnsOf(table: RestoredTable): string[] {
    let columns = this.columns.get(table);
    if (!columns) {
      // rid is the vault's own row key, never copied (see the module comment).
      columns = this.db.prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)').all(table).map((c) => c.name).filter((c) => c !== 'rid');
      this.columns.set(table, columns);
    }
    return columns;
  }

  private one<T = { x: number }>(sql: string, ...params: unknown[]): T | undefined {
    return this.statements.get(sql).get(...params) as T | undefined;
  }
}
