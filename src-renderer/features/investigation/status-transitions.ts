// How the status control words and colours the moves of the shared state machine (which moves
// exist, and what each needs, is src-shared's: the main process decides with the same table).
import { moveRequirements, STATUS_MOVES } from '../../../src-shared/investigation-status';
import type { InvestigationStatus, Resolution } from '../../../src-shared/workspace-model';

export { moveRequirements };

export const STATUS_LABELS: Readonly<Record<InvestigationStatus, string>> = {
  open: 'Open',
  in_progress: 'In progress',
  pending: 'Pending',
  closed: 'Closed',
};

export const RESOLUTION_LABELS: Readonly<Record<Resolution, string>> = {
  actioned: 'Actioned',
  no_violation: 'No violation',
  duplicate: 'Duplicate',
  false_positive: 'False positive',
};

export function nextStatuses(current: InvestigationStatus): readonly InvestigationStatus[] {
  return STATUS_MOVES[current];
}

/**
 * The move a case in this status usually takes next, shown as the one primary button: start work on
 * a fresh case, resolve one being worked, resume a pending one. Closing is the primary move only
 * once work has started: a fresh case is not one bright click away from closed.
 */
const PRIMARY_MOVE: Readonly<Record<InvestigationStatus, InvestigationStatus | null>> = {
  open: 'in_progress',
  in_progress: 'closed',
  pending: 'in_progress',
  closed: null,
};

export function primaryMove(current: InvestigationStatus): InvestigationStatus | null {
  return PRIMARY_MOVE[current];
}

/** The moves in the order the status control shows them: the primary first, closing last unless it is the primary. */
export function offeredMoves(current: InvestigationStatus): InvestigationStatus[] {
  const primary = primaryMove(current);
  const rank = (to: InvestigationStatus) => (to === primary ? 0 : to === 'closed' ? 2 : 1);
  return [...nextStatuses(current)].sort((a, b) => rank(a) - rank(b));
}

/** The words on the button that makes the move: "Reopen" reads better than "Open" from closed. */
export function moveLabel(from: InvestigationStatus, to: InvestigationStatus): string {
  if (to === 'open' && from === 'closed') return 'Reopen';
  if (to === 'open') return 'Back to open';
  // Closing a case being worked is resolving it; closing one nobody started is an early close.
  if (to === 'closed') return from === 'in_progress' ? 'Resolve…' : 'Close…';
  if (to === 'in_progress') return 'Start work';
  return 'Set pending';
}

export function statusTone(status: InvestigationStatus): 'info' | 'warning' | 'neutral' | 'success' {
  if (status === 'open') return 'info';
  if (status === 'in_progress') return 'warning';
  if (status === 'pending') return 'neutral';
  return 'success';
}
