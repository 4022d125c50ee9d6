import { describe, expect, it } from 'vitest';
import { isDestructive, nextStatus, type ActionMove } from '../../../src-shared/action-rules';
import { ACTION_KINDS, ACTION_STATUSES, type ActionStatus } from '../../../src-shared/workspace-model';
import { VigilError } from '../../../src-shared/errors';

const MOVES: ActionMove[] = ['approve', 'reject', 'execute', 'revert'];

function outcome(status: ActionStatus, destructive: boolean, move: ActionMove, actor = 'second'): string {
  try {
    return nextStatus({ status, destructive, proposedBy: 'proposer' }, move, actor);
  } catch (error) {
    if (error instanceof VigilError) return error.code;
    throw error;
  }
}

describe('the action state machine', () => {
  it('allows exactly these moves for a destructive action decided by a second person', () => {
    const table = Object.fromEntries(ACTION_STATUSES.map((s) => [s, Object.fromEntries(MOVES.map((m) => [m, outcome(s, true, m)]))]));
    expect(table).toEqual({
      proposed: { approve: 'approved', reject: 'rejected', execute: 'CONFLICT', revert: 'CONFLICT' },
      approved: { approve: 'CONFLICT', reject: 'CONFLICT', execute: 'executed', revert: 'CONFLICT' },
      rejected: { approve: 'CONFLICT', reject: 'CONFLICT', execute: 'CONFLICT', revert: 'CONFLICT' },
      executed: { approve: 'CONFLICT', reject: 'CONFLICT', execute: 'CONFLICT', revert: 'reverted' },
      reverted: { approve: 'CONFLICT', reject: 'CONFLICT', execute: 'CONFLICT', revert: 'CONFLICT' },
    });
  });

  it('lets a non-destructive action run straight from proposed', () => {
    expect(outcome('proposed', false, 'execute')).toBe('executed');
    expect(outcome('approved', false, 'execute')).toBe('executed');
    expect(outcome('rejected', false, 'execute')).toBe('CONFLICT');
  });

  it('refuses a proposer approving their own destructive action, but not rejecting (withdrawing) it', () => {
    expect(outcome('proposed', true, 'approve', 'proposer')).toBe('FORBIDDEN');
    expect(outcome('proposed', true, 'reject', 'proposer')).toBe('rejected');
    expect(outcome('proposed', false, 'approve', 'proposer')).toBe('approved');
  });

  it('explains why a destructive action cannot run yet', () => {
    expect(() => nextStatus({ status: 'proposed', destructive: true, proposedBy: 'p' }, 'execute', 'x')).toThrow(/needs approval by a second person/);
  });

  it('counts suspensions, removals, IP blocks and law-enforcement escalations as destructive', () => {
    expect(ACTION_KINDS.filter(isDestructive)).toEqual(['suspend_account', 'remove_content', 'block_ip', 'escalate_law_enforcement']);
  });
});
