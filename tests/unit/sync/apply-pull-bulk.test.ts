// A pull page reads what the vault holds of its records in bulk when it begins (page-lookups.ts) and
// trusts the absences it found until the page writes them. These check that a page applied whole leaves
// the vault exactly as its records applied one page each, including records of the same page that meet
// by natural key (an alert's fingerprint), one an earlier record of the page created or changed.
import { afterEach, describe, expect, it } from 'vitest';
import type { PullItem, PulledRecord } from '../../../src-shared/sync-protocol';
import type { SqliteDatabase } from '../../../src-main/store/database';
import { formatHlc, parseHlc } from '../../../src-main/store/hlc';
import { applyPull } from '../../../src-main/sync/apply-pull';
import type { TestVault } from '../support/test-core';
import { FieldServer, pushAll } from './support/field-server';
import { aDaysWork, importAlerts, signedInVault } from './support/sync-vaults';

const vaults: TestVault[] = [];
afterEach(async () => {
  await Promise.all(vaults.splice(0).map((vault) => vault.dispose()));
});

/** What a pull writes, in terms two receivers of the same records share (no rowids, no local versions). */
function pulledState(db: SqliteDatabase): Record<string, unknown> {
  const all = (sql: string) => db.prepare(sql).all();
  return {
    alerts: all(`SELECT id, source, external_id, rule, title, description, severity, status, dismiss_reason, investigation_id, fingerprint,
      primary_entity_id, occurred_at, last_seen_at, occurrences, raw, created_at, deleted_at, updated_hlc FROM alerts ORDER BY id`),
    entities: all('SELECT id, kind, value, alert_count FROM entities ORDER BY id'),
    investigations: all('SELECT id, key, title, status, updated_hlc FROM investigations ORDER BY id'),
    links: all('SELECT a.id AS alert, e.id AS entity, l.origin FROM alert_entities l JOIN alerts a ON a.rid = l.alert_rid JOIN entities e ON e.rid = l.entity_rid ORDER BY 1, 2'),
    sightings: all('SELECT source, external_id, alert_id FROM alert_sightings ORDER BY 1, 2'),
    stamps: all('SELECT table_name, row_id, field, hlc, device FROM sync_field_stamps ORDER BY 1, 2, 3'),
    aliases: all('SELECT * FROM sync_aliases ORDER BY 1, 2'),
    pending: all('SELECT * FROM sync_pending_links ORDER BY 1, 2'),
    rollups: all('SELECT * FROM alert_day_outcomes WHERE n > 0 ORDER BY day, source, rule, outcome'),
    search: db.prepare("SELECT count(*) AS n FROM alerts_fts WHERE alerts_fts MATCH 'seen'").get(),
  };
}

/** The page's records applied one page each. */
function applyOneByOne(db: SqliteDatabase, items: readonly PullItem[], next: number): void {
  for (const item of items) applyPull(db, [item], next);
}

const laterHlc = (hlc: string, ms: number) => formatHlc({ wallMs: parseHlc(hlc).wallMs + ms, counter: 0 });

/** A copy of an alert record under another id, every field stamped later: the same detection from another device. */
function sameDetection(source: PulledRecord, id: string, overrides: Record<string, unknown> = {}): PullItem {
  const fields: PulledRecord['fields'] = {};
  for (const [name, field] of Object.entries(source.fields)) fields[name] = { ...field, hlc: laterHlc(field.hlc, 1_000), value: (name in overrides ? overrides[name] : field.value) as never };
  return { record: { table: 'alerts', id, seq: source.seq, fields, deleted: null } };
}

describe('a pull page applied in bulk', () => {
  it('leaves an empty vault as its records applied one page each, a second copy of a detection in the same page landing on the first', async () => {
    const a = await signedInVault(vaults);
    const whole = await signedInVault(vaults);
    const oneByOne = await signedInVault(vaults);
    const server = new FieldServer();
    await aDaysWork(a);
    pushAll(a.db(), server);
    const page = server.pull(0);
    const firstAlert = page.items.find((item): item is { record: PulledRecord } => 'record' in item && item.record.table === 'alerts')!.record;
    const items = [...page.items, sameDetection(firstAlert, 'copy-of-the-first-alert')];

    applyPull(whole.db(), items, page.next);
    applyOneByOne(oneByOne.db(), items, page.next);

    expect(pulledState(whole.db())).toEqual(pulledState(oneByOne.db()));
    // The copy is the first alert's row (its fingerprint), by an alias, not a second alert.
    expect(whole.db().prepare("SELECT local_id FROM sync_aliases WHERE remote_id = 'copy-of-the-first-alert'").get()).toEqual({ local_id: firstAlert.id });
    const count = (db: SqliteDatabase) => db.prepare('SELECT count(*) AS n FROM alerts').get();
    expect(count(whole.db())).toEqual(count(a.db()));
  });

  it('finds a row whose fingerprint an earlier record of the page set, in a vault that already holds rows', async () => {
    const a = await signedInVault(vaults);
    const whole = await signedInVault(vaults);
    const oneByOne = await signedInVault(vaults);
    const server = new FieldServer();
    await importAlerts(a, 'first', 3);
    pushAll(a.db(), server);
    const first = server.pull(0);
    applyPull(whole.db(), first.items, first.next);
    applyPull(oneByOne.db(), first.items, first.next);

    // The next page: the first alert's fingerprint changed (a newer stamp), then a new record carrying that fingerprint.
    const alert = first.items.map((item) => ('record' in item ? item.record : null)).find((r) => r?.table === 'alerts')!;
    const fingerprint = 'fingerprint-set-by-this-page';
    const changed: PullItem = { record: { ...alert, seq: first.next + 1, fields: { fingerprint: { value: fingerprint, hlc: laterHlc(alert.fields.fingerprint!.hlc, 5_000), device: alert.fields.fingerprint!.device } }, deleted: null } };
    const arriving = sameDetection(alert, 'arrives-with-that-fingerprint', { fingerprint, external_id: 'another-sighting' });
    const items = [changed, arriving];

    applyPull(whole.db(), items, first.next + 2);
    applyOneByOne(oneByOne.db(), items, first.next + 2);

    expect(pulledState(whole.db())).toEqual(pulledState(oneByOne.db()));
    expect(whole.db().prepare('SELECT id FROM alerts WHERE fingerprint = ?').all(fingerprint)).toEqual([{ id: alert.id }]);
    expect(whole.db().prepare("SELECT local_id FROM sync_aliases WHERE remote_id = 'arrives-with-that-fingerprint'").get()).toEqual({ local_id: alert.id });
  });
});
