// The security_incidents and security_incident_evidence tables (schema v27) and the monitor's cursor:
// how a firing becomes an incident or grows one, the Security screen's pages, status changes.
import type { Severity } from '../../src-shared/model';
import type {
  IncidentPerson, IncidentStatus, SecurityIncident, SecurityIncidentPage, SecurityRule,
} from '../../src-shared/security-model';
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { AuditHead } from '../audit/audit-anchor';
import type { Firing } from './audit-fact';

interface IncidentRow {
  id: string;
  rule: SecurityRule;
  severity: Severity;
  subject_key: string;
  subject_user_id: string | null;
  subject_name: string | null;
  status: IncidentStatus;
  summary: string;
  window_start: number;
  window_end: number;
  opened_at: number;
  updated_at: number;
  resolution_note: string | null;
  resolved_by: string | null;
  resolved_by_name: string | null;
  resolved_at: number | null;
  alert_id: string | null;
  evidence_count: number;
}

export interface IncidentFilter {
  status?: IncidentStatus | undefined;
  severity?: Severity | undefined;
  subjectUserId?: string | undefined;
}

interface PageParameters {
  status: string | null;
  severity: string | null;
  subject: string | null;
  openedAt: number;
  id: string;
  limit: number;
}

export type RecordOutcome = { kind: 'opened'; incidentId: string } | { kind: 'extended'; incidentId: string } | { kind: 'known' };

/** Who a firing is about, as one key: the account's id, its name when it has none, '' for the vault. */
export const subjectKeyOf = (subject: Firing['subject']) => (subject ? (subject.id ?? `name:${subject.name ?? ''}`) : '');

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

function toIncident(row: IncidentRow): SecurityIncident {
  return {
    id: row.id, rule: row.rule, severity: row.severity,
    subject: row.subject_key === '' ? null : { id: row.subject_user_id, name: row.subject_name },
    status: row.status, summary: row.summary, windowStart: row.window_start, windowEnd: row.window_end,
    openedAt: row.opened_at, updatedAt: row.updated_at, evidenceCount: row.evidence_count,
    resolution: row.resolved_at !== null
      ? { note: row.resolution_note ?? '', by: { id: row.resolved_by, name: row.resolved_by_name }, at: row.resolved_at }
      : null,
    alertId: row.alert_id,
  };
}

const SELECT_INCIDENT = `SELECT i.*, (SELECT count(*) FROM security_incident_evidence e WHERE e.incident_id = i.id) AS evidence_count
  FROM security_incidents i`;

/** A page cursor: the last row's opened_at and id. */
const encodeCursor = (row: { opened_at: number; id: string }) => `${row.opened_at}:${row.id}`;
function decodeCursor(cursor: string | undefined): { openedAt: number; id: string } {
  if (!cursor) return { openedAt: Number.MAX_SAFE_INTEGER, id: '\uffff' };
  const at = cursor.indexOf(':');
  return { openedAt: Number(cursor.slice(0, at)), id: cursor.slice(at + 1) };
}

export class IncidentRepository {
  private readonly latestFor;
  private readonly knownTrigger;
  private readonly insert;
  private readonly addEvidence;
  private readonly lastEvidence;
  private readonly widen;
  private readonly byId;
  private readonly page;
  private readonly evidenceSeqs;
  private readonly setStatusStatement;
  private readonly linkAlertStatement;
  private readonly monitorState;
  private readonly setScanned;
  private readonly setVerified;
  private readonly subjectsSince;

  constructor(private readonly db: SqliteDatabase) {
    this.latestFor = db.prepare<[string, string], { id: string; status: IncidentStatus; window_end: number; severity: Severity }>(
      'SELECT id, status, window_end, severity FROM security_incidents WHERE rule = ? AND subject_key = ? ORDER BY window_end DESC LIMIT 1',
    );
    this.knownTrigger = db.prepare<[number, string], { known: number }>(
      `SELECT EXISTS (SELECT 1 FROM security_incident_evidence e JOIN security_incidents i ON i.id = e.incident_id
        WHERE e.audit_seq = ? AND i.rule = ?) AS known`,
    );
    this.insert = db.prepare(
      `INSERT INTO security_incidents (id, rule, severity, subject_key, subject_user_id, subject_name, status, summary, window_start, window_end, opened_at, updated_at)
       VALUES (@id, @rule, @severity, @subjectKey, @subjectUserId, @subjectName, 'open', @summary, @windowStart, @windowEnd, @now, @now)`,
    );
    this.addEvidence = db.prepare<[string, number]>('INSERT OR IGNORE INTO security_incident_evidence (incident_id, audit_seq) VALUES (?, ?)');
    this.lastEvidence = db.prepare<[string], { seq: number | null }>('SELECT max(audit_seq) AS seq FROM security_incident_evidence WHERE incident_id = ?');
    this.widen = db.prepare(
      `UPDATE security_incidents SET window_start = min(window_start, @windowStart), window_end = max(window_end, @windowEnd),
         summary = @summary, severity = @severity, updated_at = @now WHERE id = @id`,
    );
    this.byId = db.prepare<[string], IncidentRow>(`${SELECT_INCIDENT} WHERE i.id = ?`);
    this.page = db.prepare<[PageParameters], IncidentRow>(
      `${SELECT_INCIDENT}
       WHERE (@status IS NULL OR i.status = @status) AND (@severity IS NULL OR i.severity = @severity)
         AND (@subject IS NULL OR i.subject_user_id = @subject)
         AND (i.opened_at < @openedAt OR (i.opened_at = @openedAt AND i.id < @id))
       ORDER BY i.opened_at DESC, i.id DESC LIMIT @limit`,
    );
    this.evidenceSeqs = db.prepare<[string, number], { audit_seq: number }>(
      'SELECT audit_seq FROM security_incident_evidence WHERE incident_id = ? ORDER BY audit_seq LIMIT ?',
    );
    this.setStatusStatement = db.prepare(
      `UPDATE security_incidents SET status = @status, updated_at = @now, resolution_note = @note, resolved_by = @byId,
         resolved_by_name = @byName, resolved_at = @resolvedAt WHERE id = @id`,
    );
    this.linkAlertStatement = db.prepare<[string, string]>('UPDATE security_incidents SET alert_id = ? WHERE id = ?');
    this.monitorState = db.prepare<[], { scanned_seq: number; verified_seq: number; verified_hash: string | null }>(
      'SELECT scanned_seq, verified_seq, verified_hash FROM security_monitor WHERE id = 1',
    );
    this.setScanned = db.prepare<[number]>('UPDATE security_monitor SET scanned_seq = ? WHERE id = 1');
    this.setVerified = db.prepare<[number, string | null]>('UPDATE security_monitor SET verified_seq = ?, verified_hash = ? WHERE id = 1');
    this.subjectsSince = db.prepare<[number], IncidentRow>(
      `${SELECT_INCIDENT} WHERE i.subject_user_id IS NOT NULL AND i.window_end >= ? ORDER BY i.window_end DESC`,
    );
  }

  /**
   * Makes a firing an incident, or folds it into the latest unresolved incident of the same rule and
   * subject when their windows meet. A firing whose triggering row some incident of the rule already
   * holds (a rescan) changes nothing. Run inside the scan's transaction.
   */
  record(firing: Firing, now: number): RecordOutcome {
    if (this.knownTrigger.get(firing.triggerSeq, firing.rule)?.known === 1) return { kind: 'known' };
    const subjectKey = subjectKeyOf(firing.subject);
    const latest = this.latestFor.get(firing.rule, subjectKey);
    if (latest && latest.status !== 'resolved' && latest.window_end >= firing.windowStart - firing.foldWithinMs) {
      const severity = SEVERITY_RANK[firing.severity] > SEVERITY_RANK[latest.severity] ? firing.severity : latest.severity;
      this.widen.run({ id: latest.id, windowStart: firing.windowStart, windowEnd: firing.windowEnd, summary: firing.summary, severity, now });
      // Only rows after the incident's last evidence row: each firing of a burst repeats the rows
      // before it, and adding them again would cost the square of the burst. (A row copied in late
      // with an older time, between two firings, is left out; the trigger row never is.)
      const known = this.lastEvidence.get(latest.id)?.seq ?? 0;
      for (const seq of firing.evidence) if (seq > known) this.addEvidence.run(latest.id, seq);
      return { kind: 'extended', incidentId: latest.id };
    }
    const id = uuidv7(now);
    this.insert.run({
      id, rule: firing.rule, severity: firing.severity, subjectKey, subjectUserId: firing.subject?.id ?? null, subjectName: firing.subject?.name ?? null,
      summary: firing.summary, windowStart: firing.windowStart, windowEnd: firing.windowEnd, now,
    });
    for (const seq of firing.evidence) this.addEvidence.run(id, seq);
    return { kind: 'opened', incidentId: id };
  }

  get(id: string): SecurityIncident | null {
    const row = this.byId.get(id);
    return row ? toIncident(row) : null;
  }

  list(filter: IncidentFilter, cursor: string | undefined, limit: number): SecurityIncidentPage {
    const after = decodeCursor(cursor);
    const rows = this.page.all({
      status: filter.status ?? null, severity: filter.severity ?? null, subject: filter.subjectUserId ?? null,
      openedAt: after.openedAt, id: after.id, limit: limit + 1,
    });
    const shown = rows.slice(0, limit);
    const last = shown[shown.length - 1];
    return { incidents: shown.map(toIncident), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  evidenceOf(id: string, limit: number): number[] {
    return this.evidenceSeqs.all(id, limit).map((row) => row.audit_seq);
  }

  setStatus(id: string, status: IncidentStatus, resolution: { note: string; by: IncidentPerson } | null, now: number): void {
    this.setStatusStatement.run({
      id, status, now, note: resolution?.note ?? null, byId: resolution?.by.id ?? null, byName: resolution?.by.name ?? null,
      resolvedAt: status === 'resolved' ? now : null,
    });
  }

  linkAlert(id: string, alertId: string): void {
    this.linkAlertStatement.run(alertId, id);
  }

  /** Incidents about a person whose window ended since `since`, newest first (the risk scores). */
  aboutPeopleSince(since: number): SecurityIncident[] {
    return this.subjectsSince.all(since).map(toIncident);
  }

  scannedSeq(): number {
    return this.monitorState.get()?.scanned_seq ?? 0;
  }

  markScanned(seq: number): void {
    this.setScanned.run(seq);
  }

  verifiedHead(): AuditHead | null {
    const state = this.monitorState.get();
    return state && state.verified_hash !== null ? { seq: state.verified_seq, hash: state.verified_hash } : null;
  }

  markVerified(head: AuditHead | null): void {
    this.setVerified.run(head?.seq ?? 0, head?.hash ?? null);
  }

  /** For a whole rescan: the cursor back to the start (incidents stay; a rescan adds only what is missing). */
  rewind(): void {
    this.setScanned.run(0);
  }
}
