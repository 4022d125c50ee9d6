// Triage on sets of alerts: verdicts and assignment in bulk, promote (a new investigation from the
// alerts) and merge (into an existing, non-closed one). Alert additions are recorded per batch
// under one operation id, so the investigation's timeline shows each promote or merge once.
import { VigilError } from '../../src-shared/errors';
import type { Severity } from '../../src-shared/model';
import type { PromotionSeverityPreview } from '../../src-shared/promotion-contract';
import { promotionSeverity } from '../../src-shared/promotion-severity';
import type { BulkResult, TemplateId } from '../../src-shared/workspace-model';
import { templateById } from '../investigations/templates';
import type { InvestigationDraft, InvestigationRecord } from '../investigations/investigation-repository';
import type { InvestigationStore } from '../investigations/investigation-store';
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { RowContext } from '../store/row-context';
import { ALERT_ABOUT_PERSON_SQL, exceptAboutPerson, ownIncidentRefusal, type OwnIncidentAlerts } from '../security/four-eyes';
import { alertChangeFor, type AlertChange, type TriageAction } from './alert-changes';
import { BulkRunner, type AlertSelection } from './bulk-runner';

export type Progress = (done: number, total: number) => void;
type VerdictAction = Exclude<TriageAction, { kind: 'link' }>;

export class TriageService {
  private readonly runner: BulkRunner;
  private readonly insertAddition;

  constructor(db: SqliteDatabase, private readonly row: RowContext, private readonly investigations: InvestigationStore, private readonly ownIncidents: OwnIncidentAlerts) {
    this.runner = new BulkRunner(db, row);
    this.insertAddition = db.prepare(
      `INSERT INTO investigation_alert_additions (id, investigation_id, operation_id, via, alert_count, at, user_id) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /**
   * `at` dates each alert's change (a replayed history: demo data); now when absent. `actorId`, the
   * person acting, never changes an alert about their own security incident (four eyes).
   */
  async bulk(selection: AlertSelection, action: VerdictAction, progress?: Progress, at?: (alertId: string) => number, actorId?: string): Promise<BulkResult> {
    if (action.kind === 'assign' && action.assigneeId !== null) this.investigations.directory.requireAssignable(action.assigneeId);
    const own = actorId === undefined ? 0 : this.ownIncidentAlerts(selection, actorId);
    const change = actorId === undefined ? alertChangeFor(action) : exceptAboutPerson(alertChangeFor(action), actorId);
    this.runner.checkExpected(selection, this.runner.measure(selection, change));
    return withOwnIncidents(await this.runner.run(selection, change, { ...(progress ? { progress } : {}), ...(at ? { at } : {}) }), own);
  }

  /** A new investigation from the draft (and its template), with the selected alerts linked to it. */
  async promote(selection: AlertSelection, draft: InvestigationDraft, userId: string, progress?: Progress): Promise<{ investigation: InvestigationRecord; result: BulkResult }> {
    // The analyst who promotes takes the case unless the draft says otherwise (null: nobody yet).
    const assigneeId = draft.assigneeId === undefined ? userId : draft.assigneeId;
    if (assigneeId) this.investigations.directory.requireAssignable(assigneeId);
    // The id is not known yet, so the "already linked" count is zero and any drift is a conflict.
    const measured = this.runner.measure(selection, alertChangeFor({ kind: 'link', investigationId: '' }));
    this.runner.checkExpected(selection, { live: measured.live, already: 0 });
    if (measured.live === 0) throw new VigilError('VALIDATION', 'No alerts match the selection: nothing to promote');
    const own = this.ownIncidentAlerts(selection, userId);
    const floored = { ...draft, severity: this.promotionSeverity(selection, draft.templateId, draft.severity).severity };
    // Created inside the first batch's transaction, so a failure there leaves no empty investigation.
    const made: { record: InvestigationRecord | null } = { record: null };
    const operationId = uuidv7(this.row.now());
    const result = await this.runner.run(selection, () => exceptAboutPerson(alertChangeFor({ kind: 'link', investigationId: made.record?.id ?? '' }), userId), {
      first: () => { made.record = this.investigations.records.create({ ...floored, assigneeId }, userId); },
      afterBatch: (changed) => { if (made.record) this.recordAddition(made.record.id, operationId, 'promote', changed, userId); },
      ...(progress ? { progress } : {}),
    });
    if (!made.record) throw new Error('promote created no investigation');
    return { investigation: this.investigations.records.require(made.record.id), result: withOwnIncidents(result, own) };
  }

  /**
   * The severity promoting the selection would give: the analyst's pick, else the template's raised
   * to the highest alert's (src-shared/promotion-severity.ts).
   */
  promotionSeverity(selection: AlertSelection, templateId: TemplateId | undefined, chosen?: Severity): PromotionSeverityPreview {
    const template = templateById(templateId ?? 'blank').severity;
    const highestAlert = this.runner.highestSeverity(selection);
    return { severity: promotionSeverity({ chosen, template, highestAlert }), template, highestAlert };
  }

  /** Links the selected alerts into an existing investigation; a closed one must be reopened first. */
  async merge(selection: AlertSelection, investigationId: string, userId: string, progress?: Progress): Promise<BulkResult> {
    this.investigations.lookup.requireOpen(investigationId, 'alerts');
    return this.linkAlerts(selection, investigationId, 'merge', userId, progress);
  }

  /**
   * Links alerts to an investigation whatever its status (merge checks that first; demo data links
   * closed cases too, at the time `at` of a replayed history).
   */
  async linkAlerts(selection: AlertSelection, investigationId: string, via: 'promote' | 'merge', userId: string, progress?: Progress, at?: number): Promise<BulkResult> {
    const own = this.ownIncidentAlerts(selection, userId);
    const change: AlertChange = exceptAboutPerson(alertChangeFor({ kind: 'link', investigationId }), userId);
    this.runner.checkExpected(selection, this.runner.measure(selection, change));
    const operationId = uuidv7(this.row.now());
    return withOwnIncidents(await this.runner.run(selection, change, {
      afterBatch: (changed) => this.recordAddition(investigationId, operationId, via, changed, userId, at),
      ...(progress ? { progress } : {}),
      ...(at === undefined ? {} : { at: () => at }),
    }), own);
  }

  /**
   * Four eyes: how many of the selection's alerts are about the person acting (they are left as they
   * are). A selection of nothing else is refused outright, so acting on one's own incident alert
   * never looks like a success that changed nothing.
   */
  private ownIncidentAlerts(selection: AlertSelection, actorId: string): number {
    if (!this.ownIncidents.anyAbout(actorId)) return 0;
    const own = this.runner.count(selection, ALERT_ABOUT_PERSON_SQL, [actorId]);
    if (own > 0 && own === this.runner.count(selection)) throw ownIncidentRefusal(own === 1 ? 'This alert' : 'Every selected alert', { skipped: own });
    return own;
  }

  private recordAddition(investigationId: string, operationId: string, via: 'promote' | 'merge', count: number, userId: string, at = this.row.now()): void {
    if (count === 0) return;
    const id = uuidv7(this.row.now());
    this.insertAddition.run(id, investigationId, operationId, via, count, at, userId);
    this.row.changes.record('investigation_alert_additions', id, ['investigation_id', 'operation_id', 'via', 'alert_count', 'user_id'], this.row.hlc());
    this.investigations.records.touch(investigationId);
  }
}

/** The result, saying how many alerts were left alone because they are about the caller (only when some were). */
function withOwnIncidents(result: BulkResult, own: number): BulkResult {
  if (own === 0) return result;
  return { affected: result.affected, unchanged: Math.max(0, result.unchanged - own), ownIncidents: own };
}
