// The preview's sentence on dedup: how many of the rows read will fold into how many alerts, and
// on what ("same detection, entity and hour"). The preview reads only the first rows of a big file,
// so the sentence says "of the first N rows" unless those were all of them.
import type { ImportFoldPreview } from '../../../src-shared/import-profile-contract';

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** The sentence, or null when no row of those read would be written. */
export function foldSummaryText(folding: ImportFoldPreview): string | null {
  const parts: string[] = [];
  if (folding.rows > 0) {
    const within = folding.wholeFile ? '' : `Of the first ${plural(folding.read, 'row', 'rows')}: `;
    const sentence = folding.rows === folding.alerts
      ? `${within}no rows fold together: ${plural(folding.rows, 'row', 'rows')}, ${plural(folding.alerts, 'alert', 'alerts')} (rows fold when they have the ${folding.basis}).`
      : `${within}${plural(folding.rows, 'row', 'rows')} will fold into ${plural(folding.alerts, 'alert', 'alerts')}: ${folding.basis}.`;
    parts.push(sentence.charAt(0).toUpperCase() + sentence.slice(1));
    if (folding.vaultAlerts !== null && folding.vaultAlerts > 0) {
      parts.push(`${plural(folding.vaultAlerts, 'of those alerts is', 'of those alerts are')} already in the vault and will be counted up, keeping the highest severity.`);
    }
  }
  if (folding.alreadyImported > 0) {
    parts.push(`${plural(folding.alreadyImported, 'row was', 'rows were')} imported before and will be skipped.`);
  }
  return parts.length > 0 ? parts.join(' ') : null;
}
