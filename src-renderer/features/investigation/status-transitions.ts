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

/** The words on the button that makes the move: "Reopen" reads better than "Open" from closed. */
export function moveLabel(from: InvestigationStatus, to: InvestigationStatus): string {
  if (to === 'open' && from === 'closed') return 'Reopen';
  if (to === 'open') return 'Back to open';
  if (to === 'closed') return 'Close…';
  if (to === 'in_progress') return 'Start work';
  return 'Set pending';
}

export function statusTone(status: InvestigationStatus): 'info' | 'warning' | 'neutral' | 'success' {
  if (status === 'open') return 'info';
  if (status === 'in_progress') return 'warning';
  if (status === 'pending') return 'neutral';
  return 'success';
}
