// Swapping a restored vault into place so that a crash at any moment leaves one whole vault.
//
// The restored vault.db and keyslots.json are first written, verified and fsynced in
// `restore-incoming/`. Then restore-journal.json is written (atomically), the current files are moved
// into `pre-restore-<time>/`, the incoming ones are renamed into place, and the journal is removed.
// At start (`settlePendingRestore`, before anything opens the vault) a journal still present means
// the swap was interrupted: if both incoming files already moved in, the restored vault is whole
// and stays (it was verified before the swap); otherwise the old files are moved back.
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { fsyncDirectory, writeFileAtomic } from '../vault/atomic-file';

export const RESTORE_JOURNAL = 'restore-journal.json';
export const RESTORE_INCOMING = 'restore-incoming';
const VAULT = 'vault.db';
const SLOTS = 'keyslots.json';
const SIDECARS = ['vault.db-wal', 'vault.db-shm'];
/** The audit anchor stays in place (the restore moves it once the restored vault is checked); a copy kept
 *  aside is what a rollback puts back. Named here rather than imported: the swap knows files, not audit. */
const ANCHOR = 'audit-anchor.json';

const journalSchema = z.object({
  phase: z.literal('swap'),
  /** Folder (in the data directory) where the vault as it was is kept. */
  aside: z.string().regex(/^pre-restore-[0-9A-Za-z-]+$/),
  /** Whether there was a vault to keep aside (a recovery-key restore may start from an empty directory). */
  hadVault: z.boolean(),
  from: z.string(),
});
export type RestoreJournal = z.infer<typeof journalSchema>;

export type SettledRestore = 'none' | 'rolled_forward' | 'rolled_back';

export function incomingDir(dataDir: string): string {
  return join(dataDir, RESTORE_INCOMING);
}

/** An empty incoming folder (whatever an earlier, abandoned attempt left is removed). */
export function prepareIncoming(dataDir: string): string {
  const dir = incomingDir(dataDir);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { mode: 0o700 });
  return dir;
}

export function asideFolderName(at: number): string {
  return `pre-restore-${new Date(at).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')}`;
}

/** Moves the current vault aside and the incoming one into place. The caller opens and checks it next. */
export function swapIntoPlace(dataDir: string, journal: RestoreJournal): string {
  const incoming = incomingDir(dataDir);
  const aside = join(dataDir, journal.aside);
  writeFileAtomic(join(dataDir, RESTORE_JOURNAL), JSON.stringify(journal));
  mkdirSync(aside, { recursive: true, mode: 0o700 });
  fsyncDirectory(dataDir);
  for (const name of [...SIDECARS, VAULT, SLOTS]) {
    if (existsSync(join(dataDir, name))) renameSync(join(dataDir, name), join(aside, name));
  }
  if (existsSync(join(dataDir, ANCHOR))) copyFileSync(join(dataDir, ANCHOR), join(aside, ANCHOR));
  fsyncDirectory(aside);
  fsyncDirectory(dataDir);
  renameSync(join(incoming, VAULT), join(dataDir, VAULT));
  renameSync(join(incoming, SLOTS), join(dataDir, SLOTS));
  fsyncDirectory(dataDir);
  return aside;
}

/** The swap is done and the restored vault opened: forget the journal. */
export function finishRestore(dataDir: string): void {
  rmSync(join(dataDir, RESTORE_JOURNAL), { force: true });
  rmSync(incomingDir(dataDir), { recursive: true, force: true });
  fsyncDirectory(dataDir);
}

export function readJournal(dataDir: string): RestoreJournal | null {
  const path = join(dataDir, RESTORE_JOURNAL);
  if (!existsSync(path)) return null;
  try {
    const parsed = journalSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Completes or undoes an interrupted restore. Call with the data directory locked and the vault closed. */
export function settlePendingRestore(dataDir: string): SettledRestore {
  const journal = readJournal(dataDir);
  if (!journal) {
    // No journal: nothing was moved. An incoming folder is an attempt abandoned before the swap.
    if (!existsSync(join(dataDir, RESTORE_JOURNAL))) {
      rmSync(incomingDir(dataDir), { recursive: true, force: true });
      return 'none';
    }
    // A journal we cannot read was never written whole (writeFileAtomic renames): nothing moved yet.
    finishRestore(dataDir);
    return 'rolled_back';
  }
  const incoming = incomingDir(dataDir);
  const bothMovedIn = !existsSync(join(incoming, VAULT)) && !existsSync(join(incoming, SLOTS))
    && existsSync(join(dataDir, VAULT)) && existsSync(join(dataDir, SLOTS));
  if (bothMovedIn) {
    finishRestore(dataDir);
    return 'rolled_forward';
  }
  rollBack(dataDir, journal);
  return 'rolled_back';
}

/** Puts the files kept aside back; removes whatever of the restored vault had moved in. */
export function rollBack(dataDir: string, journal: RestoreJournal): void {
  const aside = join(dataDir, journal.aside);
  const incoming = incomingDir(dataDir);
  const vaultMovedIn = !existsSync(join(incoming, VAULT)) && existsSync(join(dataDir, VAULT));
  const oldVaultAside = existsSync(join(aside, VAULT));
  if (oldVaultAside || (!journal.hadVault && vaultMovedIn)) {
    // The top-level vault.db (if any) is the restored one: its WAL files are not the old vault's.
    for (const name of [VAULT, ...SIDECARS]) rmSync(join(dataDir, name), { force: true });
  }
  for (const name of [...SIDECARS, VAULT]) {
    if (existsSync(join(aside, name))) renameSync(join(aside, name), join(dataDir, name));
  }
  const slotsMovedIn = !existsSync(join(incoming, SLOTS)) && existsSync(join(dataDir, SLOTS));
  if (existsSync(join(aside, SLOTS))) renameSync(join(aside, SLOTS), join(dataDir, SLOTS));
  else if (!journal.hadVault && slotsMovedIn) rmSync(join(dataDir, SLOTS), { force: true });
  // The old vault's anchor, in case the restore had already moved it to the restored head.
  if (existsSync(join(aside, ANCHOR))) renameSync(join(aside, ANCHOR), join(dataDir, ANCHOR));
  fsyncDirectory(dataDir);
  rmSync(aside, { recursive: true, force: true });
  finishRestore(dataDir);
}
