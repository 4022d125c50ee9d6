// One investigation as a file: the case itself, its alerts and their entities, notes, findings,
// actions and evidence metadata (never evidence bytes: those leave one by one through
// evidence.export, which the custody trail records). Everything through the caller's PII lens;
// the case's own PII entities are passed to the lens so accounts in free text are masked too.
import type { ActionItem, EntityRef, ExportFile, UserRef } from '../../src-shared/workspace-model';
import { toActionItem } from '../actions/action-view';
import type { ActionsRepository } from '../actions/actions-repository';
import type { UserRefs } from '../auth/user-refs';
import type { EntityKind } from '../entities/entity-kinds';
import type { EvidenceRepository } from '../evidence/evidence-repository';
import type { PiiLens } from '../pii/pii-lens';
import type { SqliteDatabase } from '../store/database';
import type { AlertExporter, ExportedAlert } from './alert-export';
import { csvRow, type CsvValue } from '../../src-shared/csv';
import { throwIfCancelled } from '../jobs/job-registry';

/** The most alerts one investigation export carries (the alert export's own ceiling). */
const MAX_ALERTS = 200_000;

interface InvestigationRow {
  id: string;
  key: string;
  title: string;
  summary: string;
  status: string;
  resolution: string | null;
  severity: string;
  assignee_id: string | null;
  tags: string;
  sla_due_at: number | null;
  opened_at: number;
  closed_at: number | null;
  created_by: string | null;
}

export interface InvestigationExport {
  investigation: {
    id: string; key: string; title: string; summary: string; status: string; resolution: string | null; severity: string;
    tags: string[]; assignee: UserRef | null; createdBy: UserRef | null; openedAt: string; closedAt: string | null; slaDueAt: string | null;
  };
  alerts: ExportedAlert[];
  entities: EntityRef[];
  notes: { id: string; createdAt: string; author: UserRef | null; body: string }[];
  findings: { id: string; createdAt: string; updatedAt: string; author: UserRef | null; title: string; body: string }[];
  actions: ActionItem[];
  evidence: { id: string; fileName: string; mediaType: string; size: number; sha256: string; description: string; addedBy: UserRef | null; addedAt: string }[];
}

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export class InvestigationExporter {
  private readonly investigation;
  private readonly entities;
  private readonly notes;
  private readonly findings;

  constructor(
    db: SqliteDatabase,
    private readonly deps: { alerts: AlertExporter; actions: ActionsRepository; evidence: EvidenceRepository; users: UserRefs },
  ) {
    this.investigation = db.prepare<[string], InvestigationRow>('SELECT * FROM investigations WHERE id = ? AND deleted_at IS NULL');
    this.entities = db.prepare<[string, string], { id: string; kind: EntityKind; value: string }>(
      `SELECT e.id, e.kind, e.value FROM entities e WHERE e.rid IN (
         SELECT ae.entity_rid FROM alerts a JOIN alert_entities ae ON ae.alert_rid = a.rid WHERE a.investigation_id = ? AND a.deleted_at IS NULL)
       OR e.id IN (SELECT t.entity_id FROM actions x JOIN action_targets t ON t.action_id = x.id WHERE x.investigation_id = ? AND x.deleted_at IS NULL)
       ORDER BY e.kind, e.value`,
    );
    this.notes = db.prepare<[string], { id: string; body: string; author_id: string | null; created_at: number }>(
      'SELECT id, body, author_id, created_at FROM notes WHERE investigation_id = ? AND deleted_at IS NULL ORDER BY created_at, id',
    );
    this.findings = db.prepare<[string], { id: string; title: string; body: string; author_id: string | null; created_at: number; updated_at: number }>(
      'SELECT id, title, body, author_id, created_at, updated_at FROM findings WHERE investigation_id = ? AND deleted_at IS NULL ORDER BY created_at, id',
    );
  }

  /** Null when there is no such investigation. */
  async collect(investigationId: string, lens: PiiLens, signal?: AbortSignal): Promise<InvestigationExport | null> {
    const inv = this.investigation.get(investigationId);
    if (!inv) return null;
    const user = this.deps.users.resolver();
    const entities = this.entities.all(investigationId, investigationId);
    const text = (value: string) => lens.text(value, entities);
    const alerts: ExportedAlert[] = [];
    for await (const page of this.deps.alerts.alerts({ investigationId }, MAX_ALERTS, lens)) {
      throwIfCancelled(signal);
      alerts.push(...page);
    }
    const actions = this.deps.actions.list({ investigationId }).map((a) => toActionItem(a, this.deps.actions.targets(a.id), lens, user));
    return {
      investigation: {
        id: inv.id, key: inv.key, title: text(inv.title), summary: text(inv.summary), status: inv.status, resolution: inv.resolution,
        severity: inv.severity, tags: JSON.parse(inv.tags) as string[], assignee: user(inv.assignee_id), createdBy: user(inv.created_by),
        openedAt: iso(inv.opened_at), closedAt: isoOrNull(inv.closed_at), slaDueAt: isoOrNull(inv.sla_due_at),
      },
      alerts,
      entities: entities.map((e) => lens.entity(e)),
      notes: this.notes.all(investigationId).map((n) => ({ id: n.id, createdAt: iso(n.created_at), author: user(n.author_id), body: text(n.body) })),
      findings: this.findings.all(investigationId).map((f) => ({
        id: f.id, createdAt: iso(f.created_at), updatedAt: iso(f.updated_at), author: user(f.author_id), title: text(f.title), body: text(f.body),
      })),
      actions,
      evidence: this.deps.evidence.list(investigationId).map((e) => ({
        id: e.id, fileName: text(e.fileName), mediaType: e.mediaType, size: e.size, sha256: e.sha256, description: text(e.description),
        addedBy: user(e.addedBy), addedAt: iso(e.addedAt),
      })),
    };
  }
}

export const INVESTIGATION_CSV_COLUMNS = ['record', 'id', 'at', 'by', 'kind', 'status', 'title', 'text'] as const;

const who = (u: UserRef | null) => u?.username ?? null;

/** One table, a row per record, the record type in the first column: opens in any spreadsheet. */
export function investigationCsv(data: InvestigationExport): { content: string; rows: number } {
  const rows: CsvValue[][] = [];
  const i = data.investigation;
  rows.push(['investigation', i.id, i.openedAt, who(i.createdBy), i.severity, i.resolution ? `${i.status} (${i.resolution})` : i.status, `${i.key} ${i.title}`, i.summary]);
  for (const a of data.alerts) rows.push(['alert', a.id, a.occurredAt, null, a.severity, a.status, a.title, a.description]);
  for (const e of data.entities) rows.push(['entity', e.id, null, null, e.kind, null, e.value, null]);
  for (const n of data.notes) rows.push(['note', n.id, n.createdAt, who(n.author), null, null, null, n.body]);
  for (const f of data.findings) rows.push(['finding', f.id, f.createdAt, who(f.author), null, null, f.title, f.body]);
  for (const a of data.actions) {
    rows.push(['action', a.id, iso(a.proposedAt), who(a.proposedBy), a.kind, a.status, a.targets.map((t) => `${t.kind}:${t.value}`).join('; '), a.reason]);
  }
  for (const e of data.evidence) rows.push(['evidence', e.id, e.addedAt, who(e.addedBy), e.mediaType, null, e.fileName, `sha256 ${e.sha256}, ${e.size} bytes${e.description ? `; ${e.description}` : ''}`]);
  return { content: [csvRow([...INVESTIGATION_CSV_COLUMNS]), ...rows.map(csvRow)].join(''), rows: rows.length };
}

export function investigationFile(data: InvestigationExport, format: 'csv' | 'json', lens: PiiLens): ExportFile {
  const base = `vigil-${data.investigation.key}`;
  if (format === 'csv') {
    const { content, rows } = investigationCsv(data);
    return { fileName: `${base}.csv`, mediaType: 'text/csv; charset=utf-8', content, rows, masked: !lens.seesAll };
  }
  const rows = 1 + data.alerts.length + data.entities.length + data.notes.length + data.findings.length + data.actions.length + data.evidence.length;
  return { fileName: `${base}.json`, mediaType: 'application/json', content: `${JSON.stringify(data, null, 2)}\n`, rows, masked: !lens.seesAll };
}
