// Which of the case's listed alerts the analyst has ticked to take out together: a box per row
// (a shift-click, or shift+space, sets the whole range from the last box ticked to the state of
// the one clicked), and one for every listed row. Only rows on screen can be ticked; rows that
// leave the list (removed, or gone after a refresh) leave the picks. Pure.
import { MAX_UNLINKED_ALERTS } from '../../../src-shared/investigation-views-contract';

export interface AlertPicks {
  ids: ReadonlySet<string>;
  /** The row a shift-click range starts from: the last box clicked. */
  anchorId: string | null;
}

export const NO_PICKS: AlertPicks = { ids: new Set(), anchorId: null };

interface Listed {
  id: string;
}

/** A click on a row's box: flips it, or with shift gives the range from the anchor the clicked box's new state. */
export function pickRow(picks: AlertPicks, rows: readonly Listed[], rowId: string, shift: boolean): AlertPicks {
  const ticking = !picks.ids.has(rowId);
  const ids = new Set(picks.ids);
  const from = shift && picks.anchorId !== null ? rows.findIndex((row) => row.id === picks.anchorId) : -1;
  const to = rows.findIndex((row) => row.id === rowId);
  const range = from >= 0 && to >= 0 ? rows.slice(Math.min(from, to), Math.max(from, to) + 1) : [{ id: rowId }];
  for (const row of range) {
    if (ticking) ids.add(row.id);
    else ids.delete(row.id);
  }
  return { ids, anchorId: rowId };
}

export type PickAllState = 'none' | 'some' | 'all';

/** The header box: ticked when every listed row is, mixed when some are. */
export function pickAllState(picks: AlertPicks, rows: readonly Listed[]): PickAllState {
  const ticked = rows.filter((row) => picks.ids.has(row.id)).length;
  if (ticked === 0) return 'none';
  return ticked === rows.length ? 'all' : 'some';
}

/** The header box clicked: every listed row, or none when all were ticked already. */
export function pickAll(picks: AlertPicks, rows: readonly Listed[]): AlertPicks {
  if (pickAllState(picks, rows) === 'all') return NO_PICKS;
  return { ids: new Set(rows.map((row) => row.id)), anchorId: picks.anchorId };
}

/** The picks still on screen after the list changed (a removal, a refresh, another window's change). */
export function keepListed(picks: AlertPicks, rows: readonly Listed[]): AlertPicks {
  const listed = new Set(rows.map((row) => row.id));
  const ids = [...picks.ids].filter((id) => listed.has(id));
  if (ids.length === picks.ids.size && (picks.anchorId === null || listed.has(picks.anchorId))) return picks;
  return { ids: new Set(ids), anchorId: picks.anchorId !== null && listed.has(picks.anchorId) ? picks.anchorId : null };
}

/** The ids to take out, in list order; more than one call may remove is refused up front, with why. */
export function picksToRemove(picks: AlertPicks, rows: readonly Listed[]): { ids: string[]; tooMany: string | null } {
  const ids = rows.filter((row) => picks.ids.has(row.id)).map((row) => row.id);
  const tooMany = ids.length > MAX_UNLINKED_ALERTS ? `At most ${MAX_UNLINKED_ALERTS.toLocaleString()} alerts can be removed at a time; ${ids.length.toLocaleString()} are ticked.` : null;
  return { ids, tooMany };
}
