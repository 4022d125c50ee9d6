// The change feed is complete for the alert tables: a vault that replays another's feed from a cursor
// (tests/unit/support/feed-replay.ts, a sync's receiving side at its simplest) holds the same alerts,
// entities, links and sightings — after a first import, and again after folds into existing alerts,
// a raised severity, new entities and verdicts, replayed from where the first replay stopped. And an
// import writes O(batches) entries, not one per row.
import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestVault } from '../support/test-core';
import { replayFeed } from '../support/feed-replay';
import { signedInVault } from '../support/signed-in-vault';
import { ChangeFeed } from '../../../src-main/store/change-feed';
import { decodeSourceRow, parseSourceColumns } from '../../../src-main/store/source-row';
import { DeviceNumbers } from '../../../src-main/store/devices';
import type { SqliteDatabase } from '../../../src-main/store/database';

const vaults: TestVault[] = [];
afterEach(async () => {
  await Promise.all(vaults.splice(0).map((vault) => vault.dispose()));
});


const HEADER = 'alert_id,timestamp,rule,title,severity,user,src_ip,email';
const T0 = Date.UTC(2026, 4, 1);

/** `count` rows from `first`, a minute apart; `rule` and `severity` pick each row's detection and severity. */
function csv(dir: string, name: string, rows: { id: string; minute: number; rule: string; severity: string; user: string; email?: string }[]): string {
  const lines = [HEADER, ...rows.map((r) => `${r.id},${new Date(T0 + r.minute * 60_000).toISOString()},${r.rule},${r.rule} seen,${r.severity},${r.user},198.51.100.${r.minute % 200},${r.email ?? ''}`)];
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** Every column but the receiver's own keys; entity counters are derived from links on each side, not shipped. */
function sourceRowOf(db: SqliteDatabase, row: Record<string, string | null>): Record<string, string> | null {
  const stored = db.prepare('SELECT source_columns FROM imports WHERE id = ?').get(row.import_id) as { source_columns: string | null } | undefined;
  return decodeSourceRow(row.raw ?? null, parseSourceColumns(stored?.source_columns ?? null), {
    externalId: row.external_id ?? null, rule: row.rule ?? null, title: row.title ?? null, description: row.description ?? null,
  });
}

function state(db: SqliteDatabase): unknown {
  const devices = new DeviceNumbers(db);
  const columns = (table: string, except: string[]) => (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).all() as { name: string }[])
    .map((c) => c.name).filter((name) => !except.includes(name)).join(', ');
  return {
    // The source row as a reader gets it: compact where the sender's import wrote it, keyed once shipped.
    // Each vault numbers devices its own way (store/devices.ts): compared by device id.
    alerts: (db.prepare(`SELECT ${columns('alerts', ['rid'])} FROM alerts ORDER BY id`).all() as Record<string, string | null>[])
      .map((row) => ({ ...row, raw: sourceRowOf(db, row), origin_device: devices.idOf(String(row.origin_device)) })),
    entities: (db.prepare(`SELECT ${columns('entities', ['rid', 'alert_count', 'first_seen_at', 'last_seen_at'])} FROM entities ORDER BY id`).all() as Record<string, unknown>[])
      .map((row) => ({ ...row, origin_device: devices.idOf(String(row.origin_device)) })),
    links: db.prepare(`SELECT a.id AS alert_id, e.id AS entity_id, l.origin FROM alert_entities l
      JOIN alerts a ON a.rid = l.alert_rid JOIN entities e ON e.rid = l.entity_rid ORDER BY 1, 2`).all(),
    sightings: db.prepare('SELECT * FROM alert_sightings ORDER BY source, external_id').all(),
  };
}

describe('the change feed', () => {
  it('replays into an empty vault as the same alert rows, and again from its cursor after folds, new entities and verdicts', async () => {
    const sender = await signedInVault(vaults);
    const receiver = await signedInVault(vaults);

    const first = Array.from({ length: 1_500 }, (_, i) => ({ id: `a-${i}`, minute: i * 90, rule: `rule-${i % 4}`, severity: 'high', user: `u-${i % 300}` }));
    await sender.cli.invoke('alerts.importFile', { path: csv(sender.vault.dir, 'first.csv', first), source: 'siem', mode: 'good_rows', timeZone: 'UTC' });
    const alertEntries = sender.db().prepare("SELECT count(*) AS n FROM change_log WHERE table_name IN ('alerts', 'entities')").get() as { n: number };
    // A batch is one entry for its alerts and one for its new entities: far fewer than the 1,500 alerts and ~1,800 entities.
    expect(alertEntries.n).toBeGreaterThan(1);
    expect(alertEntries.n).toBeLessThan(60);

    const once = replayFeed(sender.db(), receiver.db(), 0);
    expect(state(receiver.db())).toEqual(state(sender.db()));

    // Rows folding into first-import alerts (same detection, same hour; one critical raises its alert),
    // a new alert with a new entity, then verdicts.
    const second = [
      { id: 'b-0', minute: 10, rule: 'rule-0', severity: 'critical', user: 'u-0', email: 'new.person@mail.example' },
      { id: 'b-1', minute: 100, rule: 'rule-1', severity: 'low', user: 'u-1' },
      { id: 'b-2', minute: 999_999, rule: 'rule-new', severity: 'medium', user: 'u-new' },
    ];
    const summary = await sender.cli.invoke('alerts.importFile', { path: csv(sender.vault.dir, 'second.csv', second), source: 'siem', mode: 'good_rows', timeZone: 'UTC' });
    expect(summary.deduplicated).toBe(2);
    const ids = (sender.db().prepare('SELECT id FROM alerts ORDER BY occurred_at LIMIT 3').all() as { id: string }[]).map((r) => r.id);
    await sender.cli.invoke('alerts.bulk', { selection: { ids: ids.slice(0, 2) }, action: { kind: 'acknowledge' } });
    await sender.cli.invoke('alerts.bulk', { selection: { ids: ids.slice(2) }, action: { kind: 'dismiss', reason: 'benign' } });

    const before = state(receiver.db());
    const again = replayFeed(sender.db(), receiver.db(), once.cursor);
    expect(again.entries).toBeGreaterThan(0);
    expect(state(receiver.db())).not.toEqual(before);
    expect(state(receiver.db())).toEqual(state(sender.db()));
  });

  it('keeps an undone import\'s entries from naming the alerts of the import that reused its keys', async () => {
    const { vault, cli, db } = await signedInVault(vaults);
    const rows = Array.from({ length: 600 }, (_, i) => ({ id: `u-${i}`, minute: i * 90, rule: 'undone', severity: 'high', user: `u-${i}` }));
    // Into a vault that holds alerts, an import commits batch by batch (a first import is staged and writes no entries until it moves in).
    await cli.invoke('alerts.importFile', { path: csv(vault.dir, 'seed.csv', [{ id: 'seed', minute: 0, rule: 'seed', severity: 'low', user: 'seed' }]), source: 'siem', mode: 'good_rows', timeZone: 'UTC' });
    const path = csv(vault.dir, 'refused.csv', rows);
    // One bad time on the last line: "all or nothing" refuses the file after its batches were written, and takes them back.
    writeFileSync(path, readFileSync(path, 'utf8').replace(/\nu-599,[^,]+,/, '\nu-599,not a time,'));
    const refused = await cli.invoke('alerts.importFile', { path, source: 'siem', mode: 'all_or_nothing', timeZone: 'UTC' });
    expect(refused).toMatchObject({ committed: false, imported: 0, rejected: 1 });
    const undoneEntries = new ChangeFeed(db()).read(0, 10_000).filter((entry) => entry.kind === 'batch' && entry.table === 'alerts' && entry.importId === refused.importId);
    expect(undoneEntries.length).toBeGreaterThan(0);
    expect(db().prepare('SELECT count(*) AS n FROM alerts').get()).toEqual({ n: 1 });

    await cli.invoke('alerts.importFile', { path: csv(vault.dir, 'kept.csv', rows.slice(0, 500).map((r) => ({ ...r, id: `k-${r.id}`, rule: 'kept' }))), source: 'siem', mode: 'good_rows', timeZone: 'UTC' });
    const reused = undoneEntries.filter((entry) => entry.kind === 'batch' && (db().prepare('SELECT count(*) AS n FROM alerts WHERE rid BETWEEN ? AND ?').get(entry.firstRid, entry.lastRid) as { n: number }).n > 0);
    expect(reused.length).toBeGreaterThan(0);
    const feed = new ChangeFeed(db());
    for (const entry of undoneEntries) expect(feed.payload(entry)?.rows).toEqual([]);
  });
});
