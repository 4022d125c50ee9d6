// The action card offers only the moves main will accept: a destructive action is approved by a
// second person holding approve_actions, never by its proposer; execute follows approval.
import { describe, expect, it } from 'vitest';
import { actionMoves, type Viewer } from '../../../src-renderer/features/actions/action-rules';
import { ACTION_STATUSES, type ActionItem } from '../../../src-shared/workspace-model';
import { nextStatus, type ActionMove } from '../../../src-shared/action-rules';
import type { Permission } from '../../../src-shared/permissions';

const proposer = { id: 'u-proposer', username: 'ana', displayName: 'Ana' };
const senior: Viewer = { userId: 'u-senior', permissions: ['read_investigations', 'modify_investigations', 'approve_actions'] as Permission[] };
const analyst: Viewer = { userId: 'u-analyst', permissions: ['read_investigations', 'modify_investigations'] as Permission[] };
const self: Viewer = { userId: proposer.id, permissions: senior.permissions };

function action(status: ActionItem['status'], destructive: boolean): Pick<ActionItem, 'status' | 'destructive' | 'proposedBy'> {
  return { status, destructive, proposedBy: proposer };
}

describe('four eyes on destructive actions', () => {
  it('lets a second person with approve_actions approve or reject, and shows them the dry run', () => {
    const moves = actionMoves(action('proposed', true), senior);
    expect(moves).toMatchObject({ approve: true, reject: true, execute: false, dryRun: true, waitingNote: null });
  });

  it('never offers approval to the person who proposed it, even if they may approve others', () => {
    const moves = actionMoves(action('proposed', true), self);
    expect(moves.approve).toBe(false);
    expect(moves.reject).toBe(false);
    expect(moves.execute).toBe(false);
    expect(moves.waitingNote).toMatch(/you proposed it/);
  });

  it('does not offer approval to someone without approve_actions', () => {
    const moves = actionMoves(action('proposed', true), analyst);
    expect(moves.approve).toBe(false);
    expect(moves.waitingNote).toMatch(/approval/);
  });

  it('offers execute once approved, and revert once executed', () => {
    expect(actionMoves(action('approved', true), analyst).execute).toBe(true);
    expect(actionMoves(action('executed', true), analyst)).toMatchObject({ execute: false, revert: true });
    expect(actionMoves(action('reverted', true), analyst)).toMatchObject({ execute: false, revert: false });
    expect(actionMoves(action('rejected', true), senior)).toMatchObject({ approve: false, execute: false, revert: false });
  });

  it('lets a non-destructive action be executed straight from proposed, without a dry run', () => {
    expect(actionMoves(action('proposed', false), analyst)).toMatchObject({ execute: true, approve: false, dryRun: false });
  });

  it('offers nothing that changes state to a read-only viewer', () => {
    const viewer: Viewer = { userId: 'u-viewer', permissions: ['read_investigations'] as Permission[] };
    expect(actionMoves(action('approved', true), viewer)).toMatchObject({ approve: false, execute: false, revert: false });
  });

  it('offers only moves the shared rules accept from that viewer, in every status', () => {
    for (const status of ACTION_STATUSES) {
      for (const destructive of [true, false]) {
        for (const viewer of [senior, analyst, self]) {
          const moves = actionMoves(action(status, destructive), viewer);
          for (const move of ['approve', 'reject', 'execute', 'revert'] as const satisfies readonly ActionMove[]) {
            if (!moves[move]) continue;
            expect(() => nextStatus({ status, destructive, proposedBy: proposer.id }, move, viewer.userId)).not.toThrow();
          }
        }
      }
    }
  });
});
