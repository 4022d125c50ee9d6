// The status control offers only valid next states, asks for a resolution when closing and a reason
// when reopening a closed case.
import { describe, expect, it } from 'vitest';
import { moveLabel, moveRequirements, nextStatuses } from '../../../src-renderer/features/investigation/status-transitions';
import { INVESTIGATION_STATUSES } from '../../../src-shared/workspace-model';

describe('investigation status moves', () => {
  it.each([
    ['open', ['in_progress', 'pending', 'closed']],
    ['in_progress', ['pending', 'closed', 'open']],
    ['pending', ['in_progress', 'closed']],
    ['closed', ['open']],
  ] as const)('from %s offers %j', (from, to) => expect(nextStatuses(from)).toEqual(to));

  it('never offers the state the case is already in', () => {
    for (const status of INVESTIGATION_STATUSES) expect(nextStatuses(status)).not.toContain(status);
  });

  it('asks for a resolution exactly when closing', () => {
    for (const from of INVESTIGATION_STATUSES) {
      for (const to of nextStatuses(from)) expect(moveRequirements(from, to).resolution).toBe(to === 'closed');
    }
  });

  it('asks for a reason to reopen a closed case, and calls it Reopen', () => {
    expect(moveRequirements('closed', 'open')).toEqual({ resolution: false, reason: true });
    expect(moveRequirements('in_progress', 'open').reason).toBe(false);
    expect(moveLabel('closed', 'open')).toBe('Reopen');
  });
});
