// The investigation state machine, in one place for both processes: the main process decides every
// move with it, the window's status control offers only the moves it allows. The table:
//
//   from \ to     open         in_progress   pending   closed
//   open          —            yes           yes       yes (resolution)
//   in_progress   yes (1)      —             yes       yes (resolution)
//   pending       no (2)       yes           —         yes (resolution)
//   closed        yes (3)      no            no        —
//
// (1) work handed back to the queue; (2) a pending case resumes as in progress, never silently
// back to the queue; (3) a reopen undoes a decision, so it needs a reason. Closing needs a
// resolution, and only closing may carry one. Staying in the same status is not a move.
import { VigilError } from './errors';
import type { InvestigationStatus, Resolution } from './workspace-model';

/** The moves from each status, in the order the status control offers them. */
export const STATUS_MOVES: Readonly<Record<InvestigationStatus, readonly InvestigationStatus[]>> = {
  open: ['in_progress', 'pending', 'closed'],
  in_progress: ['pending', 'closed', 'open'],
  pending: ['in_progress', 'closed'],
  closed: ['open'],
};

export interface StatusRequest {
  to: InvestigationStatus;
  resolution?: Resolution | undefined;
  reason?: string | undefined;
}

export type StatusDecision =
  | { ok: true; from: InvestigationStatus; to: InvestigationStatus; resolution: Resolution | null; reason: string | null }
  | { ok: false; code: 'VALIDATION' | 'CONFLICT'; message: string };

/** What a move must carry: a resolution to close; a reason to reopen a closed case (it undoes a decision). */
export function moveRequirements(from: InvestigationStatus, to: InvestigationStatus): { resolution: boolean; reason: boolean } {
  return { resolution: to === 'closed', reason: from === 'closed' && to === 'open' };
}

export function decideStatusMove(from: InvestigationStatus, request: StatusRequest): StatusDecision {
  const reason = request.reason?.trim() ? request.reason.trim() : null;
  if (from === request.to) return { ok: false, code: 'CONFLICT', message: `The investigation is already ${label(from)}` };
  if (!STATUS_MOVES[from].includes(request.to)) {
    return { ok: false, code: 'CONFLICT', message: `An investigation that is ${label(from)} cannot become ${label(request.to)}` };
  }
  const needs = moveRequirements(from, request.to);
  if (needs.resolution && !request.resolution) return { ok: false, code: 'VALIDATION', message: 'Closing needs a resolution' };
  if (!needs.resolution && request.resolution) return { ok: false, code: 'VALIDATION', message: 'Only closing takes a resolution' };
  if (needs.reason && (reason === null || reason.length < 3)) {
    return { ok: false, code: 'VALIDATION', message: 'Reopening needs a reason (at least 3 characters)' };
  }
  return { ok: true, from, to: request.to, resolution: request.resolution ?? null, reason };
}

function label(status: InvestigationStatus): string {
  return status.replace('_', ' ');
}

/**
 * A closed investigation is a finished record: alerts, evidence, actions, findings and tasks wait
 * until it is reopened (notes stay open: a note may explain a closed case). The window disables the
 * same controls with it.
 */
export function takesChanges(status: InvestigationStatus): boolean {
  return status !== 'closed';
}

/** The refusal a write into a closed investigation gets, the same from every service. */
export function refuseChangesWhenClosed(investigation: { id: string; key: string; status: InvestigationStatus }, what: string): void {
  if (takesChanges(investigation.status)) return;
  throw new VigilError('CONFLICT', `${investigation.key} is closed; reopen it before changing its ${what}`, { investigationId: investigation.id });
}
