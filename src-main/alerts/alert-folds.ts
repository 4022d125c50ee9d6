// Which rows of an import fold into which alerts: the fingerprint of a row, what the vault already
// holds (rows imported before, alerts a row's fingerprint names), and a count of how a run of rows
// would fold without writing anything. The writer (alert-writer.ts) decides with the same lookups
// and the same rules; the import preview counts with countFolds, so its sentence ("1,204 rows will
// fold into 311 alerts") is what the import then does with those rows.
import type { SqliteDatabase } from '../store/database';
import type { Severity } from '../../src-shared/model';
import { alertFingerprint, DEFAULT_DEDUP, type DedupPolicy } from './fingerprint';
import type { NewAlert } from './alert-writer';

export function fingerprintOf(alert: NewAlert, policy: DedupPolicy = DEFAULT_DEDUP): string {
  const primaryEntity = alert.primaryEntity ? `${alert.primaryEntity.kind}:${alert.primaryEntity.value}` : null;
  return alertFingerprint({ ...alert, primaryEntity }, policy);
}

/** An alert already in the vault that rows fold into. */
export interface FoldTarget {
  id: string;
  /** Its row key (alerts.rid), for its links. */
  rid: number;
  severity: Severity;
}

/** Reads what the vault already holds for a batch of rows: one statement per source, one for all fingerprints. */
export class VaultFolds {
  private readonly knownSightings;
  private readonly knownFingerprints;

  constructor(db: SqliteDatabase) {
    // An alert is its own first sighting; rows that folded into another alert are alert_sightings (schema v23).
    this.knownSightings = db.prepare<{ rows: string; source: string }, { value: string }>(
      `SELECT value FROM json_each(@rows) WHERE EXISTS (SELECT 1 FROM alerts WHERE source = @source AND external_id = value)
         OR EXISTS (SELECT 1 FROM alert_sightings WHERE source = @source AND external_id = value)`,
    ).pluck();
    this.knownFingerprints = db.prepare<[string], { fingerprint: string; id: string; rid: number; severity: Severity }>(
      'SELECT a.fingerprint, a.id, a.rid, a.severity FROM json_each(?) j CROSS JOIN alerts a ON a.fingerprint = j.value',
    );
  }

  /** Indexes of the alerts whose (source, external id) an earlier import already brought in. */
  importedBefore(alerts: readonly NewAlert[]): Set<number> {
    const bySource = new Map<string, number[]>();
    alerts.forEach((alert, i) => {
      const list = bySource.get(alert.source);
      if (list) list.push(i);
      else bySource.set(alert.source, [i]);
    });
    const imported = new Set<number>();
    for (const [source, indexes] of bySource) {
      const known = new Set(this.knownSightings.all({ rows: JSON.stringify(indexes.map((i) => alerts[i]?.externalId)), source }) as unknown as string[]);
      if (known.size === 0) continue;
      for (const i of indexes) if (known.has(alerts[i]?.externalId ?? '')) imported.add(i);
    }
    return imported;
  }

  /** The vault's alerts by fingerprint, for those of the fingerprints it holds. */
  existingAlerts(fingerprints: readonly string[]): Map<string, FoldTarget> {
    const found = new Map<string, FoldTarget>();
    if (fingerprints.length === 0) return found;
    for (const row of this.knownFingerprints.all(JSON.stringify(fingerprints))) found.set(row.fingerprint, { id: row.id, rid: row.rid, severity: row.severity });
    return found;
  }
}

export interface FoldCount {
  /** Rows that would be written: neither rejected nor imported before (nor repeated in the rows). */
  rows: number;
  /** Alerts those rows become: new ones plus the vault's alerts they fold into. */
  alerts: number;
  /** Of `alerts`, the ones already in the vault; 0 when the vault was not asked. */
  vaultAlerts: number;
  /** Rows skipped because their (source, external id) was imported before or earlier in the rows. */
  alreadyImported: number;
}

/**
 * How `alerts`, written in this order, would fold: the writer's own rules (a row whose source and
 * external id were met before is skipped; rows of one fingerprint are one alert, an existing one
 * when the vault holds that fingerprint). `vault` null counts within the rows alone.
 */
export function countFolds(alerts: readonly NewAlert[], vault: VaultFolds | null, policy: DedupPolicy = DEFAULT_DEDUP): FoldCount {
  const count: FoldCount = { rows: 0, alerts: 0, vaultAlerts: 0, alreadyImported: 0 };
  const imported = vault ? vault.importedBefore(alerts) : new Set<number>();
  const fingerprints = alerts.map((alert) => fingerprintOf(alert, policy));
  const existing = vault ? vault.existingAlerts(fingerprints.filter((_, i) => !imported.has(i))) : new Map<string, FoldTarget>();
  const sightings = new Set<string>();
  const targets = new Set<string>();
  alerts.forEach((alert, i) => {
    const sighting = `${alert.source}\u0000${alert.externalId}`;
    if (imported.has(i) || sightings.has(sighting)) {
      count.alreadyImported += 1;
      return;
    }
    sightings.add(sighting);
    count.rows += 1;
    const fingerprint = fingerprints[i] as string;
    if (targets.has(fingerprint)) return;
    targets.add(fingerprint);
    count.alerts += 1;
    if (existing.has(fingerprint)) count.vaultAlerts += 1;
  });
  return count;
}
