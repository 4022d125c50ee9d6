import { describe, expect, it } from 'vitest';
import { decideStatusMove, STATUS_MOVES } from '../../../src-shared/investigation-status';
import { INVESTIGATION_STATUSES, type InvestigationStatus } from '../../../src-shared/workspace-model';

// The whole table: every (from, to) pair, what a plain move gives. 'ok' moves that need a
// resolution or reason are marked with what they need.
const TABLE: Record<InvestigationStatus, Record<InvestigationStatus, 'ok' | 'needs resolution' | 'needs reason' | 'CONFLICT'>> = {
  open: { open: 'CONFLICT', in_progress: 'ok', pending: 'ok', closed: 'needs resolution' },
  in_progress: { open: 'ok', in_progress: 'CONFLICT', pending: 'ok', closed: 'needs resolution' },
  pending: { open: 'CONFLICT', in_progress: 'ok', pending: 'CONFLICT', closed: 'needs resolution' },
  closed: { open: 'needs reason', in_progress: 'CONFLICT', pending: 'CONFLICT', closed: 'CONFLICT' },
};

describe('the investigation state machine', () => {
  for (const from of INVESTIGATION_STATUSES) {
    for (const to of INVESTIGATION_STATUSES) {
      const expected = TABLE[from][to];
      it(`${from} → ${to}: ${expected}`, () => {
        const plain = decideStatusMove(from, { to });
        if (expected === 'ok') {
          expect(plain).toEqual({ ok: true, from, to, resolution: null, reason: null });
        } else if (expected === 'CONFLICT') {
          expect(plain).toMatchObject({ ok: false, code: 'CONFLICT' });
          expect(decideStatusMove(from, { to, resolution: 'actioned', reason: 'because of things' })).toMatchObject({ ok: false, code: 'CONFLICT' });
        } else if (expected === 'needs resolution') {
          expect(plain).toMatchObject({ ok: false, code: 'VALIDATION' });
          expect(decideStatusMove(from, { to, resolution: 'duplicate' })).toEqual({ ok: true, from, to, resolution: 'duplicate', reason: null });
        } else {
          expect(plain).toMatchObject({ ok: false, code: 'VALIDATION' });
          expect(decideStatusMove(from, { to, reason: '  no ' })).toMatchObject({ ok: false, code: 'VALIDATION' });
          expect(decideStatusMove(from, { to, reason: ' new evidence arrived ' })).toEqual({ ok: true, from, to, resolution: null, reason: 'new evidence arrived' });
        }
      });
    }
  }

  it('refuses a resolution on any move that does not close', () => {
    expect(decideStatusMove('open', { to: 'in_progress', resolution: 'actioned' })).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(decideStatusMove('closed', { to: 'open', resolution: 'actioned', reason: 'a good reason' })).toMatchObject({ ok: false, code: 'VALIDATION' });
  });

  it('lists the same moves as the table', () => {
    for (const from of INVESTIGATION_STATUSES) {
      const allowed = INVESTIGATION_STATUSES.filter((to) => TABLE[from][to] !== 'CONFLICT');
      expect([...STATUS_MOVES[from]].sort()).toEqual([...allowed].sort());
    }
  });
});
