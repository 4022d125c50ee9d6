// The status control offers exactly the moves the shared state machine accepts, asks for what each
// needs (so a move it offers, filled in, is one the main process takes), and words them for people.
import { describe, expect, it } from 'vitest';
import { moveLabel, moveRequirements, nextStatuses, offeredMoves, primaryMove } from '../../../src-renderer/features/investigation/status-transitions';
import { decideStatusMove } from '../../../src-shared/investigation-status';
import { INVESTIGATION_STATUSES } from '../../../src-shared/workspace-model';

describe('investigation status moves', () => {
  it('offers from each status exactly the moves the state machine accepts once filled in as asked', () => {
    for (const from of INVESTIGATION_STATUSES) {
      const accepted = INVESTIGATION_STATUSES.filter((to) => {
        const needs = moveRequirements(from, to);
        return decideStatusMove(from, { to, resolution: needs.resolution ? 'actioned' : undefined, reason: needs.reason ? 'new evidence arrived' : undefined }).ok;
      });
      expect([...nextStatuses(from)].sort()).toEqual([...accepted].sort());
    }
  });

  it('never offers the state the case is already in', () => {
    for (const status of INVESTIGATION_STATUSES) expect(nextStatuses(status)).not.toContain(status);
  });

  it('asks for a resolution exactly where the machine refuses a move without one', () => {
    for (const from of INVESTIGATION_STATUSES) {
      for (const to of nextStatuses(from)) {
        const without = decideStatusMove(from, { to, reason: 'new evidence arrived' });
        expect(moveRequirements(from, to).resolution).toBe(!without.ok);
      }
    }
  });

  it('asks for a reason to reopen a closed case, and calls it Reopen', () => {
    expect(decideStatusMove('closed', { to: 'open' }).ok).toBe(false);
    expect(moveRequirements('closed', 'open')).toEqual({ resolution: false, reason: true });
    expect(moveRequirements('in_progress', 'open').reason).toBe(false);
    expect(moveLabel('closed', 'open')).toBe('Reopen');
  });
});

describe('the status control\'s primary move', () => {
  it('follows the status: start work on a fresh case, resolve one in progress, resume a pending one', () => {
    expect(primaryMove('open')).toBe('in_progress');
    expect(primaryMove('in_progress')).toBe('closed');
    expect(moveLabel('in_progress', 'closed')).toBe('Resolve…');
    expect(primaryMove('pending')).toBe('in_progress');
    expect(primaryMove('closed')).toBeNull();
  });

  it('never makes Close… the primary or first button on a fresh case, and offers it last', () => {
    expect(primaryMove('open')).not.toBe('closed');
    const moves = offeredMoves('open');
    expect(moves[0]).toBe('in_progress');
    expect(moves[moves.length - 1]).toBe('closed');
    expect(moveLabel('open', 'closed')).toBe('Close…');
  });

  it('offers the same moves as the state machine, the primary first', () => {
    for (const status of INVESTIGATION_STATUSES) {
      expect([...offeredMoves(status)].sort()).toEqual([...nextStatuses(status)].sort());
      const primary = primaryMove(status);
      if (primary) expect(offeredMoves(status)[0]).toBe(primary);
    }
  });
});
