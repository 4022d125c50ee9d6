// A restore that fails after the swap puts the old vault back: its audit anchor comes back with it,
// even if the restore had already moved the anchor to the restored vault's head.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_ANCHOR_FILE } from '../../../src-main/audit/audit-anchor';
import { RESTORE_INCOMING, rollBack, swapIntoPlace, type RestoreJournal } from '../../../src-main/backup/restore-swap';

let dir = '';
afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('rolling back a restore', () => {
  it('puts the old vault and its own audit anchor back', () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-anchor-swap-'));
    writeFileSync(join(dir, 'vault.db'), 'old vault');
    writeFileSync(join(dir, 'keyslots.json'), 'old slots');
    writeFileSync(join(dir, AUDIT_ANCHOR_FILE), 'old anchor');
    mkdirSync(join(dir, RESTORE_INCOMING));
    writeFileSync(join(dir, RESTORE_INCOMING, 'vault.db'), 'new vault');
    writeFileSync(join(dir, RESTORE_INCOMING, 'keyslots.json'), 'new slots');
    const journal: RestoreJournal = { phase: 'swap', aside: 'pre-restore-20260101T000000Z', hadVault: true, from: 'x.vigilbk' };

    swapIntoPlace(dir, journal);
    // The restore moved the anchor to the restored head, then something after it failed.
    writeFileSync(join(dir, AUDIT_ANCHOR_FILE), 'anchor of the restored vault');
    rollBack(dir, journal);

    expect(readFileSync(join(dir, 'vault.db'), 'utf8')).toBe('old vault');
    expect(readFileSync(join(dir, AUDIT_ANCHOR_FILE), 'utf8')).toBe('old anchor');
  });
});
