// What the Sync screen says of a conflict's sides, of the clock and of a device's audit log: pure
// functions an analyst's choice, a clock fix and an admin's look at a device depend on.
import { describe, expect, it } from 'vitest';
import { auditMismatchWords, auditWords, clockWords, filesWords, formatSpan, labelSides, progressPercent } from '../../../../src-renderer/features/sync/sync-words';
import type { SyncStatus } from '../../../../src-shared/sync-contract';

const side = (device: string, value: string) => ({ value, hlc: '000000000000001-000000', device });
const status = (over: Partial<SyncStatus>): SyncStatus => ({
  state: 'idle', lastSyncedAt: null, pendingChanges: 0, lastError: null, progress: null, clockSkewMs: null, ...over,
});

describe('the sides of a conflict as this vault sees them', () => {
  it('lists this vault\'s edit first whichever side the server held, and keeping it chooses that side', () => {
    const heldOurs = labelSides([side('mine', 'A'), side('theirs', 'B')], 'mine');
    expect(heldOurs.map((s) => [s.label, s.side.value, s.choice])).toEqual([['This vault', 'A', 'held'], ['The other device', 'B', 'incoming']]);
    const incomingOurs = labelSides([side('theirs', 'B'), side('mine', 'A')], 'mine');
    expect(incomingOurs.map((s) => [s.button, s.side.value, s.choice])).toEqual([["Keep this vault's", 'A', 'incoming'], ['Take the other', 'B', 'held']]);
  });

  it('keeps the server\'s words for a conflict between two other devices', () => {
    expect(labelSides([side('x', 'B'), side('y', 'C')], 'mine').map((s) => s.label)).toEqual(['Held by the server', 'Incoming']);
  });
});

describe('the clock and progress in words', () => {
  it('says how far ahead a refused clock is and what to do', () => {
    expect(clockWords(status({ state: 'clock_ahead', aheadMs: 125_000 }))).toMatch(/2 min 5 s ahead.*fix your system clock/);
  });

  it('stays quiet for a small skew and names the direction of a large one', () => {
    expect(clockWords(status({ clockSkewMs: -5_000 }))).toBeNull();
    expect(clockWords(status({ clockSkewMs: -90_000 }))).toContain('1 min 30 s ahead');
    expect(clockWords(status({ clockSkewMs: 3 * 3_600_000 }))).toContain('3 h behind');
  });

  it('turns a first sync\'s pull into a percentage, none without a total', () => {
    expect(progressPercent({ done: 420, total: 1000 })).toBe(42);
    expect(progressPercent({ done: 0, total: 0 })).toBeNull();
    expect(formatSpan(59_400)).toBe('59 s');
  });
});

describe('evidence files moving in a round', () => {
  it('names the file in hand among the round\'s, and the bytes moved of their sizes', () => {
    const upload = { direction: 'upload', filesDone: 1, files: 3, bytesDone: 34 * 1024 ** 2, bytes: 120 * 1024 ** 2 } as const;
    expect(filesWords(upload)).toEqual({ text: 'Sending evidence files: 2 of 3, 34 MiB of 120 MiB', percent: 28 });
    const lastOne = { direction: 'download', filesDone: 1, files: 1, bytesDone: 5 * 1024, bytes: 5 * 1024 } as const;
    expect(filesWords(lastOne)).toEqual({ text: 'Receiving evidence file: 1 of 1, 5 KiB of 5 KiB', percent: 100 });
  });

  it('gives no percent once every file dropped out of the round', () => {
    expect(filesWords({ direction: 'download', filesDone: 0, files: 0, bytesDone: 0, bytes: 0 }).percent).toBeNull();
  });
});

describe('the audit log against what the server holds', () => {
  it('says nothing before a hello, and names the entry sent when the log still holds it', () => {
    expect(auditWords(status({}))).toBeNull();
    expect(auditWords(status({ auditLog: { serverSeq: null, matches: true } }))).toEqual({ text: 'nothing sent to the server yet', problem: false });
    expect(auditWords(status({ auditLog: { serverSeq: 1204, matches: true } }))?.problem).toBe(false);
  });

  it('is a problem, naming the entry, when the log no longer holds what was sent', () => {
    const words = auditWords(status({ auditLog: { serverSeq: 1204, matches: false } }));
    expect(words?.problem).toBe(true);
    expect(words?.text).toMatch(/changed since entry 1,204 was sent/);
  });
});

describe('a device\'s audit mismatch on the Devices panel', () => {
  const now = Date.UTC(2026, 11, 6, 15, 0);

  it('names the entry and what happened to it in plain words, then when the server last found it', () => {
    expect(auditMismatchWords({ at: now - 3 * 3_600_000, seq: 1204, reason: 'rewritten' }, now))
      .toEqual({ what: 'Entries deleted or rewritten at or before entry\u00a01,204.', found: 'Last found 3 h ago.' });
    expect(auditMismatchWords({ at: now - 4 * 60_000, seq: 1204, reason: 'broken' }, now)).toEqual({ what: 'Entry\u00a01,204 was edited.', found: 'Last found 4 min ago.' });
  });

  it('says entries went missing when only the head went back, and that an entry differs when the reason is unknown', () => {
    expect(auditMismatchWords({ at: now, seq: null, reason: null }, now).what).toBe('Entries already sent deleted or rewritten.');
    expect(auditMismatchWords({ at: now, seq: 7, reason: null }, now).what).toBe('Entry\u00a07 does not match the server\'s copy.');
  });
});
