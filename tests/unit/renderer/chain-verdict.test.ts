import { describe, expect, it } from 'vitest';
import type { AuditVerification } from '../../../src-shared/model';
import { chainVerdict } from '../../../src-renderer/features/audit/chain-verdict';

const HEAD = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

describe('chainVerdict', () => {
  it('reports an intact chain with the number of entries and the first characters of the head hash', () => {
    expect(chainVerdict({ ok: true, checked: 1204, headHash: HEAD, problem: null })).toBe('Chain intact: 1204 entries, head a1b2c3d4…');
  });

  it('says "entry" for a single entry', () => {
    expect(chainVerdict({ ok: true, checked: 1, headHash: HEAD, problem: null })).toBe('Chain intact: 1 entry, head a1b2c3d4…');
  });

  it('reports an empty log without a head hash', () => {
    expect(chainVerdict({ ok: true, checked: 0, headHash: null, problem: null })).toBe('Chain intact: 0 entries');
  });

  it.each([
    ['hash_mismatch', "Chain broken at entry #42 (the entry's contents do not match its hash)"],
    ['chain_broken', 'Chain broken at entry #42 (the entry does not link to the one before it)'],
    ['sequence_gap', 'Chain broken at entry #42 (entries are missing before it)'],
  ] as const)('names the entry where the chain breaks and why (%s)', (reason, verdict) => {
    expect(chainVerdict({ ok: false, checked: 41, headHash: null, problem: { seq: 42, reason } })).toBe(verdict);
  });

  it('never calls a chain intact that failed verification, even when no entry is named', () => {
    const result: AuditVerification = { ok: false, checked: 10, headHash: null, problem: null };
    expect(chainVerdict(result)).toMatch(/^Chain broken/);
  });
});
