// Applying a pull: another vault's outbox, merged by a field-level server, makes this vault hold the
// same synced rows (with their search index, entity counters, rollups and lifecycle rows); per field
// the higher stamp wins, a local edit waiting in the outbox included; an eviction removes a scope's
// append-only rows too; and a page commits whole with the cursor, or not at all.
import { afterEach, describe, expect, it } from 'vitest';
import type { PullItem, StoredField } from '../../../src-shared/sync-protocol';
import { formatHlc, parseHlc } from '../../../src-main/store/hlc';
import { DeviceNumbers } from '../../../src-main/store/devices';
import { decodeSourceRow, parseSourceColumns } from '../../../src-main/store/source-row';
import type { SqliteDatabase } from '../../../src-main/store/database';
import { applyPull } from '../../../src-main/sync/apply-pull';
import { DirectEvidenceBlobVault, stagingKey } from '../../../src-main/sync/evidence-blob-vault';
import { readSyncState } from '../../../src-main/sync/sync-state';
import { VigilError } from '../../../src-shared/errors';
import { ADMIN, type TestVault } from '../support/test-core';
import { FieldServer, pullAll, pushAll } from './support/field-server';
import { aDaysWork, addEvidence, importAlerts, signedInVault, type SyncVault } from './support/sync-vaults';

const vaults: TestVault[] = [];
afterEach(async () => {
  await Promise.all(vaults.splice(0).map((vault) => vault.dispose()));
});

/** Each vault keeps these its own way: row keys, and the row's version (derived from the stamps on a receiver). */
const DEVICE_LOCAL = ['rid', 'updated_at', 'updated_hlc', 'origin_device'];

function columns(db: SqliteDatabase, table: string, except: readonly string[]): string {
  return (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[])
    .map((c) => c.name).filter((name) => !except.includes(name)).join(', ');
}

/** The synced tables' rows and what the vault derives from them. */
function syncedState(db: SqliteDatabase): Record<string, unknown> {
  const rows = (table: string, except: readonly string[] = []) => db.prepare(`SELECT ${columns(db, table, [...DEVICE_LOCAL, ...except])} FROM ${table} ORDER BY id`).all();
  const sourceRow = (row: Record<string, string | null>) => {
    const stored = db.prepare('SELECT source_columns FROM imports WHERE id = ?').get(row.import_id) as { source_columns: string | null } | undefined;
    return decodeSourceRow(row.raw ?? null, parseSourceColumns(stored?.source_columns ?? null), {
      externalId: row.external_id ?? null, rule: row.rule ?? null, title: row.title ?? null, description: row.description ?? null,
    });
  };
  const matches = (fts: string, word: string) => (db.prepare(`SELECT count(*) AS n FROM ${fts} WHERE ${fts} MATCH ?`).get(word) as { n: number }).n;
  return {
    investigations: rows('investigations'),
    notes: rows('notes'),
    tasks: rows('tasks'),
    findings: rows('findings'),
    evidence: rows('evidence'),
    custody: rows('evidence_custody'),
    statusLog: rows('investigation_status_log'),
    additions: rows('investigation_alert_additions'),
    alerts: (rows('alerts') as Record<string, string | null>[]).map((row) => ({ ...row, raw: sourceRow(row) })),
    // First and last seen follow what an import saw; the count follows the links on each side.
    entities: rows('entities', ['first_seen_at', 'last_seen_at']),
    links: db.prepare(`SELECT a.id AS alert_id, e.id AS entity_id, l.origin FROM alert_entities l
      JOIN alerts a ON a.rid = l.alert_rid JOIN entities e ON e.rid = l.entity_rid ORDER BY 1, 2`).all(),
    sightings: db.prepare('SELECT * FROM alert_sightings ORDER BY source, external_id').all(),
    lifecycle: db.prepare('SELECT * FROM investigation_lifecycle ORDER BY investigation_id').all(),
    rollups: db.prepare('SELECT * FROM alert_day_outcomes WHERE n > 0 ORDER BY day, source, rule, outcome').all(),
    quarters: db.prepare('SELECT * FROM alert_quarter_counts WHERE n > 0 ORDER BY quarter').all(),
    search: { alerts: matches('alerts_fts', 'seen'), notes: matches('notes_fts', 'device'), investigations: matches('investigations_fts', 'title') },
  };
}

const record = (table: 'investigations' | 'alerts', id: string, seq: number, fields: Record<string, { value: unknown; hlc: string; device: string }>): PullItem =>
  ({ record: { table, id, seq, fields: fields as never, deleted: null } });
const hlcAt = (wallMs: number) => formatHlc({ wallMs, counter: 0 });
const titleOf = (v: SyncVault, id: string) => (v.db().prepare('SELECT title FROM investigations WHERE id = ?').get(id) as { title: string }).title;
const REMOTE = 'ffffffff-0000-7000-8000-00000000000f';

/** A's day pushed to a server and pulled by B. */
async function pairedVaults(): Promise<{ a: SyncVault; b: SyncVault; server: FieldServer; work: Awaited<ReturnType<typeof aDaysWork>> }> {
  const a = await signedInVault(vaults);
  const b = await signedInVault(vaults);
  const server = new FieldServer();
  const work = await aDaysWork(a);
  await a.cli.invoke('findings.add', { investigationId: work.investigationId, title: 'Ring of five', body: 'Accounts share one device' });
  await a.cli.invoke('investigations.setStatus', { investigationId: work.investigationId, status: 'in_progress' });
  await a.cli.invoke('alerts.merge', { selection: { ids: work.alertIds.slice(3, 5) }, investigationId: work.investigationId });
  await addEvidence(a, work.investigationId, 'a screenshot of the device list');
  pushAll(a.db(), server);
  pullAll(b.db(), server);
  return { a, b, server, work };
}

describe('applying a pull', () => {
  it('makes another vault hold the same synced rows, search index, counters and rollups; the same page again changes nothing', async () => {
    const { a, b, server } = await pairedVaults();
    const state = syncedState(b.db());
    expect(state).toEqual(syncedState(a.db()));
    expect((state.alerts as unknown[]).length).toBe(6);
    expect(state.search).toEqual({ alerts: 6, notes: 1, investigations: 1 });

    const page = server.pull(0);
    const again = applyPull(b.db(), page.items, page.next);
    expect(again).toMatchObject({ written: 0, unchanged: page.items.length, evicted: 0 });
    expect(syncedState(b.db())).toEqual(state);
    expect(readSyncState(b.db()).pullCursor).toBe(page.next);

    // B's own next investigation takes the next key, not the one it pulled.
    const pulledKey = (a.db().prepare('SELECT key FROM investigations').get() as { key: string }).key;
    const own = await b.cli.invoke('investigations.create', { title: 'B’s own' });
    expect(own.key).not.toBe(pulledKey);
  });

  it('applies a tombstone: the row stays, deleted, and an older tombstone or edit does not bring it back', async () => {
    const a = await signedInVault(vaults);
    const b = await signedInVault(vaults);
    const server = new FieldServer();
    const { taskId } = await aDaysWork(a);
    // A delete as a repository would write it (none deletes a synced row yet): deleted_at, logged.
    const row = a.vault.core.services.custody.vault.repositories.row;
    const hlc = row.hlc();
    a.db().prepare('UPDATE tasks SET deleted_at = ?, updated_hlc = ? WHERE id = ?').run(row.now(), hlc, taskId);
    row.changes.record('tasks', taskId, ['deleted_at'], hlc);
    pushAll(a.db(), server);
    pullAll(b.db(), server);
    expect(b.db().prepare('SELECT deleted_at FROM tasks WHERE id = ?').get(taskId)).toEqual({ deleted_at: parseHlc(hlc).wallMs });
    expect(syncedState(b.db())).toEqual(syncedState(a.db()));
    const older = hlcAt(parseHlc(hlc).wallMs - 1);
    const stale: PullItem = { record: { table: 'tasks', id: taskId, seq: 900, fields: { title: { value: 'Older edit', hlc: older, device: REMOTE } }, deleted: { hlc: older, device: REMOTE } } };
    applyPull(b.db(), [stale], 900);
    expect(b.db().prepare('SELECT deleted_at FROM tasks WHERE id = ?').get(taskId)).toEqual({ deleted_at: parseHlc(hlc).wallMs });
  });

  it('keeps, per field, the higher stamp: a newer local edit, pushed or waiting, beats an older remote value, and a newer remote value beats it', async () => {
    const { a, b, server, work } = await pairedVaults();
    const id = work.investigationId;
    const pulled = parseHlc(server.pull(0).items.flatMap((i) => ('record' in i && i.record.id === id ? [i.record.fields.title?.hlc ?? ''] : []))[0] ?? '').wallMs;
    b.vault.clock.set(a.vault.clock.now() + 10 * 60_000);
    // B's clock jumped past its idle lock: a fresh sign-in.
    const cli = b.vault.client('cli');
    await cli.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    await cli.invoke('investigations.update', { investigationId: id, title: 'Local, not pushed' });
    const local = b.vault.clock.now();
    let seq = 1_000;

    // Older than B's waiting edit, newer than what B pulled: B's edit stays.
    const observed: string[] = [];
    applyPull(b.db(), [record('investigations', id, ++seq, { title: { value: 'Remote, older', hlc: hlcAt(pulled + 1_000), device: REMOTE } })], seq, {
      observe: (hlc) => observed.push(formatHlc(hlc)),
    });
    expect(titleOf(b, id)).toBe('Local, not pushed');
    expect(observed).toEqual([hlcAt(pulled + 1_000)]);

    // Newer than it: the remote value wins, and with it the row's version.
    applyPull(b.db(), [record('investigations', id, ++seq, { title: { value: 'Remote, newer', hlc: hlcAt(local + 1_000), device: REMOTE } })], seq);
    expect(titleOf(b, id)).toBe('Remote, newer');
    expect(b.db().prepare('SELECT updated_hlc, updated_at FROM investigations WHERE id = ?').get(id)).toEqual({ updated_hlc: hlcAt(local + 1_000), updated_at: local + 1_000 });

    // B edits again and pushes: its stamp is kept in sync_field_stamps, and an older remote value loses to it.
    b.vault.clock.set(local + 5_000);
    await cli.invoke('investigations.update', { investigationId: id, title: 'Local, pushed' });
    pushAll(b.db(), server);
    applyPull(b.db(), [record('investigations', id, ++seq, { title: { value: 'Remote, older again', hlc: hlcAt(local + 2_000), device: REMOTE } })], seq);
    expect(titleOf(b, id)).toBe('Local, pushed');
    // The same HLC breaks the tie by device id, the same way on every replica.
    const pushedHlc = (b.db().prepare("SELECT hlc FROM sync_field_stamps WHERE table_name = 'investigations' AND row_id = ? AND field = 'title'").get(id) as { hlc: string }).hlc;
    applyPull(b.db(), [record('investigations', id, ++seq, { title: { value: 'Same HLC, higher device', hlc: pushedHlc, device: REMOTE } })], seq);
    expect(titleOf(b, id)).toBe('Same HLC, higher device');
  });

  it('evicts a scope: the investigation goes with its notes, evidence, custody, history, alerts and field clocks, append-only or not', async () => {
    const { b, work } = await pairedVaults();
    const id = work.investigationId;
    const count = (sql: string) => (b.db().prepare(sql).get(id) as { n: number }).n;
    const inScope = {
      notes: 'SELECT count(*) AS n FROM notes WHERE investigation_id = ?',
      evidence: 'SELECT count(*) AS n FROM evidence WHERE investigation_id = ?',
      custody: 'SELECT count(*) AS n FROM evidence_custody WHERE evidence_id IN (SELECT id FROM evidence WHERE investigation_id = ?)',
      statusLog: 'SELECT count(*) AS n FROM investigation_status_log WHERE investigation_id = ?',
      alerts: 'SELECT count(*) AS n FROM alerts WHERE investigation_id = ?',
      investigation: 'SELECT count(*) AS n FROM investigations WHERE id = ?',
      stamps: "SELECT count(*) AS n FROM sync_field_stamps WHERE table_name = 'investigations' AND row_id = ?",
    };
    for (const sql of Object.values(inScope)) expect(count(sql)).toBeGreaterThan(0);
    // The vault's own guards still refuse a stray delete of its history.
    expect(() => b.db().prepare('DELETE FROM notes WHERE investigation_id = ?').run(id)).toThrow(/append-only/);

    const outcome = applyPull(b.db(), [{ evict: { scope: id } }], readSyncState(b.db()).pullCursor + 1);
    expect(outcome.evicted).toBeGreaterThan(6);
    for (const sql of Object.values(inScope)) expect(count(sql)).toBe(0);
    expect(b.db().prepare('SELECT count(*) AS n FROM retention_scope').get()).toEqual({ n: 0 });
    // Alerts outside the case and the shared entities stay, their counters recounted without the evicted links.
    expect(b.db().prepare('SELECT count(*) AS n FROM alerts').get()).toEqual({ n: 4 });
    expect(b.db().prepare('SELECT count(*) AS n FROM entities WHERE alert_count <> (SELECT count(*) FROM alert_entities WHERE entity_rid = entities.rid)').get()).toEqual({ n: 0 });

    // One record: that alert and its links.
    const alertId = work.alertIds[0] ?? '';
    applyPull(b.db(), [{ evict: { table: 'alerts', id: alertId } }], readSyncState(b.db()).pullCursor + 1);
    expect(b.db().prepare('SELECT count(*) AS n FROM alerts WHERE id = ?').get(alertId)).toEqual({ n: 0 });
    expect(b.db().prepare('SELECT count(*) AS n FROM alerts').get()).toEqual({ n: 3 });
  });

  it('evicts an evidence record with the part of its file a cut download staged, in the same page', async () => {
    const { b, work } = await pairedVaults();
    const evidenceId = b.db().prepare<[string], string>('SELECT id FROM evidence WHERE investigation_id = ?').pluck().get(work.investigationId) ?? '';
    // The pull brought the record, not its file: a download of it stopped after its first chunk.
    new DirectEvidenceBlobVault(b.db).stageEvidenceChunk(evidenceId, 0, Buffer.from('the first chunk'));
    const staged = () => b.db().prepare('SELECT count(*) AS n FROM evidence_blobs WHERE evidence_id = ?').get(stagingKey(evidenceId));
    expect(staged()).toEqual({ n: 1 });

    applyPull(b.db(), [{ evict: { table: 'evidence', id: evidenceId } }], readSyncState(b.db()).pullCursor + 1);
    expect(b.db().prepare('SELECT count(*) AS n FROM evidence WHERE id = ?').get(evidenceId)).toEqual({ n: 0 });
    expect(staged()).toEqual({ n: 0 });
  });

  it('moves the cursor only with a committed page: one that fails leaves the rows and the cursor as they were', async () => {
    const { b, work } = await pairedVaults();
    const id = work.investigationId;
    const cursor = readSyncState(b.db()).pullCursor;
    const title = titleOf(b, id);
    const later = hlcAt(Date.UTC(2027, 0, 1));
    const page: PullItem[] = [
      record('investigations', id, cursor + 1, { title: { value: 'Written, then rolled back', hlc: later, device: REMOTE } }),
      // Links that are not a list of links: refused in the same transaction.
      record('alerts', work.alertIds[0] ?? '', cursor + 2, { entities: { value: 'not links', hlc: later, device: REMOTE } }),
    ];
    expect(() => applyPull(b.db(), page, cursor + 2)).toThrow(VigilError);
    expect(titleOf(b, id)).toBe(title);
    expect(readSyncState(b.db()).pullCursor).toBe(cursor);

    // A page that does not parse, or ends before the cursor, is refused with a typed error and changes nothing.
    expect(() => applyPull(b.db(), [{ record: { table: 'users', id } } as never], cursor + 1)).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
    expect(() => applyPull(b.db(), [], cursor - 1)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    // A page pulled after another cursor than the vault's (the one before it failed) is refused too.
    expect(() => applyPull(b.db(), page.slice(0, 1), cursor + 1, { after: cursor + 1 })).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(titleOf(b, id)).toBe(title);
    expect(readSyncState(b.db()).pullCursor).toBe(cursor);

    applyPull(b.db(), page.slice(0, 1), cursor + 1, { after: cursor });
    expect(titleOf(b, id)).toBe('Written, then rolled back');
    expect(readSyncState(b.db()).pullCursor).toBe(cursor + 1);
    // Device numbers are the vault's own: the remote device got one here.
    expect(new DeviceNumbers(b.db()).idOf(String((b.db().prepare('SELECT origin_device FROM investigations WHERE id = ?').get(id) as { origin_device: string }).origin_device))).toBe(REMOTE);
  });
});

describe('applying a pull across pages and devices', () => {
  it('makes an alert\'s links to entities that arrive after it, in a later page', async () => {
    const a = await signedInVault(vaults);
    const b = await signedInVault(vaults);
    const server = new FieldServer();
    await aDaysWork(a);
    pushAll(a.db(), server);
    const page = server.pull(0);
    const isEntity = (item: PullItem) => 'record' in item && item.record.table === 'entities';
    // Everything but the entities first, the entities in a page of their own after.
    applyPull(b.db(), page.items.filter((item) => !isEntity(item)), page.next - 1);
    expect(b.db().prepare('SELECT count(*) AS n FROM alert_entities').get()).toEqual({ n: 0 });
    expect((b.db().prepare('SELECT count(*) AS n FROM sync_pending_links').get() as { n: number }).n).toBeGreaterThan(0);
    applyPull(b.db(), page.items.filter(isEntity), page.next);
    expect(b.db().prepare('SELECT count(*) AS n FROM sync_pending_links').get()).toEqual({ n: 0 });
    const state = syncedState(b.db());
    expect(state).toEqual(syncedState(a.db()));
  });

  it('lands the same detection imported on two devices on the vault\'s own alert and entities, not a second copy', async () => {
    const a = await signedInVault(vaults);
    const b = await signedInVault(vaults);
    const server = new FieldServer();
    const onA = await importAlerts(a, 'shared', 4);
    const onB = await importAlerts(b, 'shared', 4);
    expect(onA).not.toEqual(onB);
    b.vault.clock.set(a.vault.clock.now());
    await a.cli.invoke('alerts.bulk', { selection: { ids: onA.slice(0, 1) }, action: { kind: 'dismiss', reason: 'benign' } });
    pushAll(a.db(), server);
    const entitiesBefore = b.db().prepare('SELECT id, kind, value, alert_count FROM entities ORDER BY id').all();

    pullAll(b.db(), server);
    // B keeps its own rows (the fingerprint and entity values are unique), with A's newer verdict on the first.
    expect((b.db().prepare('SELECT id FROM alerts ORDER BY occurred_at').all() as { id: string }[]).map((r) => r.id)).toEqual(onB);
    expect(b.db().prepare('SELECT status, dismiss_reason FROM alerts WHERE id = ?').get(onB[0])).toEqual({ status: 'dismissed', dismiss_reason: 'benign' });
    expect(b.db().prepare('SELECT id, kind, value, alert_count FROM entities ORDER BY id').all()).toEqual(entitiesBefore);
    expect((b.db().prepare("SELECT count(*) AS n FROM sync_aliases WHERE table_name = 'alerts'").get() as { n: number }).n).toBe(4);
    // Links A's alerts name by A's entity ids are B's own links.
    expect(b.db().prepare('SELECT count(*) AS n FROM alert_entities WHERE entity_rid NOT IN (SELECT rid FROM entities)').get()).toEqual({ n: 0 });
    expect(b.db().prepare('SELECT count(*) AS n FROM alerts WHERE primary_entity_id IS NOT NULL AND primary_entity_id NOT IN (SELECT id FROM entities)').get()).toEqual({ n: 0 });
  });
});

describe('the synced tables only sync writes', () => {
  it('keeps an investigation\'s restriction and the server\'s conflicts, JSON values as JSON text, merged per field', async () => {
    const b = await signedInVault(vaults);
    const investigationId = '01900000-0000-7000-8000-000000000001';
    const at = (ms: number) => hlcAt(Date.UTC(2026, 0, 1) + ms);
    const field = (value: StoredField['value'], ms: number): StoredField => ({ value, hlc: at(ms), device: REMOTE });
    applyPull(b.db(), [
      { record: { table: 'investigation_access', id: investigationId, seq: 1, fields: { restricted: field(true, 1), members: field(['m-1', 'm-2'], 1) }, deleted: null } },
      {
        record: {
          table: 'sync_conflicts', id: '01900000-0000-7000-8000-0000000000c1', seq: 2, deleted: null,
          fields: {
            kind: field('text_edit', 2), record_table: field('investigations', 2), record_id: field(investigationId, 2), field: field('title', 2),
            scope: field(investigationId, 2), sides: field([{ value: 'A', device: 'd-a' }, { value: 'B', device: 'd-b' }], 2), raised_at: field(5, 2),
            resolved_at: field(null, 2), resolved_by: field(null, 2), resolution: field(null, 2),
          },
        },
      },
    ], 2);
    expect(b.db().prepare('SELECT id, restricted, members FROM investigation_access').all()).toEqual([{ id: investigationId, restricted: 1, members: '["m-1","m-2"]' }]);
    expect(b.db().prepare('SELECT kind, sides, resolved_at FROM sync_conflicts').get()).toEqual({ kind: 'text_edit', sides: '[{"value":"A","device":"d-a"},{"value":"B","device":"d-b"}]', resolved_at: null });

    // A later member list wins; an older restriction flag does not.
    applyPull(b.db(), [{ record: { table: 'investigation_access', id: investigationId, seq: 3, fields: { restricted: field(false, 0), members: field(['m-1'], 3) }, deleted: null } }], 3);
    expect(b.db().prepare('SELECT restricted, members FROM investigation_access').get()).toEqual({ restricted: 1, members: '["m-1"]' });
  });
});
