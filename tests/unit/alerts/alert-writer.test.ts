import { afterEach, describe, expect, it } from 'vitest';
import { AlertWriter, type NewAlert } from '../../../src-main/alerts/alert-writer';
import type { SqliteDatabase } from '../../../src-main/store/database';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';

let vault: TestVault;
afterEach(() => vault?.dispose());

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 4, 1, 9, 0);

function alert(overrides: Partial<NewAlert> = {}): NewAlert {
  const account = { kind: 'account' as const, value: 'u-42', origin: 'mapped' as const };
  return {
    source: 'reports', externalId: 'r-1', rule: 'credential-stuffing', title: 'Many failed logins', description: 'from 198.51.100.7',
    severity: 'high', occurredAt: T0, entities: [account, { kind: 'ip', value: '198.51.100.7', origin: 'extracted' }],
    primaryEntity: account, importId: null, raw: null, ...overrides,
  };
}

async function writer() {
  vault = makeTestVault();
  await setUpVault(vault);
  const repos = vault.core.services.custody.vault.repositories;
  const alerts = new AlertWriter(repos.db, repos.row);
  // Each write flushes the entity counters at once, as an import does before it commits.
  const write = { write: (a: NewAlert) => { const outcome = alerts.write(a); alerts.flush(); return outcome; } };
  return { db: repos.db, write };
}

describe('writing imported alerts', () => {
  it('inserts an alert with its entities linked and counted, and logs the changes', async () => {
    const { db, write } = await writer();
    expect(write.write(alert())).toBe('inserted');
    expect(db.prepare('SELECT source, severity, status, occurrences FROM alerts').all()).toEqual([{ source: 'reports', severity: 'high', status: 'new', occurrences: 1 }]);
    expect(db.prepare('SELECT kind, value, alert_count FROM entities ORDER BY kind').all()).toEqual([
      { kind: 'account', value: 'u-42', alert_count: 1 }, { kind: 'ip', value: '198.51.100.7', alert_count: 1 },
    ]);
    const logged = db.prepare("SELECT DISTINCT table_name FROM change_log WHERE table_name IN ('alerts','entities') ORDER BY 1").all();
    expect(logged).toEqual([{ table_name: 'alerts' }, { table_name: 'entities' }]);
  });

  it('folds a repeat within the hour into one alert with a higher count and later last-seen', async () => {
    const { db, write } = await writer();
    write.write(alert());
    expect(write.write(alert({ externalId: 'r-2', occurredAt: T0 + 0.5 * HOUR, title: 'again' }))).toBe('deduplicated');
    expect(write.write(alert({ externalId: 'r-3', occurredAt: T0 + 1.5 * HOUR }))).toBe('inserted');
    const rows = db.prepare('SELECT occurrences, occurred_at, last_seen_at FROM alerts ORDER BY occurred_at').all();
    expect(rows).toEqual([
      { occurrences: 2, occurred_at: T0, last_seen_at: T0 + 0.5 * HOUR },
      { occurrences: 1, occurred_at: T0 + 1.5 * HOUR, last_seen_at: T0 + 1.5 * HOUR },
    ]);
    expect(db.prepare("SELECT alert_count FROM entities WHERE kind = 'account'").get()).toEqual({ alert_count: 2 });
  });

  it('is idempotent: the same source rows written again change nothing', async () => {
    const { db, write } = await writer();
    const rows = [alert(), alert({ externalId: 'r-2', occurredAt: T0 + 60_000 }), alert({ externalId: 'r-3', source: 'edr' })];
    rows.forEach((r) => write.write(r));
    const snapshot = () => JSON.stringify([db.prepare('SELECT * FROM alerts ORDER BY id').all(), db.prepare('SELECT * FROM entities ORDER BY id').all()]);
    const before = snapshot();
    expect(rows.map((r) => write.write(r))).toEqual(['already_imported', 'already_imported', 'already_imported']);
    expect(snapshot()).toBe(before);
  });

  it('keeps alerts searchable by their words', async () => {
    const { db, write } = await writer();
    write.write(alert({ title: 'Phishing kit hosted on lookalike domain' }));
    expect(db.prepare("SELECT count(*) AS n FROM alerts_fts WHERE alerts_fts MATCH 'lookalike'").get()).toEqual({ n: 1 });
  });

  it('writes a batch exactly as it would write the same alerts one at a time', async () => {
    // Repeats of an id, folds by fingerprint, entities shared across the batch, and rows folding into
    // an alert written before the batch: all in one batch, against the same rows written one by one.
    const earlier = alert({ externalId: 'r-0', occurredAt: T0 + 5 * 60_000 });
    const batch = [
      alert(), alert({ externalId: 'r-2', occurredAt: T0 + 60_000 }), alert(), alert({ externalId: 'r-3', occurredAt: T0 + 2 * HOUR }),
      alert({ externalId: 'r-4', occurredAt: T0 + 2 * HOUR + 1, rule: 'phishing-url', primaryEntity: null,
        entities: [{ kind: 'domain', value: 'evil.example', origin: 'extracted' }, { kind: 'ip', value: '198.51.100.7', origin: 'extracted' }] }),
    ];
    const state = (db: SqliteDatabase) => ({
      alerts: db.prepare('SELECT external_id, occurrences, occurred_at, last_seen_at, (SELECT count(*) FROM alert_entities l WHERE l.alert_rid = a.rid) AS links FROM alerts a ORDER BY external_id').all(),
      entities: db.prepare('SELECT kind, value, alert_count, first_seen_at, last_seen_at FROM entities ORDER BY kind, value').all(),
      sightings: db.prepare('SELECT external_id, (SELECT external_id FROM alerts WHERE id = s.alert_id) AS into_alert FROM alert_sightings s ORDER BY external_id').all(),
      logged: db.prepare("SELECT table_name, count(DISTINCT row_id) AS n FROM change_log WHERE table_name IN ('alerts','entities') GROUP BY table_name").all(),
    });

    const oneByOne = await writer();
    oneByOne.write.write(earlier);
    const singleOutcomes = batch.map((a) => oneByOne.write.write(a));
    const expected = state(oneByOne.db);
    vault.dispose();

    const batched = await writer();
    batched.write.write(earlier);
    const repos = vault.core.services.custody.vault.repositories;
    const bulk = new AlertWriter(repos.db, repos.row);
    expect(bulk.writeBatch(batch)).toEqual(singleOutcomes);
    bulk.flush();
    expect(singleOutcomes).toEqual(['deduplicated', 'deduplicated', 'already_imported', 'inserted', 'inserted']);
    expect(state(batched.db)).toEqual(expected);
    expect(expected.alerts).toEqual([
      { external_id: 'r-0', occurrences: 3, occurred_at: T0, last_seen_at: T0 + 5 * 60_000, links: 2 },
      { external_id: 'r-3', occurrences: 1, occurred_at: T0 + 2 * HOUR, last_seen_at: T0 + 2 * HOUR, links: 2 },
      { external_id: 'r-4', occurrences: 1, occurred_at: T0 + 2 * HOUR + 1, last_seen_at: T0 + 2 * HOUR + 1, links: 2 },
    ]);
  });
});
