// Lifecycle facts from a status log, against hand-worked cases: the plain path, a case closed straight
// from open, a reopened case (first and final resolution kept apart), one reopened and still open, and
// an imported case whose source names a resolution time apart from its close.
import { describe, expect, it } from 'vitest';
import { caseDurations, caseLifecycle, type StatusMove } from '../../../src-shared/case-lifecycle';

const H = 3_600_000;
const log = (...moves: Array<[number, StatusMove['from'], StatusMove['to']]>): StatusMove[] => moves.map(([at, from, to]) => ({ at, from, to }));

describe('case lifecycle', () => {
  it('reads the plain path: opened, worked, closed', () => {
    const life = caseLifecycle(log([0, null, 'open'], [2 * H, 'open', 'in_progress'], [5 * H, 'in_progress', 'pending'], [9 * H, 'pending', 'closed']));
    expect(life).toEqual({ openedAt: 0, acknowledgedAt: 2 * H, firstResolvedAt: 9 * H, resolvedAt: 9 * H, reopenCount: 0, open: false, stretches: [{ from: 0, to: 9 * H }] });
    expect(caseDurations(life!)).toEqual({ toAcknowledgeMs: 2 * H, toResolveMs: 9 * H });
  });

  it('counts closing straight from open as the acknowledgement too', () => {
    const life = caseLifecycle(log([H, null, 'open'], [4 * H, 'open', 'closed']))!;
    expect(caseDurations(life)).toEqual({ toAcknowledgeMs: 3 * H, toResolveMs: 3 * H });
  });

  it('keeps a reopened case\'s first resolution and measures to its final one', () => {
    const life = caseLifecycle(log(
      [0, null, 'open'], [H, 'open', 'in_progress'], [3 * H, 'in_progress', 'closed'],
      [10 * H, 'closed', 'open'], [11 * H, 'open', 'in_progress'], [20 * H, 'in_progress', 'closed'],
    ))!;
    expect(life).toEqual({
      openedAt: 0, acknowledgedAt: H, firstResolvedAt: 3 * H, resolvedAt: 20 * H, reopenCount: 1, open: false,
      stretches: [{ from: 0, to: 3 * H }, { from: 10 * H, to: 20 * H }],
    });
    expect(caseDurations(life).toResolveMs).toBe(20 * H);
  });

  it('gives a case reopened and not closed again no final resolution: it is open', () => {
    const life = caseLifecycle(log([0, null, 'open'], [2 * H, 'open', 'closed'], [5 * H, 'closed', 'open']))!;
    expect(life).toMatchObject({ firstResolvedAt: 2 * H, resolvedAt: null, reopenCount: 1, open: true, stretches: [{ from: 0, to: 2 * H }, { from: 5 * H, to: null }] });
    expect(caseDurations(life)).toEqual({ toAcknowledgeMs: 2 * H, toResolveMs: null });
  });

  it('leaves an untouched case unacknowledged and open', () => {
    expect(caseLifecycle(log([7, null, 'open']))).toEqual({
      openedAt: 7, acknowledgedAt: null, firstResolvedAt: null, resolvedAt: null, reopenCount: 0, open: true, stretches: [{ from: 7, to: null }],
    });
    expect(caseLifecycle([])).toBeNull();
  });

  it('uses an imported case\'s own resolution time, keeping the close in the log', () => {
    const life = caseLifecycle(log([0, null, 'open'], [2 * H, 'open', 'in_progress'], [30 * H, 'in_progress', 'closed']), 6 * H)!;
    expect(life).toMatchObject({ resolvedAt: 6 * H, firstResolvedAt: 6 * H, stretches: [{ from: 0, to: 6 * H }] });
    expect(caseDurations(life).toResolveMs).toBe(6 * H);
    // Not closed: the source's resolution time does not make it resolved.
    expect(caseLifecycle(log([0, null, 'open']), 6 * H)).toMatchObject({ resolvedAt: null, open: true });
  });

  it('reads a case imported already closed (its log starts closed)', () => {
    expect(caseLifecycle(log([5 * H, null, 'closed']))).toMatchObject({ openedAt: 5 * H, acknowledgedAt: 5 * H, resolvedAt: 5 * H, open: false });
  });
});
