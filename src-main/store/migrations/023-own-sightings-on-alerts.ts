// Schema v23: an alert's own sighting is the alert itself.
//
// Re-importing a file is idempotent by (source, external id): every row ever imported was an
// alert_sightings row, 139 bytes an alert with its index (7 % of a vault), though most rows are the
// alert they created, whose own source and external id the alert row already holds. Now only the
// sightings of rows that folded into another alert (by fingerprint) stay in alert_sightings; a row was
// imported before when an alert or a folded sighting has its (source, external id):
// - alerts_sighting: the import's "imported before?" lookup (alerts/alert-folds.ts, VaultFolds), one
//   seek a row. Not unique: an alert a case package brings in may share a source row with one here.
// An alert's sightings are its own plus its folded ones; the change feed ships the folded ones (the
// alert row carries its own). An undone import's alerts take their own sightings with them.
import type { Migration } from './migration';

export const ownSightingsOnAlerts: Migration = {
  version: 23,
  name: 'own-sightings-on-alerts',
  sql: `
CREATE INDEX alerts_sighting ON alerts(source, external_id) WHERE external_id IS NOT NULL;
DELETE FROM alert_sightings WHERE EXISTS (
  SELECT 1 FROM alerts a WHERE a.id = alert_sightings.alert_id AND a.source = alert_sightings.source AND a.external_id = alert_sightings.external_id
);
`,
};
