// An investigation's story, oldest first: status changes, alerts added (one item per promote or
// merge operation, however many batches it took) and removed (one item per removal), notes, findings, tasks (added, done), evidence
// and actions (proposed, decided, executed, reverted). Text goes through the caller's view.
import type { InvestigationStatus, Resolution, TimelineItem } from '../../src-shared/workspace-model';
import type { SqliteDatabase } from '../store/database';
import type { ReadView } from './read-view';

const SNIPPET = 120;

interface StatusRow { id: string; at: number; user_id: string | null; from_status: InvestigationStatus | null; to_status: InvestigationStatus; resolution: Resolution | null; reason: string | null }
interface AdditionRow { id: string; at: number; user_id: string | null; via: 'promote' | 'merge'; alerts: number }
interface RemovalRow { id: string; at: number; user_id: string | null; alerts: number; title: string; to_status: string; reason: string | null }
interface TextRow { id: string; at: number; user_id: string | null; text: string }
interface TaskRow { id: string; created_at: number; completed_at: number | null; assignee_id: string | null; title: string }
interface ActionRow {
  id: string; kind: string; status: string; proposed_by: string; proposed_at: number; decided_by: string | null; decided_at: number | null;
  executed_by: string | null; executed_at: number | null; reverted_by: string | null; reverted_at: number | null;
}

export class InvestigationTimeline {
  private readonly status;
  private readonly additions;
  private readonly removals;
  private readonly notes;
  private readonly findings;
  private readonly tasks;
  private readonly evidence;
  private readonly actions;

  constructor(db: SqliteDatabase) {
    this.status = db.prepare<[string], StatusRow>(
      'SELECT id, at, user_id, from_status, to_status, resolution, reason FROM investigation_status_log WHERE investigation_id = ? ORDER BY at, rowid',
    );
    this.additions = db.prepare<[string], AdditionRow>(
      `SELECT min(id) AS id, min(at) AS at, min(user_id) AS user_id, min(via) AS via, sum(alert_count) AS alerts
       FROM investigation_alert_additions WHERE investigation_id = ? GROUP BY operation_id ORDER BY min(at), min(rowid)`,
    );
    // One item per removal; a single alert is named (its title goes through the caller's view).
    this.removals = db.prepare<[string], RemovalRow>(
      `SELECT min(r.id) AS id, min(r.at) AS at, min(r.user_id) AS user_id, count(*) AS alerts, min(a.title) AS title, min(r.to_status) AS to_status, min(r.reason) AS reason
       FROM investigation_alert_removals r JOIN alerts a ON a.id = r.alert_id
       WHERE r.investigation_id = ? GROUP BY r.operation_id ORDER BY min(r.at), min(r.rowid)`,
    );
    this.notes = db.prepare<[string], TextRow>('SELECT id, created_at AS at, author_id AS user_id, body AS text FROM notes WHERE investigation_id = ? AND deleted_at IS NULL');
    this.findings = db.prepare<[string], TextRow>('SELECT id, created_at AS at, author_id AS user_id, title AS text FROM findings WHERE investigation_id = ? AND deleted_at IS NULL');
    this.tasks = db.prepare<[string], TaskRow>('SELECT id, created_at, completed_at, assignee_id, title FROM tasks WHERE investigation_id = ? AND deleted_at IS NULL');
    this.evidence = db.prepare<[string], TextRow>('SELECT id, added_at AS at, added_by AS user_id, file_name AS text FROM evidence WHERE investigation_id = ? AND deleted_at IS NULL');
    this.actions = db.prepare<[string], ActionRow>(
      `SELECT id, kind, status, proposed_by, proposed_at, decided_by, decided_at, executed_by, executed_at, reverted_by, reverted_at
       FROM actions WHERE investigation_id = ? AND deleted_at IS NULL`,
    );
  }

  items(investigationId: string, view: ReadView): TimelineItem[] {
    const text = (t: string) => view.text(investigationId, t);
    const items: TimelineItem[] = [];
    for (const r of this.status.all(investigationId)) {
      items.push({ at: r.at, kind: 'status', refId: r.id, title: statusTitle(r, text), by: view.user(r.user_id) });
    }
    for (const r of this.additions.all(investigationId)) {
      const alerts = `${r.alerts} alert${r.alerts === 1 ? '' : 's'}`;
      items.push({ at: r.at, kind: 'alert', refId: r.id, title: r.via === 'promote' ? `Promoted from ${alerts}` : `${alerts} added`, by: view.user(r.user_id) });
    }
    for (const r of this.removals.all(investigationId)) {
      const what = r.alerts === 1 ? `alert removed: ${text(r.title)}` : `${r.alerts} alerts removed`;
      const because = r.reason ? ` — ${snippet(text(r.reason))}` : '';
      items.push({ at: r.at, kind: 'alert', refId: r.id, title: `${what[0]?.toUpperCase() ?? ''}${what.slice(1)} (back to ${r.to_status})${because}`, by: view.user(r.user_id) });
    }
    for (const r of this.notes.all(investigationId)) items.push({ at: r.at, kind: 'note', refId: r.id, title: `Note: ${snippet(text(r.text))}`, by: view.user(r.user_id) });
    for (const r of this.findings.all(investigationId)) items.push({ at: r.at, kind: 'finding', refId: r.id, title: `Finding: ${text(r.text)}`, by: view.user(r.user_id) });
    for (const r of this.tasks.all(investigationId)) {
      items.push({ at: r.created_at, kind: 'task', refId: r.id, title: `Task added: ${text(r.title)}`, by: null });
      if (r.completed_at !== null) items.push({ at: r.completed_at, kind: 'task', refId: r.id, title: `Task done: ${text(r.title)}`, by: view.user(r.assignee_id) });
    }
    for (const r of this.evidence.all(investigationId)) items.push({ at: r.at, kind: 'evidence', refId: r.id, title: `Evidence added: ${text(r.text)}`, by: view.user(r.user_id) });
    for (const r of this.actions.all(investigationId)) {
      const kind = r.kind.replace(/_/g, ' ');
      items.push({ at: r.proposed_at, kind: 'action', refId: r.id, title: `Action proposed: ${kind}`, by: view.user(r.proposed_by) });
      if (r.decided_at !== null) {
        items.push({ at: r.decided_at, kind: 'action', refId: r.id, title: `Action ${r.status === 'rejected' ? 'rejected' : 'approved'}: ${kind}`, by: view.user(r.decided_by) });
      }
      if (r.executed_at !== null) items.push({ at: r.executed_at, kind: 'action', refId: r.id, title: `Action executed: ${kind}`, by: view.user(r.executed_by) });
      if (r.reverted_at !== null) items.push({ at: r.reverted_at, kind: 'action', refId: r.id, title: `Action reverted: ${kind}`, by: view.user(r.reverted_by) });
    }
    // Stable: items at the same instant keep the order above (status first, as it usually causes the rest).
    return items.map((item, index) => ({ item, index })).sort((a, b) => a.item.at - b.item.at || a.index - b.index).map(({ item }) => item);
  }
}

function statusTitle(r: StatusRow, text: (t: string) => string): string {
  const name = (s: InvestigationStatus) => s.replace('_', ' ');
  const because = r.reason ? ` — ${snippet(text(r.reason))}` : '';
  if (r.from_status === null) return `Opened as ${name(r.to_status)}${because}`;
  if (r.to_status === 'closed') return `Closed as ${(r.resolution ?? 'unresolved').replace('_', ' ')}${because}`;
  if (r.from_status === 'closed') return `Reopened${because}`;
  return `Moved from ${name(r.from_status)} to ${name(r.to_status)}${because}`;
}

function snippet(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > SNIPPET ? `${line.slice(0, SNIPPET - 1)}…` : line;
}
