// The nightly structural check of the live vault (integrity_check in the backup worker): due once a
// night, audited, remembered in backup-state.json; damage is announced to every window.
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventMap } from '../../../src-shared/events';
import { ManualClock } from '../../../src-main/platform/clock';
import type { AuditRecord } from '../../../src-main/audit/audit-log';
import { BackupStateFile } from '../../../src-main/backup/backup-state';
import { VaultStructureCheck } from '../../../src-main/backup/vault-structure-check';
import { createWriteTurnMemory, mainWriteTurn } from '../../../src-main/store/write-turn';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';

const cleanups: (() => void)[] = [];
afterEach(() => { while (cleanups.length) cleanups.pop()?.(); });

const HOUR = 3_600_000;
const quietLogger = { log: () => undefined };

describe('the nightly structure check', () => {
  it('checks the live vault in a worker, audits it, and is not due again until the next night', async () => {
    const vault: TestVault = makeTestVault();
    cleanups.push(() => vault.dispose());
    await setUpVault(vault);
    const { structureCheck, backups, custody } = vault.core.services;

    expect(await structureCheck.tick()).toBe('ok');
    expect(backups.state.read().structureCheck).toEqual({ at: vault.clock.now(), ok: true, problems: [] });
    const audited = custody.vault.db.prepare<[], { actor_name: string | null; outcome: string }>(
      "SELECT actor_name, outcome FROM audit_log WHERE action = 'vault.structure_checked' ORDER BY seq",
    ).all();
    expect(audited).toEqual([{ actor_name: 'vigil', outcome: 'success' }]);

    expect(await structureCheck.tick()).toBe('not_due');
    // A day later 03:00 local time has passed at least once: due again.
    vault.clock.advance(25 * HOUR);
    expect(await structureCheck.tick()).toBe('ok');
  });

  it('gives way to a backup someone starts: the backup runs, the check stops and is due again', async () => {
    const vault: TestVault = makeTestVault();
    cleanups.push(() => vault.dispose());
    const { admin } = await setUpVault(vault);
    const { structureCheck, backups } = vault.core.services;

    const checking = structureCheck.tick();
    // The check is in its worker; an admin's backup starts now and is not refused because of it.
    const backup = await admin.invoke('backup.create', {});
    expect(backup.manifest.rowCounts.users).toBe(1);
    expect(await checking).toBe('busy');
    expect(backups.state.read().structureCheck).toBeNull();
    // Still due: the next tick checks.
    expect(await structureCheck.tick()).toBe('ok');
  });

  it('waits while the vault is locked', async () => {
    const vault: TestVault = makeTestVault();
    cleanups.push(() => vault.dispose());
    await setUpVault(vault);
    vault.core.services.custody.close();
    expect(await vault.core.services.structureCheck.tick()).toBe('vault_closed');
  });

  it('announces damage, audits it as a failure and remembers the first problems', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-structure-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const clock = new ManualClock();
    const state = new BackupStateFile(dir);
    const announced: EventMap['notification'][] = [];
    const audited: AuditRecord[] = [];
    const problems = ['row 12 missing from index idx_alerts_status'];
    const check = new VaultStructureCheck({
      backups: { state, running: false, checkLiveStructure: () => Promise.resolve({ ok: false, problems }) },
      clock, logger: quietLogger, announce: (n) => announced.push(n),
      audit: () => ({ append: (record: AuditRecord) => { audited.push(record); return undefined as never; } }),
      writeTurn: mainWriteTurn(createWriteTurnMemory()),
    });
    expect(await check.tick()).toBe('damaged');
    expect(state.read().structureCheck).toEqual({ at: clock.now(), ok: false, problems });
    expect(audited).toEqual([expect.objectContaining({ action: 'vault.structure_checked', outcome: 'failure', details: { check: 'integrity_check', problems } })]);
    expect(announced).toEqual([expect.objectContaining({ level: 'error' })]);
  });

  it('retries later, not at every tick, when the check could not run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-structure-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const clock = new ManualClock();
    let calls = 0;
    const check = new VaultStructureCheck({
      backups: {
        state: new BackupStateFile(dir), running: false,
        checkLiveStructure: () => { calls += 1; return Promise.reject(new Error('worker failed')); },
      },
      clock, logger: quietLogger, announce: () => undefined, audit: () => ({ append: () => undefined as never }),
      writeTurn: mainWriteTurn(createWriteTurnMemory()),
    });
    expect(await check.tick()).toBe('failed');
    clock.advance(60_000);
    expect(await check.tick()).toBe('not_due');
    clock.advance(15 * 60_000);
    expect(await check.tick()).toBe('failed');
    expect(calls).toBe(2);
  });
});
