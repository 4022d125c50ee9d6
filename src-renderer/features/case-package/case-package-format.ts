// Words for case packages: how strong a passphrase looks, and what a package holds. Pure, so the
// dialogs' wording is tested without a browser.
import { MIN_PASSWORD_LENGTH } from '../../../src-shared/limits';

export type PassphraseStrength = 'too_short' | 'weak' | 'fair' | 'strong';

export interface PassphraseHint {
  strength: PassphraseStrength;
  text: string;
}

/**
 * A rough guide only (length counts most, then variety, and a repeated or single-character run is
 * weak): the colleague types this passphrase, so several words beat a short jumble.
 */
export function passphraseHint(passphrase: string): PassphraseHint {
  const length = [...passphrase].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return { strength: 'too_short', text: `At least ${MIN_PASSWORD_LENGTH} characters (${length} so far). Several unrelated words work well.` };
  }
  const distinct = new Set(passphrase.toLowerCase()).size;
  const words = passphrase.trim().split(/\s+/).filter((w) => w.length >= 3).length;
  if (distinct < 6) return { strength: 'weak', text: 'Weak: too many repeated characters. Use several unrelated words.' };
  if (length >= 20 && (words >= 4 || distinct >= 12)) return { strength: 'strong', text: 'Strong. Share it with the colleague by another channel than the file.' };
  if (length >= 16) return { strength: 'fair', text: 'Fair. A fourth or fifth word makes it strong.' };
  return { strength: 'weak', text: 'Weak for a file that can be attacked offline. Add words until it is 20 characters or more.' };
}

/** What a package holds, in the order an investigator reads a case. */
export const PACKAGE_TABLES: readonly { table: string; label: string }[] = [
  { table: 'alerts', label: 'Alerts' },
  { table: 'entities', label: 'Entities' },
  { table: 'findings', label: 'Findings' },
  { table: 'evidence', label: 'Evidence files' },
  { table: 'evidence_custody', label: 'Custody events' },
  { table: 'actions', label: 'Actions' },
  { table: 'notes', label: 'Notes' },
  { table: 'tasks', label: 'Tasks' },
  { table: 'investigation_status_log', label: 'Status changes' },
];

export function rowsWritten(counts: Record<string, number>): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

/** Rows not in PACKAGE_TABLES (the case row itself, alert links and sightings, import records), so the table adds up. */
export function otherRows(counts: Record<string, number>): number {
  const listed = new Set(PACKAGE_TABLES.map((t) => t.table));
  return Object.entries(counts).reduce((sum, [table, n]) => (listed.has(table) ? sum : sum + n), 0);
}

export const OTHER_ROWS_LABEL = 'Case record, links and sightings';

/** The name the browser saves under ends in .vigilcase; anything else is refused before upload. */
export function looksLikePackage(fileName: string): boolean {
  return fileName.toLowerCase().endsWith('.vigilcase');
}
