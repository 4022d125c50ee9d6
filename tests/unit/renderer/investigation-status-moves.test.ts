// The status control offers exactly the moves the shared state machine accepts, asks for what each
// needs (so a move it offers, filled in, is one the main process takes), and words them for people.
import { describe, expect, it } from 'vitest';
import { moveLabel, moveRequirements, nextStatuses } from '../../../src-renderer/features/investigation/status-transitions';
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
