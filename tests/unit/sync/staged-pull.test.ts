// A big first sync is staged in a file beside the vault and moved in at the end (sync/staged-pull.ts).
// What the vault ends with must be what applying the same pages one by one makes — rows, field
// stamps, full text, rollups, lifecycles, key counters, the cursor — and a vault that received
// records while the pages were staged must get nothing of them (the pull then runs again page by page).
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PullItem } from '../../../src-shared/sync-protocol';
import type { SqliteDatabase } from '../../../src-main/store/database';
import { rebuildAnalyticsRollups } from '../../../src-main/store/analytics-rollups';
import { applyPull } from '../../../src-main/sync/apply-pull';
import { readSyncState } from '../../../src-main/sync/sync-state';
import { thisDevice } from '../../../src-main/sync/local-changes';
import { removeStagedPulls, stagedPullPath } from '../../../src-main/sync/staged-pull';
import { DirectSyncStore } from '../../../src-main/sync/sync-store';
import type { TestVault } from '../support/test-core';
import { FieldServer, pushAll } from './support/field-server';
import { aDaysWork, addEvidence, importAlerts, signedInVault, type SyncVault } from './support/sync-vaults';

const vaults: TestVault[] = [];
afterEach(async () => {
  await Promise.all(vaults.splice(0).map((vault) => vault.dispose()));
});

/** The tables a pull writes, and what the vault keeps beside them. */
const COMPARED = [
  'investigations', 'alerts', 'entities', 'findings', 'tasks', 'notes', 'evidence', 'evidence_custody', 'investigation_status_log',
  'investigation_alert_additions', 'investigation_alert_removals', 'investigation_access', 'sync_conflicts', 'alert_entities',
  'alert_sightings', 'investigation_lifecycle', 'investigation_open_stretches', 'sync_field_stamps', 'sync_aliases', 'sync_pending_links',
  'alert_quarter_counts', 'alert_day_outcomes', 'alert_quarter_breakdown', 'investigation_key_counters', 'devices',
];
const FULL_TEXT = ['alerts_fts', 'entities_fts', 'findings_fts', 'investigations_fts', 'notes_fts'];

/** A table's rows as text, sorted; the vault's own device (each vault has its id) left out of `devices`. */
const rowsOf = (db: SqliteDatabase, table: string) => {
  const own = table === 'devices' ? thisDevice(db).id : null;
  return (db.prepare(`SELECT * FROM ${table}`).all() as Record<string, unknown>[]).filter((row) => own === null || row.id !== own).map((row) => JSON.stringify(row)).sort();
};
/** What two vaults that imported the same alerts hold alike (each gives its own rows their own ids). */
const alertsAlike = (db: SqliteDatabase) => db.prepare('SELECT fingerprint, title, status, occurrences FROM alerts ORDER BY fingerprint').all();
/** FTS5's own check of each index against the rows it indexes: throws when they disagree. */
const checkFullText = (db: SqliteDatabase) => {
  for (const fts of FULL_TEXT) {
    try {
      db.prepare(`INSERT INTO ${fts}(${fts}, rank) VALUES ('integrity-check', 1)`).run();
    } catch (error) {
      throw new Error(`${fts}: ${String(error)}`);
    }
  }
};
const found = (db: SqliteDatabase, words: string) =>
  (db.prepare('SELECT a.external_id FROM alerts_fts f JOIN alerts a ON a.rid = f.rowid WHERE alerts_fts MATCH ? ORDER BY 1').all(words) as { external_id: string }[]).map((r) => r.external_id);

/** The server's pull cut into pages of `size` items, each ending at its last record's seq. */
function pagesOf(server: FieldServer, size: number): { items: PullItem[]; next: number }[] {
  const { items } = server.pull(0);
  const pages = [];
  for (let i = 0; i < items.length; i += size) {
    const page = items.slice(i, i + size);
    const last = page.at(-1) as { record: { seq: number } };
    pages.push({ items: page, next: last.record.seq });
  }
  return pages;
}

function stagingStore(v: SyncVault): DirectSyncStore {
  const path = stagedPullPath(join(v.vault.dir, 'vault.db'));
  return new DirectSyncStore(v.db, { staging: { path, key: () => v.vault.core.services.custody.copyDataKey(), minRecords: 1 } });
}

/** A vault with a day's work, a second case with evidence, and 40 more alerts, all pushed. */
async function serverWithWork(): Promise<FieldServer> {
  const a = await signedInVault(vaults);
  const { investigationId } = await aDaysWork(a);
  await addEvidence(a, investigationId, 'Screenshot of the chat');
  await a.cli.invoke('findings.add', { investigationId, title: 'Shared device', body: 'Three accounts logged in from one handset' });
  await a.cli.invoke('investigations.setStatus', { investigationId, status: 'in_progress' });
  await importAlerts(a, 'queue', 40);
  const server = new FieldServer();
  pushAll(a.db(), server);
  return server;
}

describe('a staged first sync', () => {
  it('leaves the vault as applying the same pages one by one does', async () => {
    const server = await serverWithWork();
    const pages = pagesOf(server, 7);
    const staged = await signedInVault(vaults);
    const direct = await signedInVault(vaults);
    const store = stagingStore(staged);
    for (const page of pages) store.applyPull(page.items, page.next, pages.at(-1)!.next);
    // Nothing reaches the vault before the move.
    expect(staged.db().prepare('SELECT count(*) FROM alerts').pluck().get()).toBe(0);
    expect(readSyncState(staged.db()).pullCursor).toBe(0);
    expect(existsSync(stagedPullPath(join(staged.vault.dir, 'vault.db')))).toBe(true);

    expect(store.settlePull()).toBe('moved');
    for (const page of pages) applyPull(direct.db(), page.items, page.next);

    expect(existsSync(stagedPullPath(join(staged.vault.dir, 'vault.db')))).toBe(false);
    expect(readSyncState(staged.db()).pullCursor).toBe(pages.at(-1)!.next);
    for (const table of COMPARED) expect({ table, rows: rowsOf(staged.db(), table) }).toEqual({ table, rows: rowsOf(direct.db(), table) });
    expect(rowsOf(staged.db(), "alerts").length).toBeGreaterThanOrEqual(40);
    checkFullText(staged.db());
    expect(found(staged.db(), 'queue')).toEqual(found(direct.db(), 'queue'));
    expect(found(staged.db(), 'queue').length).toBeGreaterThan(30);
    const before = COMPARED.slice(20, 23).map((table) => rowsOf(staged.db(), table));
    rebuildAnalyticsRollups(staged.db());
    expect(COMPARED.slice(20, 23).map((table) => rowsOf(staged.db(), table))).toEqual(before);
    // The moved vault keeps its triggers: a later edit of a pulled alert is searchable under its new title.
    const first = staged.db().prepare('SELECT id, external_id FROM alerts ORDER BY rid LIMIT 1').get() as { id: string; external_id: string };
    staged.db().prepare("UPDATE alerts SET title = 'Renamed after review' WHERE id = ?").run(first.id);
    checkFullText(staged.db());
    expect(found(staged.db(), 'renamed')).toEqual([first.external_id]);
  });

  it('moves nothing when the vault received records meanwhile, and the same pages then apply one by one', async () => {
    const server = await serverWithWork();
    const pages = pagesOf(server, 10);
    const b = await signedInVault(vaults);
    const store = stagingStore(b);
    const head = pages.at(-1)!.next;
    store.applyPull(pages[0]!.items, pages[0]!.next, head);
    // An import while the first sync runs: the same users as the pulled alerts', so entities are shared.
    await importAlerts(b, 'local', 3);
    for (const page of pages.slice(1)) store.applyPull(page.items, page.next, head);

    expect(store.settlePull()).toBe('discarded');
    expect(existsSync(stagedPullPath(join(b.vault.dir, 'vault.db')))).toBe(false);
    expect(readSyncState(b.db()).pullCursor).toBe(0);
    expect(b.db().prepare("SELECT count(*) FROM alerts WHERE external_id NOT LIKE 'local-%'").pluck().get()).toBe(0);
    expect(b.db().prepare('SELECT count(*) FROM investigations').pluck().get()).toBe(0);
    expect(b.db().prepare('SELECT count(*) FROM sync_field_stamps').pluck().get()).toBe(0);

    // The vault is no longer empty: the same store now applies page by page.
    for (const page of pages) store.applyPull(page.items, page.next, head);
    expect(store.settlePull()).toBe('none');
    expect(readSyncState(b.db()).pullCursor).toBe(head);
    expect(b.db().prepare('SELECT count(*) FROM investigations').pluck().get()).toBe(1);
    const direct = await signedInVault(vaults);
    await importAlerts(direct, 'local', 3);
    for (const page of pages) applyPull(direct.db(), page.items, page.next);
    expect(alertsAlike(b.db())).toEqual(alertsAlike(direct.db()));
    expect(alertsAlike(b.db()).length).toBeGreaterThanOrEqual(40);
    checkFullText(b.db());
  });

  it('keeps the pages before one that fails, and moves them with their cursor', async () => {
    const server = await serverWithWork();
    const pages = pagesOf(server, 10);
    const b = await signedInVault(vaults);
    const store = stagingStore(b);
    const head = pages.at(-1)!.next;
    // The first page after the second with an alert's links: made not to parse, after the page's other records.
    const hasLinks = (item: PullItem) => 'record' in item && item.record.table === 'alerts' && item.record.fields.entities !== undefined;
    const failing = pages.findIndex((page, i) => i >= 2 && page.items.some(hasLinks));
    expect(failing).toBeGreaterThanOrEqual(2);
    for (const page of pages.slice(0, failing)) store.applyPull(page.items, page.next, head);
    const broken = structuredClone(pages[failing]!.items);
    const alert = broken.findLast(hasLinks) as { record: { id: string; fields: Record<string, { value: unknown }> } };
    alert.record.fields.entities = { ...alert.record.fields.entities!, value: [{ entity: 42 }] };
    expect(() => store.applyPull(broken, pages[failing]!.next, head)).toThrow(`The pulled alert ${alert.record.id} has links that do not parse`);

    expect(store.settlePull()).toBe('moved');
    expect(readSyncState(b.db()).pullCursor).toBe(pages[failing - 1]!.next);
    const direct = await signedInVault(vaults);
    for (const page of pages.slice(0, failing)) applyPull(direct.db(), page.items, page.next);
    for (const table of COMPARED) expect({ table, rows: rowsOf(b.db(), table) }).toEqual({ table, rows: rowsOf(direct.db(), table) });
    checkFullText(b.db());
  });

  it('is not used for a small first sync, nor by a vault that has pulled before', async () => {
    const server = await serverWithWork();
    const pages = pagesOf(server, 10);
    const b = await signedInVault(vaults);
    const path = stagedPullPath(join(b.vault.dir, 'vault.db'));
    const store = new DirectSyncStore(b.db, { staging: { path, key: () => b.vault.core.services.custody.copyDataKey(), minRecords: 1_000 } });
    store.applyPull(pages[0]!.items, pages[0]!.next, pages.at(-1)!.next);
    expect(existsSync(path)).toBe(false);
    expect(readSyncState(b.db()).pullCursor).toBe(pages[0]!.next);
    const later = stagingStore(b);
    later.applyPull(pages[1]!.items, pages[1]!.next, pages.at(-1)!.next);
    expect(existsSync(path)).toBe(false);
    expect(later.settlePull()).toBe('none');
  });

  it('leaves nothing behind a crash: a staging file left beside the vault is removed when the sync worker opens', async () => {
    const b = await signedInVault(vaults);
    const vaultPath = join(b.vault.dir, 'vault.db');
    const path = stagedPullPath(vaultPath);
    for (const file of [path, `${path}-journal`]) writeFileSync(file, 'left by a crash');
    writeFileSync(`${vaultPath}.other`, 'not ours');
    removeStagedPulls(vaultPath);
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}-journal`)).toBe(false);
    expect(existsSync(`${vaultPath}.other`)).toBe(true);
    expect(existsSync(vaultPath)).toBe(true);
  });
});
