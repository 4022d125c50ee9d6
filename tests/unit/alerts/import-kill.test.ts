// A real kill -9 during an alert import: imports commit a batch at a time, so the process dies with
// some of an import's alerts written. At the next unlock the import is undone, and the audit log
// says what happened: the import that was cut off (by whom, which file) and its undo.
import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { AuditEntry } from '../../../src-shared/model';

let vault: TestVault;
afterEach(() => vault?.dispose());

const ROWS = 2000;

/**
 * Runs the child until it is killed `killAfterMs` after it reports an import with alerts committed
 * but not finished (so the kill falls inside an import, or a little after it, however fast or slow
 * the child runs on a loaded machine); resolves with the imports it finished.
 */
function runUntilKilled(killAfterMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'fixtures', 'import-forever.ts'), vault.dir, String(ROWS)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    let armed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      if (!armed && output.split('\n').includes('committed')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL'
      ? resolve(output.split('\n').filter((line) => line === 'done').length)
      : reject(new Error(`child exited without being killed (${signal})`))));
  });
}

interface ImportRow {
  id: string;
  finished_at: number | null;
  undone_at: number | null;
  alerts: number;
}

async function signedIn(): Promise<InProcessClient> {
  const client = vault.client('cli');
  await client.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
  return client;
}

/** The undo runs in the background after the unlock; this waits for it (the test's own timeout bounds the wait). */
async function undoSettled(): Promise<void> {
  const db = vault.core.services.custody.vault.db;
  const pending = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM imports WHERE finished_at IS NULL AND undone_at IS NULL');
  while ((pending.get()?.n ?? 0) > 0) await new Promise((resolve) => setTimeout(resolve, 20));
}

async function auditEntries(client: InProcessClient): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let beforeSeq: number | undefined;
  for (;;) {
    const page = await client.invoke('audit.list', { limit: 500, ...(beforeSeq === undefined ? {} : { beforeSeq }) });
    entries.push(...page.entries);
    if (page.nextBeforeSeq === null) return entries;
    beforeSeq = page.nextBeforeSeq;
  }
}

describe('a kill -9 during an alert import', () => {
  it('leaves a vault that unlocks with the import undone, and the cut-off import and its undo in the audit log', async () => {
    vault = makeTestVault();
    await setUpVault(vault);
    const client = await signedIn();
    // One import timed here, in this run, so the kills land before, during and after imports.
    const csv = join(vault.dir, 'timing.csv');
    const lines = ['alert_id,timestamp,rule,title,severity,user,src_ip'];
    for (let i = 0; i < ROWS; i += 1) lines.push(`t-${i},${new Date(Date.UTC(2026, 3, 1) + i * 3_600_000).toISOString()},rule-t,alert ${i},high,user-${i % 300},198.51.100.${i % 250}`);
    writeFileSync(csv, `${lines.join('\n')}\n`);
    const started = performance.now();
    await client.invoke('alerts.importFile', { path: csv, source: 'timing' });
    const importMs = performance.now() - started;
    const alertCount = () => vault.core.services.custody.vault.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM alerts').get()?.n ?? 0;
    const baseline = alertCount();
    vault.core.close();

    for (let round = 0; round < 3; round += 1) {
      // The first round kills as soon as a batch is in; later ones a random while after, inside the import or past it.
      await runUntilKilled(round === 0 ? 0 : Math.floor(importMs * Math.random()));
      vault.restart();
      const after = await signedIn();
      await undoSettled();
      const db = vault.core.services.custody.vault.db;
      expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
      const imports = db.prepare<[], ImportRow>(
        `SELECT i.id, i.finished_at, i.undone_at, (SELECT count(*) FROM alerts a WHERE a.import_id = i.id) AS alerts
         FROM imports i WHERE i.source = 'feed' ORDER BY i.started_at`,
      ).all();
      // Every import either finished whole or was undone whole.
      for (const row of imports) {
        expect(row.finished_at === null).toBe(row.undone_at !== null);
        expect(row.alerts).toBe(row.undone_at === null ? ROWS : 0);
      }
      const done = imports.filter((row) => row.finished_at !== null).length;
      expect(alertCount()).toBe(baseline + done * ROWS);
      expect(await after.invoke('alerts.list', { limit: 1 })).toBeTruthy();
      vault.core.close();
    }

    vault.restart();
    const auditor = await signedIn();
    await undoSettled();
    const db = vault.core.services.custody.vault.db;
    const undone = db.prepare<[], { id: string; file_name: string }>("SELECT id, file_name FROM imports WHERE source = 'feed' AND undone_at IS NOT NULL").all();
    // The child really was importing when killed.
    expect(undone.length).toBeGreaterThan(0);
    const entries = await auditEntries(auditor);
    for (const killed of undone) {
      const about = entries.filter((e) => e.target === killed.id);
      expect(about.filter((e) => e.action === 'alerts.import_interrupted')).toEqual([
        expect.objectContaining({ outcome: 'failure', actorName: ADMIN.username, details: expect.objectContaining({ fileName: killed.file_name }) as unknown }),
      ]);
      expect(about.filter((e) => e.action === 'alerts.import_undone')).toEqual([expect.objectContaining({ outcome: 'success' })]);
    }
    expect((await auditor.invoke('audit.verify', {})).ok).toBe(true);
  }, 90_000);
});
