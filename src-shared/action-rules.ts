// The action state machine and the four-eyes rule, in one place for both processes: the main
// process decides every move with them (and a database CHECK backs the four eyes), the window offers
// only the moves they allow. Pure functions, so the whole table is tested without a database. proposed → approved | rejected; approved → executed → reverted. Destructive
// kinds must be approved by someone other than the proposer before they run; non-destructive kinds
// (warn_user, other) may run straight from proposed, and approving one is optional (anyone holding
// approve_actions may, the proposer included, since no second pair of eyes is required).
import { VigilError } from './errors';
import type { ActionKind, ActionStatus } from './workspace-model';

export const DESTRUCTIVE_KINDS: ReadonlySet<ActionKind> = new Set([
  'suspend_account', 'remove_content', 'block_ip', 'escalate_law_enforcement',
]);

export function isDestructive(kind: ActionKind): boolean {
  return DESTRUCTIVE_KINDS.has(kind);
}

export type ActionMove = 'approve' | 'reject' | 'execute' | 'revert';

export interface ActionState {
  status: ActionStatus;
  destructive: boolean;
  proposedBy: string;
}

const TARGET: Record<ActionMove, ActionStatus> = {
  approve: 'approved',
  reject: 'rejected',
  execute: 'executed',
  revert: 'reverted',
};

/** The statuses each move may start from; execute from proposed only when no approval is needed. */
export function allowedFrom(move: ActionMove, destructive: boolean): readonly ActionStatus[] {
  switch (move) {
    case 'approve':
    case 'reject':
      return ['proposed'];
    case 'execute':
      return destructive ? ['approved'] : ['proposed', 'approved'];
    case 'revert':
      return ['executed'];
  }
}

/** Whether a move may start from the action's status (who makes it is checked apart). */
export function moveAllowed(action: Pick<ActionState, 'status' | 'destructive'>, move: ActionMove): boolean {
  return allowedFrom(move, action.destructive).includes(action.status);
}

/** The four-eyes rule: a destructive action is approved only by someone other than its proposer. */
export function breaksFourEyes(action: Pick<ActionState, 'destructive' | 'proposedBy'>, move: ActionMove, actorId: string): boolean {
  return move === 'approve' && action.destructive && action.proposedBy === actorId;
}

/** A destructive action waits for a second person's decision before it may run. */
export function awaitsApproval(action: Pick<ActionState, 'status' | 'destructive'>): boolean {
  return action.destructive && action.status === 'proposed';
}

const VERB: Record<ActionMove, string> = { approve: 'approved', reject: 'rejected', execute: 'executed', revert: 'reverted' };

/**
 * The status a move leads to, or a typed refusal: CONFLICT for a move the state does not allow,
 * FORBIDDEN for a proposer approving their own destructive action.
 */
export function nextStatus(action: ActionState, move: ActionMove, actorId: string): ActionStatus {
  if (!moveAllowed(action, move)) {
    const hint = move === 'execute' && action.destructive && action.status === 'proposed'
      ? ': a destructive action needs approval by a second person first'
      : move === 'revert' ? ': only an executed action can be reverted' : '';
    throw new VigilError('CONFLICT', `A ${action.status} action cannot be ${VERB[move]}${hint}`, { status: action.status, move });
  }
  if (breaksFourEyes(action, move, actorId)) {
    throw new VigilError('FORBIDDEN', 'You proposed this action; a different person must approve it (four eyes)');
  }
  return TARGET[move];
}
