// The ordered list of migrations. Append only: a shipped migration never changes.
import { initialSchema } from './001-initial';
import { alertsAndEntities } from './002-alerts-entities';
import { investigations } from './003-investigations';
import { evidenceActionsSearch } from './004-evidence-actions-search';
import { alertCounting } from './005-alert-counting';
import { casePackageImports } from './006-case-package-imports';
import { importJournal } from './007-import-journal';
import { lifecycleTimes } from './008-lifecycle-times';
import { analyticsRollups } from './009-analytics-rollups';
import { anomalyMarks } from './010-anomaly-marks';
import { alertVolumeBreakdown } from './011-alert-volume-breakdown';
import { resolutionTimes } from './012-resolution-times';
import { searchCountCaps } from './013-search-count-caps';
import { alertRemovals } from './014-alert-removals';
import { notifications } from './015-notifications';
import { apiTokens } from './016-api-tokens';
import { myWorkIndexes } from './017-my-work-indexes';
import { detectionFingerprints } from './018-detection-fingerprints';
import { integerRowKeys } from './019-integer-row-keys';
import { changeFeedBatches } from './020-change-feed-batches';
import { ridOrderedAlertIndexes } from './021-rid-ordered-alert-indexes';
import { compactSourceRows } from './022-compact-source-rows';
import { ownSightingsOnAlerts } from './023-own-sightings-on-alerts';
import { deviceLessHlc } from './024-device-less-hlc';
import { shortFingerprints } from './025-short-fingerprints';
import { deviceNumbers } from './026-device-numbers';
import { securityIncidents } from './027-security-incidents';
import { healthMonitoring } from './028-health-monitoring';
import { retentionHolds } from './029-retention-holds';
import { syncClient } from './030-sync-client';
import { syncPushParts } from './031-sync-push-parts';
import { deferrableAlertDerivations } from './032-deferrable-alert-derivations';
import type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [
  initialSchema, alertsAndEntities, investigations, evidenceActionsSearch, alertCounting, casePackageImports, importJournal, lifecycleTimes,
  analyticsRollups, anomalyMarks, alertVolumeBreakdown, resolutionTimes, searchCountCaps, alertRemovals,
  notifications, apiTokens, myWorkIndexes, detectionFingerprints, integerRowKeys, changeFeedBatches,
  ridOrderedAlertIndexes, compactSourceRows, ownSightingsOnAlerts, deviceLessHlc, shortFingerprints,
  deviceNumbers, securityIncidents, healthMonitoring, retentionHolds, syncClient, syncPushParts,
  deferrableAlertDerivations,
];
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
