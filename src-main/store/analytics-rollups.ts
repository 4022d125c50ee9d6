// Rebuilds every analytics rollup (schemas v9 and v11) from the rows it counts, in one transaction: after a
// bulk load that bypassed the triggers, or when a check finds a rollup that disagrees with its rows.
import { CaseLifecycleTable } from './case-lifecycle-table';
import type { SqliteDatabase } from './database';
import { FILL_ALERT_ROLLUPS_SQL } from './migrations/009-analytics-rollups';
import { FILL_ALERT_BREAKDOWN_SQL } from './migrations/011-alert-volume-breakdown';

export function rebuildAnalyticsRollups(db: SqliteDatabase): void {
  db.transaction(() => {
    db.exec(`DELETE FROM alert_quarter_counts; DELETE FROM alert_day_outcomes; DELETE FROM alert_quarter_breakdown;
      ${FILL_ALERT_ROLLUPS_SQL} ${FILL_ALERT_BREAKDOWN_SQL}`);
    new CaseLifecycleTable(db).rebuildAll();
  })();
}
