// Another window changed investigations (data.changed): the list rereads as many rows as it shows
// (and a page more) and refreshes its rows in place, in the order the analyst sees, so nothing moves
// under the pointer. The list is ordered by last update, so a case changed elsewhere would jump to
// the top if the rows were simply replaced; it stays where it is, showing its new state, until the
// next explicit reload. New cases are counted in the total, not inserted. A row is marked as no
// longer matching only when the reread reached the end of the list: short of it, a row not seen may
// just have moved further down.
import type { InvestigationSummary } from '../../../src-shared/workspace-model';

export interface ListRefresh {
  rows: InvestigationSummary[];
  /** Rows the filter no longer matches, shown greyed until a reload. */
  left: ReadonlySet<string>;
}

export function refreshListRows(
  held: readonly InvestigationSummary[],
  previousLeft: ReadonlySet<string>,
  fresh: readonly InvestigationSummary[],
  readToEnd: boolean,
): ListRefresh {
  const freshById = new Map(fresh.map((row) => [row.id, row]));
  const left = new Set<string>();
  for (const row of held) {
    if (freshById.has(row.id)) continue;
    if (readToEnd || previousLeft.has(row.id)) left.add(row.id);
  }
  return { rows: held.map((row) => freshById.get(row.id) ?? row), left };
}
