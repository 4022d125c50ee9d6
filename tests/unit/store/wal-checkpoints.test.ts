// The main thread's automatic checkpoint is held while workers that checkpoint themselves write (an
// import, a sync round): off from the first hold to the last release, then back to what it was.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type SqliteDatabase } from '../../../src-main/store/database';
import { MainCheckpointHold } from '../../../src-main/store/wal-checkpoints';

describe('MainCheckpointHold', () => {
  let dir: string;
  let db: SqliteDatabase;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-checkpoint-hold-'));
    db = openDatabase(join(dir, 'vault.db'), { key: null });
    db.pragma('wal_autocheckpoint = 400');
  });
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const autoCheckpoint = () => db.pragma('wal_autocheckpoint', { simple: true });

  it('keeps the checkpoint off until the last of two overlapping holders is done, then restores the setting it found', () => {
    const hold = new MainCheckpointHold(() => db);
    const importing = hold.hold();
    const syncing = hold.hold();
    expect(autoCheckpoint()).toBe(0);
    importing();
    expect(autoCheckpoint()).toBe(0);
    expect(hold.holding).toBe(true);
    syncing();
    expect(autoCheckpoint()).toBe(400);
    expect(hold.holding).toBe(false);
  });

  it('counts a release called twice once: another holder keeps it off', () => {
    const hold = new MainCheckpointHold(() => db);
    const first = hold.hold();
    const second = hold.hold();
    first();
    first();
    expect(autoCheckpoint()).toBe(0);
    second();
    expect(autoCheckpoint()).toBe(400);
  });

  it('holds nothing while no vault is open, and survives the vault closing while held', () => {
    let open: SqliteDatabase | null = null;
    const hold = new MainCheckpointHold(() => open);
    hold.hold()();
    open = db;
    const release = hold.hold();
    db.close();
    expect(() => release()).not.toThrow();
    expect(hold.holding).toBe(false);
  });
});
