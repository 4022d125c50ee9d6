// The main thread's own writes outside any router call (a scheduled job: the SLA watch, an audit row
// from a timer) take the vault's write turn too: while a worker holds it (and SQLite's write lock)
// they wait for it without freezing the event loop, instead of sleeping in SQLite's busy handler and
// failing with SQLITE_BUSY. Inside a turn, a nested write joins it rather than queueing behind itself.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VAULT_FILE } from '../../../src-main/core';
import type { Logger } from '../../../src-main/platform/logger';
import { createWriteTurnMemory, mainWriteTurn, workerWriteTurn } from '../../../src-main/store/write-turn';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { insertInvestigation, vaultDb } from '../actions/workspace-fixtures';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';

function startLockHolder(vault: TestVault, memory: SharedArrayBuffer, control: SharedArrayBuffer): Worker {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./fixtures/write-lock-holder-worker.ts', import.meta.url).href;
  const key = vault.core.services.custody.copyDataKey();
  const worker = new Worker(`import(${JSON.stringify(tsx)}).then((t) => { t.register(); return import(${JSON.stringify(entry)}); });`, {
    eval: true, workerData: { memory, control, databasePath: join(vault.dir, VAULT_FILE), key: new Uint8Array(key) },
  });
  key.fill(0);
  return worker;
}

const logged: { level: string; message: string }[] = [];
const logger: Logger = { log: (level, message) => logged.push({ level, message }) };
const memory = createWriteTurnMemory();
let vault: TestVault;
let admin: InProcessClient;
let bob: InProcessClient;

beforeAll(async () => {
  vault = makeTestVault({ logger, writeTurnMemory: memory });
  ({ admin } = await setUpVault(vault));
  bob = await addUser(vault, admin, 'bob', 'analyst');
});
afterAll(() => vault.dispose());

describe('the main thread\'s scheduled writes and a worker\'s write turn', () => {
  it('a scheduled SLA watch waits for the worker\'s turn with its event loop running, then writes', async () => {
    const bobId = (await admin.invoke('users.directory', {})).find((user) => user.username === 'bob')?.id ?? '';
    const investigationId = insertInvestigation(vaultDb(vault));
    await admin.invoke('investigations.update', { investigationId, assigneeId: bobId, slaDueAt: vault.clock.now() - 1000 });
    await bob.invoke('notifications.markRead', { all: true });

    const control = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT);
    const flags = new Int32Array(control);
    const worker = startLockHolder(vault, memory, control);
    const done = new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    while (Atomics.load(flags, 0) === 0) await new Promise((resolve) => setTimeout(resolve, 5));

    // The scheduled check runs now (its start), outside any router call.
    const asked = performance.now();
    vault.core.services.notifier.start();
    expect(performance.now() - asked, 'the SLA watch blocked the main thread on the busy database').toBeLessThan(500);
    let ticked = false;
    await new Promise((resolve) => setTimeout(() => { ticked = true; resolve(undefined); }, 50));
    expect(ticked).toBe(true);

    Atomics.store(flags, 1, 1);
    await done;
    await worker.terminate();
    // A router call queues behind the watch's turn: by its answer the watch has written.
    const kinds = (await bob.invoke('notifications.list', {})).items.map((item) => item.kind);
    vault.core.services.notifier.stop();
    expect(kinds).toContain('sla_breached');
    expect(logged.filter((line) => line.level === 'error' || line.level === 'warn')).toEqual([]);
  }, 20_000);
});

describe('a long main-thread write and a worker\'s write turn', () => {
  it('a bulk action\'s later batches wait for a worker holding the turn instead of going into SQLite\'s busy handler', async () => {
    await admin.invoke('demo.generate', { alerts: 2_600, seed: 5, days: 5, investigations: 0 });
    const ids = (vaultDb(vault).prepare('SELECT id FROM alerts ORDER BY rid LIMIT 2500').pluck().all() as string[]);
    const bobId = (await admin.invoke('users.directory', {})).find((user) => user.username === 'bob')?.id ?? '';
    const cells = new Int32Array(memory);
    let batches = 0;
    // After the first batch (of two), a worker takes the turn: as an import's batch would, between two of the action's.
    const stop = vault.core.services.events.subscribe((_target, event) => {
      if (event !== 'job.progress') return;
      batches += 1;
      if (batches === 1) Atomics.store(cells, 0, 2);
    });
    logged.length = 0;
    let finished = false;
    const bulk = admin.invoke('alerts.bulk', { selection: { ids }, action: { kind: 'assign', assigneeId: bobId } }).then((result) => {
      finished = true;
      return result;
    });
    while (batches === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(finished, 'the second batch ran while a worker held the turn').toBe(false);
    Atomics.store(cells, 0, 0);
    Atomics.notify(cells, 0);
    expect(await bulk).toEqual({ affected: 2500, unchanged: 0 });
    stop();
    expect(logged.filter((line) => line.level === 'error' || line.level === 'warn')).toEqual([]);
  }, 30_000);
});

describe('the main thread\'s write turn', () => {
  it('runs a write asked for inside its turn at once, in that turn, instead of queueing it behind itself', async () => {
    const turn = mainWriteTurn(createWriteTurnMemory());
    const order: string[] = [];
    await turn.run(() => {
      order.push('outer');
      void turn.run(() => order.push('nested'));
      expect(turn.runNow(() => 'joined')).toEqual({ value: 'joined' });
      order.push('outer end');
    });
    expect(order).toEqual(['outer', 'nested', 'outer end']);
    expect(turn.held).toBe(false);
  });

  it('takes a free turn for a synchronous write, and refuses to run one while a worker holds it', () => {
    const shared = createWriteTurnMemory();
    const turn = mainWriteTurn(shared);
    expect(turn.runNow(() => turn.held)).toEqual({ value: true });
    // The worker's side, on this thread for the test: inside its turn the main thread's write cannot run.
    workerWriteTurn(shared).run(() => {
      let ran = false;
      expect(turn.runNow(() => { ran = true; })).toBeNull();
      expect(ran).toBe(false);
    });
    expect(turn.runNow(() => 'after')).toEqual({ value: 'after' });
  });
});
