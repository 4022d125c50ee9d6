// The vault's structure, from the nightly integrity_check (backup/vault-structure-check.ts runs it
// in the backup worker on a connection of its own, off the main thread; it is stricter than
// quick_check). Read from its verdict rather than run a second time: the value is the number of
// problems it found, null until it has run once.
import type { BackupState } from '../../backup/backup-state';
import type { Clock } from '../../platform/clock';
import type { HealthCheck } from '../health-check';
import { duration } from '../health-check';

/** A verdict older than this says the nightly check has stopped running (the app closed every night). */
const STALE_AFTER_MS = 3 * 86_400_000;

export function vaultStructureCheck(sources: { state: () => BackupState; nextRunAt: () => number | null; clock: Clock }): HealthCheck {
  return {
    id: 'vault-structure',
    everyMs: 60_000,
    measure() {
      const last = sources.state().structureCheck;
      if (last === null) return { value: null, evidence: 'The nightly integrity check has not run yet (it runs after 03:00 local time while the app is open).' };
      const age = sources.clock.now() - last.at;
      const stale = age > STALE_AFTER_MS ? ' It has not run since: is the app closed at night?' : '';
      if (last.ok) return { value: 0, evidence: `integrity_check found no problem ${duration(age)} ago.${stale}` };
      const shown = last.problems.slice(0, 3).join('; ');
      return {
        value: Math.max(1, last.problems.length),
        evidence: `integrity_check found ${last.problems.length} problem(s) ${duration(age)} ago: ${shown}. Verify the latest backups and restore one.${stale}`,
      };
    },
    measuredNextAt: sources.nextRunAt,
  };
}
