// A pull page inserts its new alerts with their insert triggers off and derives their full text and
// rollup counts in bulk (store/alert-derivations.ts). What the vault ends with must be what the
// triggers would have made, also when the same page then changes or evicts an alert it inserted
// (whose update and delete triggers must find what the insert derived), and the app's own writes
// after the page keep their triggers.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PullItem, PulledRecord } from '../../../src-shared/sync-protocol';
import type { SqliteDatabase } from '../../../src-main/store/database';
import { formatHlc, parseHlc } from '../../../src-main/store/hlc';
import { rebuildAnalyticsRollups } from '../../../src-main/store/analytics-rollups';
import { applyPull } from '../../../src-main/sync/apply-pull';
import type { TestVault } from '../support/test-core';
import { FieldServer, pushAll } from './support/field-server';
import { importAlerts, signedInVault } from './support/sync-vaults';

const vaults: TestVault[] = [];
afterEach(async () => {
  await Promise.all(vaults.splice(0).map((vault) => vault.dispose()));
});

const rollups = (db: SqliteDatabase) => ({
  quarters: db.prepare('SELECT * FROM alert_quarter_counts WHERE n <> 0 ORDER BY quarter').all(),
  outcomes: db.prepare('SELECT * FROM alert_day_outcomes WHERE n <> 0 ORDER BY day, source, rule, outcome').all(),
  breakdown: db.prepare('SELECT * FROM alert_quarter_breakdown WHERE n <> 0 ORDER BY quarter, source, severity').all(),
});
const found = (db: SqliteDatabase, words: string) =>
  (db.prepare('SELECT a.external_id FROM alerts_fts f JOIN alerts a ON a.rid = f.rowid WHERE alerts_fts MATCH ? ORDER BY 1').all(words) as { external_id: string }[]).map((r) => r.external_id);
/** FTS5's own check of the index against the alerts it indexes: throws when they disagree. */
const checkFullText = (db: SqliteDatabase) => db.prepare("INSERT INTO alerts_fts(alerts_fts, rank) VALUES ('integrity-check', 1)").run();

const laterHlc = (hlc: string, ms: number) => formatHlc({ wallMs: parseHlc(hlc).wallMs + ms, counter: 0 });

describe('the full text and rollups of the alerts a pull page inserts', () => {
  it('are what the triggers would have made, with alerts of the page renamed and evicted by later items of the same page', async () => {
    const a = await signedInVault(vaults);
    const b = await signedInVault(vaults);
    const server = new FieldServer();
    const ids = await importAlerts(a, 'pulled', 12);
    await a.cli.invoke('alerts.bulk', { selection: { ids: [ids[0]!, ids[1]!] }, action: { kind: 'dismiss', reason: 'false_positive' } });
    pushAll(a.db(), server);
    const page = server.pull(0);
    const records = page.items.flatMap((item) => ('record' in item && item.record.table === 'alerts' ? [item.record] : []));
    const renamed = records.find((r) => r.id === ids[2])!;
    // The same detection from another device, renamed later: it lands on the row this page inserts.
    const rename: PullItem = { record: { ...copyOf(renamed, 'copy-from-ben'), fields: { ...copyOf(renamed, 'copy-from-ben').fields, title: { value: 'Renamed after review', hlc: laterHlc(renamed.fields.title!.hlc, 5_000), device: 'ben' } } } };
    const evict: PullItem = { evict: { table: 'alerts', id: ids[3]! } };

    applyPull(b.db(), [...page.items, rename, evict], page.next);

    checkFullText(b.db());
    expect(found(b.db(), 'renamed')).toEqual(['pulled-2']);
    expect(found(b.db(), 'pulled')).toHaveLength(10);
    expect(found(b.db(), 'pulled')).not.toContain('pulled-3');
    const derived = rollups(b.db());
    expect(derived.outcomes.some((row) => (row as { outcome: string }).outcome === 'false_positive')).toBe(true);
    rebuildAnalyticsRollups(b.db());
    expect(derived).toEqual(rollups(b.db()));
    expect((derived.quarters as { n: number }[]).reduce((sum, row) => sum + row.n, 0)).toBe(11);
  });

  it('leave the app\'s own inserts on the same connection with their triggers', async () => {
    const a = await signedInVault(vaults);
    const b = await signedInVault(vaults);
    const server = new FieldServer();
    await importAlerts(a, 'pulled', 3);
    pushAll(a.db(), server);
    const page = server.pull(0);
    applyPull(b.db(), page.items, page.next);
    // Other users than the pulled alerts', so they are new alerts, not folds into pulled ones.
    const path = join(b.vault.dir, 'local.csv');
    writeFileSync(path, 'alert_id,timestamp,rule,title,severity,user\nlocal-0,2026-05-02T00:00:00Z,r,Local one,low,eve\nlocal-1,2026-05-02T01:00:00Z,r,Local two,low,mallory\n');
    await b.cli.invoke('alerts.importFile', { path, source: 'siem', mode: 'good_rows', timeZone: 'UTC' });
    checkFullText(b.db());
    expect(found(b.db(), 'local')).toEqual(['local-0', 'local-1']);
    const before = rollups(b.db());
    rebuildAnalyticsRollups(b.db());
    expect(rollups(b.db())).toEqual(before);
  });
});

/** The record under another id, every field stamped a second later. */
function copyOf(source: PulledRecord, id: string): PulledRecord {
  const fields: PulledRecord['fields'] = {};
  for (const [name, field] of Object.entries(source.fields)) fields[name] = { ...field, hlc: laterHlc(field.hlc, 1_000) };
  return { table: 'alerts', id, seq: source.seq, fields, deleted: null };
}
