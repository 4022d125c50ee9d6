// Schema v10: days an analyst marked as expected (a campaign, a backfill, a known outage), per
// series. A marked day is shown as expected and is not raised as an alert. Unmarking soft-deletes the
// row, so who marked what and when stays readable; at most one live mark per series and day.
import type { Migration } from './migration';

export const anomalyMarks: Migration = {
  version: 10,
  name: 'anomaly-marks',
  sql: `
CREATE TABLE anomaly_marks (
  id TEXT PRIMARY KEY,
  series TEXT NOT NULL CHECK (series IN ('alerts','investigations')),
  -- A local date, YYYY-MM-DD, in the zone of the person who marked it.
  date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  note TEXT NOT NULL DEFAULT '',
  marked_by TEXT REFERENCES users(id),
  marked_at INTEGER NOT NULL,
  unmarked_by TEXT REFERENCES users(id),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_hlc TEXT NOT NULL,
  deleted_at INTEGER,
  origin_device TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX anomaly_marks_live ON anomaly_marks(series, date) WHERE deleted_at IS NULL;
`,
};
