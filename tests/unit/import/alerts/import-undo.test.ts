// An import commits a batch at a time yet stays all or nothing: refused, cancelled and crashed
// imports are undone exactly, and between batches the vault takes other writes at once.
import { afterEach, describe, expect, it } from 'vitest';
import { importAlerts } from '../../../../src-main/import/alerts/alert-import';
import type { ImportRecord } from '../../../../src-main/import/file-reader';
import type { AlertProfile } from '../../../../src-main/import/alerts/alert-row-mapper';
import { mappingProfileSchema } from '../../../../src-main/import/column-mapping';
import { createChangeRecorder } from '../../../../src-main/store/change-log';
import { openDatabase, type SqliteDatabase } from '../../../../src-main/store/database';
import type { RowContext } from '../../../../src-main/store/row-context';
import { errorCodeOf } from '../../support/errors';
import { ADMIN, makeTestVault, setUpVault, type TestVault } from '../../support/test-core';

let vault: TestVault;
const connections: SqliteDatabase[] = [];
afterEach(() => {
  for (const db of connections.splice(0)) if (db.open) db.close();
  vault?.dispose();
});

const PROFILE = mappingProfileSchema.parse({
  name: 'test', kind: 'alerts',
  columns: { externalId: 'id', occurredAt: 'time', rule: 'rule', title: 'title', severity: 'severity', account: 'user', ip: 'ip' },
  timestamp: { format: 'iso', timeZone: 'UTC' },
}) as AlertProfile;

const T0 = Date.UTC(2026, 4, 1, 9, 0);
type Row = Record<string, string>;

/** Rows whose accounts and IPs repeat, so later rows share entities with earlier ones and fold by fingerprint. */
function rows(prefix: string, count: number, offsetMs = 0): Row[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`, time: new Date(T0 + offsetMs + i * 60_000).toISOString(), rule: `rule-${i % 3}`,
    title: `${prefix} signal number ${i} about quokka`, severity: 'high', user: `u-${i % 40}`, ip: `198.51.100.${i % 25}`,
  }));
}

/** Records as the file readers give them; `pause(i)` may stall or fail the stream before row i. */
async function* records(list: Row[], pause: (i: number) => Promise<void> = async () => undefined): AsyncGenerator<ImportRecord> {
  for (let i = 0; i < list.length; i += 1) {
    await pause(i);
    yield { line: i + 2, values: list[i] as Row };
  }
}

async function setUp() {
  vault = makeTestVault();
  await setUpVault(vault);
  const open = () => vault.core.services.custody.vault;
  const connect = (): { db: SqliteDatabase; row: RowContext } => {
    const db = openDatabase(vault.core.services.databasePath, { key: vault.core.services.custody.copyDataKey() });
    connections.push(db);
    const shared = open().repositories.row;
    return { db, row: { ...shared, changes: createChangeRecorder(db, shared.deviceId, shared.now) } };
  };
  const run = (list: Row[], mode: 'good_rows' | 'all_or_nothing', extra: { pause?: (i: number) => Promise<void>; signal?: AbortSignal } = {}) => {
    const { db, row } = connect();
    return { db, done: importAlerts(db, row, records(list, extra.pause), { profile: PROFILE, source: 'reports', mode, fileName: 'f.csv', userId: null, signal: extra.signal }) };
  };
  // What an analyst sees and what later imports depend on; sync metadata aside.
  const snapshot = () => {
    const db = open().db;
    return {
      alerts: db.prepare('SELECT external_id, rule, occurrences, occurred_at, last_seen_at, status FROM alerts ORDER BY external_id').all(),
      entities: db.prepare('SELECT kind, value, alert_count, first_seen_at, last_seen_at FROM entities ORDER BY kind, value').all(),
      links: db.prepare('SELECT a.external_id, e.value FROM alert_entities l JOIN alerts a ON a.rid = l.alert_rid JOIN entities e ON e.rid = l.entity_rid ORDER BY 1, 2').all(),
      sightings: db.prepare('SELECT source, external_id FROM alert_sightings ORDER BY 1, 2').all(),
      searchable: db.prepare("SELECT count(*) AS n FROM alerts_fts WHERE alerts_fts MATCH 'quokka'").get(),
      journal: ['import_new_entities', 'import_folds', 'import_fold_sightings', 'import_fold_links'].map((t) => db.prepare(`SELECT count(*) AS n FROM ${t}`).get()),
    };
  };
  const count = () => (open().db.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number }).n;
  // A base the next import folds into (same rules, accounts and hours) and shares entities with.
  const base = await run(rows('base', 120), 'good_rows').done;
  expect(base.committed).toBe(true);
  return { open, run, snapshot, count };
}

/** 3,000 rows: many batches, rows folding into the base alerts, new and shared entities. */
const NEXT = rows('next', 3_000, 30_000);

describe('undoing an import', () => {
  it('leaves the vault exactly as it was when "import nothing" meets a bad row after batches committed', async () => {
    const { run, snapshot } = await setUp();
    const before = snapshot();
    const summary = await run([...NEXT, { ...NEXT[0], id: 'bad', time: 'not a time' } as Row], 'all_or_nothing').done;
    expect(summary).toMatchObject({ committed: false, imported: 0, rejected: 1 });
    expect(summary.rejectedRows).toEqual([{ line: 3_002, reason: expect.stringMatching(/^time "not a time"/) }]);
    expect(snapshot()).toEqual(before);
  });

  it('leaves the vault as it was when the import is cancelled part way', async () => {
    const { run, snapshot, count } = await setUp();
    const before = snapshot();
    const controller = new AbortController();
    const { done } = run(NEXT, 'good_rows', { signal: controller.signal, pause: async (i) => { if (i === 2_000) controller.abort(); } });
    expect(await errorCodeOf(done)).toBe('CANCELLED');
    expect(count()).toBe(120);
    expect(snapshot()).toEqual(before);
  });

  it('takes other writes at once between batches, and undoes an import cut off by a crash at the next unlock', async () => {
    const { run, snapshot, count, open } = await setUp();
    const before = snapshot();
    let stalled!: () => void;
    const reachedStall = new Promise<void>((resolve) => { stalled = resolve; });
    const { db } = run(NEXT, 'good_rows', { pause: (i) => (i === 2_000 ? (stalled(), new Promise<void>(() => undefined)) : Promise.resolve()) });
    await reachedStall;
    expect(count()).toBeGreaterThan(120);
    // The import is mid-way; the app's own connection writes without waiting for it.
    const started = Date.now();
    open().repositories.audit.append({ actor: { id: null, name: 'test' }, action: 'test.write', outcome: 'success', details: {} });
    expect(Date.now() - started).toBeLessThan(1_000);

    db.close(); // the process dies: nothing more of this import runs
    vault.restart();
    const admin = vault.client();
    await admin.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    const unfinished = () => vault.core.services.custody.vault.db.prepare('SELECT count(*) AS n FROM imports WHERE finished_at IS NULL AND undone_at IS NULL').get();
    for (let i = 0; i < 200 && (unfinished() as { n: number }).n > 0; i += 1) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(unfinished()).toEqual({ n: 0 });
    expect(snapshot()).toEqual(before);
  });

  it('keeps an imported alert an analyst already worked on, with its entities', async () => {
    const { run, snapshot, open } = await setUp();
    const controller = new AbortController();
    let worked = '';
    const { done } = run(NEXT, 'good_rows', {
      signal: controller.signal,
      pause: async (i) => {
        if (i !== 2_000) return;
        // An analyst acknowledges one of the alerts the import has committed so far.
        worked = open().db.prepare<[], string>("SELECT external_id FROM alerts WHERE external_id LIKE 'next-%' ORDER BY rowid DESC LIMIT 1").pluck().get() ?? '';
        open().db.prepare("UPDATE alerts SET status = 'acknowledged' WHERE external_id = ?").run(worked);
        controller.abort();
      },
    });
    await done.catch(() => undefined);
    const after = snapshot();
    expect(after.alerts.filter((a) => (a as { external_id: string }).external_id.startsWith('next-'))).toEqual([
      expect.objectContaining({ external_id: worked, status: 'acknowledged' }),
    ]);
    expect(worked).toMatch(/^next-/);
    expect(after.links.filter((l) => (l as { external_id: string }).external_id === worked)).toHaveLength(2);
    const account = open().db.prepare("SELECT alert_count FROM entities WHERE kind = 'account' AND value = 'u-20'").get();
    const linked = open().db.prepare("SELECT count(*) AS alert_count FROM alert_entities l JOIN entities e ON e.rid = l.entity_rid WHERE e.kind = 'account' AND e.value = 'u-20'").get();
    expect(account).toEqual(linked);
  });

  it('clears its journal when it finishes', async () => {
    const { run, snapshot } = await setUp();
    expect((await run(NEXT, 'good_rows').done).committed).toBe(true);
    expect(snapshot().journal).toEqual([{ n: 0 }, { n: 0 }, { n: 0 }, { n: 0 }]);
  });
});
