// The swap of a restored vault, stopped after each of its steps (as a crash would), then settled as
// at the next start: the directory always ends with the old pair or the new pair, never a mix.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESTORE_INCOMING, RESTORE_JOURNAL, settlePendingRestore, type RestoreJournal } from '../../../src-main/backup/restore-swap';

let dir = '';
afterEach(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

const JOURNAL: RestoreJournal = { phase: 'swap', aside: 'pre-restore-20260101T000000Z', hadVault: true, from: 'vigil-backup-x.vigilbk' };

/** The swap's steps in order, as swapIntoPlace performs them. */
const STEPS: ((d: string) => void)[] = [
  (d) => { writeFileSync(join(d, RESTORE_JOURNAL), JSON.stringify(JOURNAL)); mkdirSync(join(d, JOURNAL.aside)); },
  (d) => renameSync(join(d, 'vault.db-wal'), join(d, JOURNAL.aside, 'vault.db-wal')),
  (d) => renameSync(join(d, 'vault.db'), join(d, JOURNAL.aside, 'vault.db')),
  (d) => renameSync(join(d, 'keyslots.json'), join(d, JOURNAL.aside, 'keyslots.json')),
  (d) => renameSync(join(d, RESTORE_INCOMING, 'vault.db'), join(d, 'vault.db')),
  (d) => renameSync(join(d, RESTORE_INCOMING, 'keyslots.json'), join(d, 'keyslots.json')),
];

function prepared(): string {
  const d = mkdtempSync(join(tmpdir(), 'vigil-swap-'));
  writeFileSync(join(d, 'vault.db'), 'old vault');
  writeFileSync(join(d, 'vault.db-wal'), 'old wal');
  writeFileSync(join(d, 'keyslots.json'), 'old slots');
  mkdirSync(join(d, RESTORE_INCOMING));
  writeFileSync(join(d, RESTORE_INCOMING, 'vault.db'), 'new vault');
  writeFileSync(join(d, RESTORE_INCOMING, 'keyslots.json'), 'new slots');
  return d;
}

describe('an interrupted restore swap, settled at start', () => {
  for (let done = 0; done <= STEPS.length; done += 1) {
    it(`after ${done} of ${STEPS.length} steps leaves one whole vault`, () => {
      dir = prepared();
      STEPS.slice(0, done).forEach((step) => step(dir));
      const outcome = settlePendingRestore(dir);
      const vault = readFileSync(join(dir, 'vault.db'), 'utf8');
      const slots = readFileSync(join(dir, 'keyslots.json'), 'utf8');
      if (done === STEPS.length) {
        expect(outcome).toBe('rolled_forward');
        expect([vault, slots]).toEqual(['new vault', 'new slots']);
        // The vault as it was stays aside, whole.
        expect(readFileSync(join(dir, JOURNAL.aside, 'vault.db'), 'utf8')).toBe('old vault');
      } else {
        expect(outcome).toBe(done === 0 ? 'none' : 'rolled_back');
        expect([vault, slots]).toEqual(['old vault', 'old slots']);
        expect(readFileSync(join(dir, 'vault.db-wal'), 'utf8')).toBe('old wal');
      }
      expect(existsSync(join(dir, RESTORE_JOURNAL))).toBe(false);
      expect(existsSync(join(dir, RESTORE_INCOMING))).toBe(false);
      expect(readdirSync(dir).filter((n) => n.startsWith('pre-restore-')).length).toBe(done === STEPS.length ? 1 : 0);
    });
  }
});
