// How the GUI's mapping step judges alert rows before importing (import-preview.ts): by the import's
// own mapper (alertFromRow) and the writer's own fold rules (countFolds), so the preview says what
// the import then does.
import { countFolds, type VaultFolds } from '../../alerts/alert-folds';
import type { NewAlert } from '../../alerts/alert-writer';
import { DEFAULT_DEDUP_BASIS } from '../../alerts/fingerprint';
import type { PreviewRules } from '../import-preview';
import { alertFromRow, type AlertProfile } from './alert-row-mapper';

/** The vault to compare the first rows with, and the source name the import will give them. */
export interface PreviewVault {
  folds: VaultFolds;
  source: string;
}

export function alertPreviewRules(vault: PreviewVault | null): PreviewRules<AlertProfile> {
  return {
    problem: (values, profile) => {
      const row = alertFromRow(values, profile, 'preview', null);
      return row.ok ? null : row.reason;
    },
    folding: (rows, profile) => {
      const alerts: NewAlert[] = [];
      for (const values of rows) {
        const row = alertFromRow(values, profile, vault?.source ?? 'preview', null);
        if (row.ok) alerts.push(row.alert);
      }
      const count = countFolds(alerts, vault?.folds ?? null);
      return { rows: count.rows, alerts: count.alerts, vaultAlerts: vault ? count.vaultAlerts : null, alreadyImported: count.alreadyImported, basis: DEFAULT_DEDUP_BASIS };
    },
  };
}
