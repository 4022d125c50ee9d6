// What the person at the screen may do with an action: the shared state machine and four-eyes rule
// (the ones the main process decides with) joined with the viewer's permissions, so only moves that
// can succeed are offered. Approving is offered where it is needed: on a destructive action.
import { awaitsApproval, breaksFourEyes, moveAllowed } from '../../../src-shared/action-rules';
import type { Permission } from '../../../src-shared/permissions';
import type { ActionItem, ActionKind, ActionStatus } from '../../../src-shared/workspace-model';

export interface Viewer {
  userId: string;
  permissions: readonly Permission[];
}

export interface ActionMoves {
  approve: boolean;
  reject: boolean;
  execute: boolean;
  revert: boolean;
  /** The dry run is worth showing: someone is about to decide on a destructive action. */
  dryRun: boolean;
  /** Why the viewer cannot decide, when it is waiting for a decision. */
  waitingNote: string | null;
}

export function actionMoves(action: Pick<ActionItem, 'status' | 'destructive' | 'proposedBy'>, viewer: Viewer): ActionMoves {
  const canApprove = viewer.permissions.includes('approve_actions');
  const canModify = viewer.permissions.includes('modify_investigations');
  const state = { status: action.status, destructive: action.destructive, proposedBy: action.proposedBy?.id ?? '' };
  const isProposer = breaksFourEyes(state, 'approve', viewer.userId);
  const awaitingDecision = awaitsApproval(state);
  const decides = awaitingDecision && canApprove && !isProposer && moveAllowed(state, 'approve');
  let waitingNote: string | null = null;
  if (awaitingDecision && !decides) {
    waitingNote = isProposer ? 'Waiting for a second person to approve (you proposed it).' : 'Waiting for approval by someone who may approve actions.';
  }
  return {
    approve: decides,
    reject: decides,
    execute: canModify && moveAllowed(state, 'execute'),
    revert: canModify && moveAllowed(state, 'revert'),
    dryRun: awaitingDecision,
    waitingNote,
  };
}

export const ACTION_KIND_LABELS: Readonly<Record<ActionKind, string>> = {
  suspend_account: 'Suspend account',
  remove_content: 'Remove content',
  warn_user: 'Warn user',
  block_ip: 'Block IP',
  escalate_law_enforcement: 'Escalate to law enforcement',
  other: 'Other',
};

export const ACTION_STATUS_LABELS: Readonly<Record<ActionStatus, string>> = {
  proposed: 'Proposed',
  approved: 'Approved',
  rejected: 'Rejected',
  executed: 'Executed',
  reverted: 'Reverted',
};

export function actionStatusTone(status: ActionStatus): 'info' | 'success' | 'danger' | 'warning' | 'neutral' {
  if (status === 'proposed') return 'warning';
  if (status === 'approved') return 'info';
  if (status === 'executed') return 'success';
  if (status === 'rejected') return 'danger';
  return 'neutral';
}
