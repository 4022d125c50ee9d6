// Takes alerts back out of an investigation (investigations.unlinkAlerts): each alert leaves the
// case for UNLINKED_ALERT_STATUS, and a removal row (status before and after, who, when, why) goes to
// the append-only investigation_alert_removals, which the timeline reads. All of it, for every alert
// named, in one transaction: an alert not in the case refuses the whole call, and a failure part way
// leaves nothing written. The case's entities need no write of their own: the link graph and the
// entity count are read from the alerts still in the case, so an entity only this alert carried
// leaves them and one another alert carries stays.
import { VigilError } from '../../src-shared/errors';
import { UNLINKED_ALERT_STATUS, type UnlinkSummary } from '../../src-shared/investigation-views-contract';
import type { SqliteDatabase } from '../store/database';
import { uuidv7 } from '../store/ids';
import type { RowContext } from '../store/row-context';
import type { InvestigationLookup } from './investigation-lookup';
import type { InvestigationRepository } from './investigation-repository';

export interface UnlinkRequest {
  investigationId: string;
  alertIds: readonly string[];
  reason?: string | undefined;
  userId: string;
}

export class AlertRemovals {
  private readonly inCase;
  private readonly release;
  private readonly insertRemoval;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly row: RowContext,
    private readonly lookup: InvestigationLookup,
    private readonly records: InvestigationRepository,
  ) {
    this.inCase = db.prepare<[string, string], { id: string; status: string }>(
      'SELECT id, status FROM alerts WHERE investigation_id = ? AND deleted_at IS NULL AND id IN (SELECT value FROM json_each(?))',
    );
    this.release = db.prepare(
      `UPDATE alerts SET status = ?, investigation_id = NULL, dismiss_reason = NULL, updated_at = ?, updated_hlc = ?, origin_device = ?
       WHERE id = ? AND investigation_id = ?`,
    );
    this.insertRemoval = db.prepare(
      `INSERT INTO investigation_alert_removals (id, investigation_id, operation_id, alert_id, from_status, to_status, reason, at, user_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  unlink(request: UnlinkRequest): UnlinkSummary {
    const ids = [...new Set(request.alertIds)];
    return this.db.transaction(() => {
      // A closed case is a record: it is reopened before its alerts change (as for adding them).
      this.lookup.requireOpen(request.investigationId, 'alerts');
      const found = this.inCase.all(request.investigationId, JSON.stringify(ids));
      if (found.length !== ids.length) {
        throw new VigilError('CONFLICT', `${ids.length - found.length} of the ${ids.length} alerts are not in this investigation: nothing was removed`, {
          requested: ids.length, inCase: found.length,
        });
      }
      const operationId = uuidv7(this.row.now());
      const reason = request.reason?.trim() || null;
      for (const alert of found) {
        const now = this.row.now();
        const hlc = this.row.hlc();
        this.release.run(UNLINKED_ALERT_STATUS, now, hlc, this.row.device, alert.id, request.investigationId);
        this.row.changes.record('alerts', alert.id, ['status', 'investigation_id', 'dismiss_reason'], hlc);
        const removalId = uuidv7(now);
        this.insertRemoval.run(removalId, request.investigationId, operationId, alert.id, alert.status, UNLINKED_ALERT_STATUS, reason, now, request.userId);
        this.row.changes.record('investigation_alert_removals', removalId,
          ['investigation_id', 'operation_id', 'alert_id', 'from_status', 'to_status', 'reason', 'user_id'], this.row.hlc());
      }
      this.records.touch(request.investigationId);
      return { removed: found.length, status: UNLINKED_ALERT_STATUS };
    })();
  }
}
