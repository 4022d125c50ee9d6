// Schema v32: the alerts' insert triggers — full text (alerts_fts) and the analytics rollups of v9
// and v11 — fire only while `derived_by_trigger()` is true. Every connection to a vault defines it,
// true but for a writer that inserts many alerts in one transaction and derives their rows itself
// with set-based statements before it commits (store/alert-derivations.ts; a pull page). The
// bodies are unchanged. Frozen with v32.
import type { Migration } from './migration';
import { QUARTER_HOUR_MS, UTC_DAY_MS, alertOutcomeSql } from './009-analytics-rollups';

export const deferrableAlertDerivations: Migration = {
  version: 32,
  name: 'deferrable-alert-derivations',
  sql: `
DROP TRIGGER alerts_fts_insert;
CREATE TRIGGER alerts_fts_insert AFTER INSERT ON alerts WHEN derived_by_trigger() BEGIN
  INSERT INTO alerts_fts(rowid, title, description) VALUES (new.rid, new.title, new.description);
END;
DROP TRIGGER alerts_rollup_insert;
CREATE TRIGGER alerts_rollup_insert AFTER INSERT ON alerts WHEN derived_by_trigger() BEGIN
  INSERT INTO alert_quarter_counts (quarter, n) SELECT NEW.occurred_at / ${QUARTER_HOUR_MS}, 1 WHERE NEW.deleted_at IS NULL
    ON CONFLICT (quarter) DO UPDATE SET n = n + 1;
  INSERT INTO alert_day_outcomes (day, source, rule, outcome, n)
    SELECT NEW.occurred_at / ${UTC_DAY_MS}, NEW.source, coalesce(NEW.rule, ''), ${alertOutcomeSql('NEW')}, 1 WHERE NEW.deleted_at IS NULL
    ON CONFLICT (day, source, rule, outcome) DO UPDATE SET n = n + 1;
END;
DROP TRIGGER alerts_breakdown_insert;
CREATE TRIGGER alerts_breakdown_insert AFTER INSERT ON alerts WHEN derived_by_trigger() BEGIN
  INSERT INTO alert_quarter_breakdown (quarter, source, severity, n)
    SELECT NEW.occurred_at / ${QUARTER_HOUR_MS}, NEW.source, NEW.severity, 1 WHERE NEW.deleted_at IS NULL
    ON CONFLICT (quarter, source, severity) DO UPDATE SET n = n + 1;
END;
`,
};
