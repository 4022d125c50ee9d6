// Schema v11: live alerts per quarter hour × source × severity, for the Analytics screen's volume by
// source and by severity in any zone's local days (a local day is a whole sum of quarter hours, as for
// alert_quarter_counts in v9). A table of its own, not columns on alert_quarter_counts: the forecast
// reads three years of that one, which stays a row per quarter.
//
// Kept by triggers like v9's rollups, in the transaction of the change it counts, so a figure is never
// behind the list it opens; store/analytics-rollups.ts rebuilds it from the alerts. An insert costs
// one upsert; an update touches it only when the time, source, severity or deletion changes.
import type { Migration } from './migration';
import { QUARTER_HOUR_MS } from './009-analytics-rollups';

const add = `
  INSERT INTO alert_quarter_breakdown (quarter, source, severity, n)
    SELECT NEW.occurred_at / ${QUARTER_HOUR_MS}, NEW.source, NEW.severity, 1 WHERE NEW.deleted_at IS NULL
    ON CONFLICT (quarter, source, severity) DO UPDATE SET n = n + 1;`;

const remove = `
  UPDATE alert_quarter_breakdown SET n = n - 1
    WHERE OLD.deleted_at IS NULL AND quarter = OLD.occurred_at / ${QUARTER_HOUR_MS} AND source = OLD.source AND severity = OLD.severity;`;

/** The triggers that keep the breakdown; v19 re-creates them on its rebuilt alerts table. */
export const ALERT_BREAKDOWN_TRIGGERS_SQL = `
CREATE TRIGGER alerts_breakdown_insert AFTER INSERT ON alerts BEGIN ${add}
END;
CREATE TRIGGER alerts_breakdown_delete AFTER DELETE ON alerts BEGIN ${remove}
END;
CREATE TRIGGER alerts_breakdown_update AFTER UPDATE OF occurred_at, source, severity, deleted_at ON alerts
  WHEN OLD.occurred_at IS NOT NEW.occurred_at OR OLD.source IS NOT NEW.source OR OLD.severity IS NOT NEW.severity OR OLD.deleted_at IS NOT NEW.deleted_at
BEGIN ${remove}${add}
END;
`;

/** Counts every live alert into the (empty) breakdown. */
export const FILL_ALERT_BREAKDOWN_SQL = `
INSERT INTO alert_quarter_breakdown (quarter, source, severity, n)
  SELECT occurred_at / ${QUARTER_HOUR_MS}, source, severity, count(*) FROM alerts WHERE deleted_at IS NULL GROUP BY 1, 2, 3;
`;

export const alertVolumeBreakdown: Migration = {
  version: 11,
  name: 'alert-volume-breakdown',
  sql: `
CREATE TABLE alert_quarter_breakdown (
  quarter INTEGER NOT NULL,
  source TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('low','medium','high','critical')),
  n INTEGER NOT NULL,
  PRIMARY KEY (quarter, source, severity)
) WITHOUT ROWID, STRICT;

${ALERT_BREAKDOWN_TRIGGERS_SQL}
${FILL_ALERT_BREAKDOWN_SQL}`,
};
