// A first sync sets the alerts' fingerprint index aside until its round ends (store/fingerprint-index.ts).
// These check what the index does for everyone else is still done: a vault synced with it set aside
// holds exactly what one synced with it does, a detection pulled twice under two ids still lands on
// one alert across pages, the round's end (or the next open, after a crash) builds it back, a refused
// page takes the setting aside back, and another writer of alerts builds it before writing, folding
// its alerts into the pulled ones by fingerprint as it always did.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PullItem, PulledRecord } from '../../../src-shared/sync-protocol';
import { fingerprintOf } from '../../../src-main/alerts/alert-folds';
import { AlertWriter, type NewAlert } from '../../../src-main/alerts/alert-writer';
import type { EntityKind } from '../../../src-shared/workspace-model';
import type { Severity } from '../../../src-shared/model';
import { openDatabase, type SqliteDatabase } from '../../../src-main/store/database';
import { fingerprintIndexPresent } from '../../../src-main/store/fingerprint-index';
import { formatHlc, parseHlc } from '../../../src-main/store/hlc';
import { applyPull } from '../../../src-main/sync/apply-pull';
import { DirectSyncStore } from '../../../src-main/sync/sync-store';
import { ADMIN, type TestVault } from '../support/test-core';
import { FieldServer, pushAll } from './support/field-server';
import { aDaysWork, importAlerts, signedInVault, type SyncVault } from './support/sync-vaults';

const vaults: TestVault[] = [];
const connections: SqliteDatabase[] = [];
afterEach(async () => {
  for (const db of connections.splice(0)) db.close();
  await Promise.all(vaults.splice(0).map((vault) => vault.dispose()));
});

/** What a pull writes, in terms two receivers share (no rowids, no local versions). */
function pulledState(db: SqliteDatabase): Record<string, unknown> {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    alerts: all(`SELECT id, source, external_id, rule, title, severity, status, fingerprint, occurred_at, last_seen_at, occurrences, deleted_at, updated_hlc
      FROM alerts ORDER BY id`),
    entities: all('SELECT id, kind, value, alert_count FROM entities ORDER BY id'),
    investigations: all('SELECT id, key, title, status FROM investigations ORDER BY id'),
    links: all('SELECT a.id AS alert, e.id AS entity FROM alert_entities l JOIN alerts a ON a.rid = l.alert_rid JOIN entities e ON e.rid = l.entity_rid ORDER BY 1, 2'),
    stamps: all('SELECT table_name, row_id, field, hlc, device FROM sync_field_stamps ORDER BY 1, 2, 3'),
    aliases: all('SELECT * FROM sync_aliases ORDER BY 1, 2'),
    rollups: all('SELECT * FROM alert_day_outcomes WHERE n > 0 ORDER BY day, source, rule, outcome'),
    search: db.prepare("SELECT count(*) AS n FROM alerts_fts WHERE alerts_fts MATCH 'seen'").get(),
  };
}

/** A second connection to the vault, as the sync worker holds one beside the main thread's. */
function workerConnection(v: SyncVault): SqliteDatabase {
  const db = openDatabase(join(v.vault.dir, 'vault.db'), { key: v.vault.core.services.custody.copyDataKey() });
  connections.push(db);
  return db;
}

const laterHlc = (hlc: string, ms: number) => formatHlc({ wallMs: parseHlc(hlc).wallMs + ms, counter: 0 });

/** The same detection imported on another device: a copy of an alert record under another id, stamped later. */
function sameDetection(source: PulledRecord, id: string): PullItem {
  const fields: PulledRecord['fields'] = {};
  for (const [name, field] of Object.entries(source.fields)) fields[name] = { ...field, hlc: laterHlc(field.hlc, 1_000) };
  return { record: { table: 'alerts', id, seq: source.seq, fields, deleted: null } };
}

/** A team's work on the server, and its pull split into three pages, the last carrying a second copy of the first alert. */
async function serverPages(): Promise<{ pages: Array<{ items: PullItem[]; next: number }>; firstAlert: PulledRecord }> {
  const a = await signedInVault(vaults);
  await aDaysWork(a);
  await importAlerts(a, 'more', 12);
  const server = new FieldServer();
  pushAll(a.db(), server);
  const page = server.pull(0);
  const firstAlert = page.items.find((item): item is { record: PulledRecord } => 'record' in item && item.record.table === 'alerts')!.record;
  const third = Math.ceil(page.items.length / 3);
  const chunks = [page.items.slice(0, third), page.items.slice(third, 2 * third), [...page.items.slice(2 * third), sameDetection(firstAlert, 'copy-from-another-device')]];
  return { pages: chunks.map((items, i) => ({ items, next: i === 2 ? page.next : i + 1 })), firstAlert };
}

describe('a first sync with the fingerprint index set aside', () => {
  it('leaves the vault as a sync with the index does, a detection pulled twice on one alert, and the index back at the round\'s end', async () => {
    const { pages, firstAlert } = await serverPages();
    const plain = await signedInVault(vaults);
    const deferred = await signedInVault(vaults);
    const worker = workerConnection(deferred);
    const store = new DirectSyncStore(() => worker, { deferFingerprints: true });

    let after = 0;
    for (const [i, page] of pages.entries()) {
      applyPull(plain.db(), page.items, page.next);
      store.applyPull(page.items, page.next, after);
      after = page.next;
      if (i === 0) expect(fingerprintIndexPresent(worker)).toBe(false);
    }
    expect(deferred.db().prepare("SELECT local_id FROM sync_aliases WHERE remote_id = 'copy-from-another-device'").get()).toEqual({ local_id: firstAlert.id });

    store.recordRound({ lastSyncAt: Date.now() });
    expect(fingerprintIndexPresent(worker)).toBe(true);
    expect(worker.prepare("SELECT count(*) AS n FROM temp.sqlite_master WHERE name = 'round_fingerprints'").get()).toEqual({ n: 0 });
    expect(pulledState(deferred.db())).toEqual(pulledState(plain.db()));
    // The index is the schema's own again: the same text a migrated vault has.
    expect(worker.prepare("SELECT sql FROM sqlite_master WHERE name = 'alerts_fingerprint'").get())
      .toEqual(plain.db().prepare("SELECT sql FROM sqlite_master WHERE name = 'alerts_fingerprint'").get());
  });

  it('is not set aside for a vault that holds alerts, nor by a page the vault refuses', async () => {
    const { pages } = await serverPages();
    const holding = await signedInVault(vaults);
    await importAlerts(holding, 'own', 2);
    const store = new DirectSyncStore(() => workerConnection(holding), { deferFingerprints: true });
    store.applyPull(pages[0]!.items, pages[0]!.next, 0);
    expect(fingerprintIndexPresent(holding.db())).toBe(true);

    const empty = await signedInVault(vaults);
    const worker = workerConnection(empty);
    const refusing = new DirectSyncStore(() => worker, { deferFingerprints: true });
    expect(() => refusing.applyPull(pages[0]!.items, pages[0]!.next, 7)).toThrow(/does not follow/);
    expect(fingerprintIndexPresent(worker)).toBe(true);
  });

  it('is built back by another writer of alerts before it writes, which folds into the pulled alert by fingerprint', async () => {
    const { pages, firstAlert } = await serverPages();
    const v = await signedInVault(vaults);
    const worker = workerConnection(v);
    const store = new DirectSyncStore(() => worker, { deferFingerprints: true });
    // The round's pages up to the one with the first alert.
    const holding = pages.findIndex((page) => page.items.some((item) => 'record' in item && item.record.id === firstAlert.id));
    let after = 0;
    for (const page of pages.slice(0, holding + 1)) {
      store.applyPull(page.items, page.next, after);
      after = page.next;
    }
    expect(fingerprintIndexPresent(v.db())).toBe(false);

    // The main thread's connection writes the same detection (demo data, an incident alert…): it builds the index first.
    const held = v.db().prepare(`SELECT a.source, a.rule, a.title, a.severity, a.occurred_at, a.fingerprint, e.kind, e.value
      FROM alerts a LEFT JOIN entities e ON e.id = a.primary_entity_id WHERE a.id = ?`).get(firstAlert.id) as
      { source: string; rule: string | null; title: string; severity: Severity; occurred_at: number; fingerprint: string; kind: EntityKind | null; value: string | null };
    const primaryEntity = held.kind && held.value ? { kind: held.kind, value: held.value, origin: 'mapped' as const } : null;
    const again: NewAlert = {
      source: held.source, externalId: 'seen-again', rule: held.rule, title: held.title, description: '', severity: held.severity,
      occurredAt: held.occurred_at, entities: primaryEntity ? [primaryEntity] : [], primaryEntity, importId: null, raw: null,
    };
    expect(fingerprintOf(again)).toBe(held.fingerprint);
    const writer = new AlertWriter(v.db(), v.vault.core.services.custody.vault.repositories.row);
    expect(writer.writeBatch([again])).toEqual(['deduplicated']);
    expect(fingerprintIndexPresent(v.db())).toBe(true);

    // The round goes on with the index: the rest of its pages, and its end, change nothing of that.
    for (const page of pages.slice(holding + 1)) {
      store.applyPull(page.items, page.next, after);
      after = page.next;
    }
    store.recordRound({ lastSyncAt: Date.now() });
    expect(v.db().prepare("SELECT local_id FROM sync_aliases WHERE remote_id = 'copy-from-another-device'").get()).toEqual({ local_id: firstAlert.id });
    expect(v.db().prepare('SELECT count(*) AS n FROM alerts WHERE fingerprint = ?').get(held.fingerprint)).toEqual({ n: 1 });
  });

  it('comes back with the next page applied on another connection after the deferring one went away mid-round', async () => {
    const { pages } = await serverPages();
    const v = await signedInVault(vaults);
    const first = workerConnection(v);
    new DirectSyncStore(() => first, { deferFingerprints: true }).applyPull(pages[0]!.items, pages[0]!.next, 0);
    first.close();
    connections.splice(connections.indexOf(first), 1);
    expect(fingerprintIndexPresent(v.db())).toBe(false);

    // Sync disconnected and enrolled again: a new worker connection goes on from the cursor.
    const second = workerConnection(v);
    new DirectSyncStore(() => second, { deferFingerprints: true }).applyPull(pages[1]!.items, pages[1]!.next, pages[0]!.next);
    expect(fingerprintIndexPresent(v.db())).toBe(true);
  });

  it('comes back when the vault next opens after a round that never ended (the app closed mid-sync)', async () => {
    const { pages } = await serverPages();
    const v = await signedInVault(vaults);
    const worker = workerConnection(v);
    new DirectSyncStore(() => worker, { deferFingerprints: true }).applyPull(pages[0]!.items, pages[0]!.next, 0);
    worker.close();
    connections.splice(connections.indexOf(worker), 1);
    expect(fingerprintIndexPresent(v.db())).toBe(false);

    const core = v.vault.restart();
    const cli = v.vault.client('cli');
    await cli.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
    expect(fingerprintIndexPresent(core.services.custody.vault.db)).toBe(true);
  });
});
