// The sync client's own state: one device-local row, written without change-log entries (it never
// syncs), whose outbox cursor never moves back.
import { afterEach, describe, expect, it } from 'vitest';
import { advancePushedSeq, readSyncState, writeSyncSettings } from '../../../src-main/sync/sync-state';
import { readOutbox } from '../../../src-main/sync/outbox';
import type { TestVault } from '../support/test-core';
import { signedInVault } from './support/sync-vaults';

const vaults: TestVault[] = [];
afterEach(async () => {
  await Promise.all(vaults.splice(0).map((vault) => vault.dispose()));
});

describe('the sync state', () => {
  it('keeps the enrolment and cursors in the vault, outside the change feed, and never moves the outbox cursor back', async () => {
    const v = await signedInVault(vaults);
    const db = v.db();
    expect(readSyncState(db)).toEqual({ serverUrl: null, deviceId: null, credential: null, pushedSeq: 0, pullCursor: 0, lastSyncAt: null, lastError: null });
    const entries = (db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;

    writeSyncSettings(db, { serverUrl: 'https://sync.example', deviceId: 'device-1', credential: 'c'.repeat(43) });
    writeSyncSettings(db, { lastSyncAt: 1_000, lastError: 'CLOCK_AHEAD' });
    advancePushedSeq(db, 7);
    advancePushedSeq(db, 3);
    expect(readSyncState(db)).toEqual({
      serverUrl: 'https://sync.example', deviceId: 'device-1', credential: 'c'.repeat(43), pushedSeq: 7, pullCursor: 0, lastSyncAt: 1_000, lastError: 'CLOCK_AHEAD',
    });
    expect((db.prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n).toBe(entries);
    expect(readOutbox(db, 0).changes).toEqual([]);
    // Across a restart (the row is in the vault file).
    v.vault.restart();
    await v.vault.client().invoke('auth.login', { username: 'ada', password: 'correct horse battery' });
    expect(readSyncState(v.db()).serverUrl).toBe('https://sync.example');
  });
});
