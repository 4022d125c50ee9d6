// Which status an investigation may move to next, and what each move asks for. Mirrors the main
// process's state machine so the control offers only moves that can succeed; main still decides.
import type { InvestigationStatus, Resolution } from '../../../src-shared/workspace-model';

const NEXT: Readonly<Record<InvestigationStatus, readonly InvestigationStatus[]>> = {
  open: ['in_progress', 'pending', 'closed'],
  in_progress: ['pending', 'closed', 'open'],
  pending: ['in_progress', 'closed'],
  closed: ['open'],
};

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
  return NEXT[current];
}

/** The words on the button that makes the move: "Reopen" reads better than "Open" from closed. */
export function moveLabel(from: InvestigationStatus, to: InvestigationStatus): string {
  if (to === 'open' && from === 'closed') return 'Reopen';
  if (to === 'open') return 'Back to open';
  if (to === 'closed') return 'Close…';
  if (to === 'in_progress') return 'Start work';
  return 'Set pending';
}

/** Closing needs a resolution; reopening a closed case needs a reason (it undoes a decision). */
export function moveRequirements(from: InvestigationStatus, to: InvestigationStatus): { resolution: boolean; reason: boolean } {
  return { resolution: to === 'closed', reason: from === 'closed' && to === 'open' };
}

export function statusTone(status: InvestigationStatus): 'info' | 'warning' | 'neutral' | 'success' {
  if (status === 'open') return 'info';
  if (status === 'in_progress') return 'warning';
  if (status === 'pending') return 'neutral';
  return 'success';
}
