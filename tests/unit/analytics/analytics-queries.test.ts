// The rollup reads count into the user's local days: a day's bounds go to SQL as instants, so an
// event at 23:30 UTC falls on the next day in Paris, a half-hour zone's midnight splits quarter
// hours correctly, and a day of 25 hours is broken down by source and severity whole.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AnalyticsQueries } from '../../../src-main/analytics/analytics-queries';
import { openDatabase, type SqliteDatabase } from '../../../src-main/store/database';
import { migrate } from '../../../src-main/store/migrate';
import { MIGRATIONS } from '../../../src-main/store/migrations';
import { localDays } from '../../../src-main/platform/zoned-time';
import { summarize, type Summary } from '../../../src-main/analytics/stats/percentile';

let db: SqliteDatabase;
beforeEach(() => {
  db = openDatabase(':memory:', { key: null });
  migrate(db, MIGRATIONS);
});
afterEach(() => db.close());

function alertAt(id: string, at: number): void {
  db.prepare(`INSERT INTO alerts (id, source, title, severity, fingerprint, occurred_at, last_seen_at, created_at, updated_at, updated_hlc, origin_device)
    VALUES (?, 'ids', 't', 'low', ?, ?, ?, ?, ?, '0', 'd')`).run(id, id, at, at, at, at);
}

describe('analytics queries over local days', () => {
  it('counts an alert at 23:30 UTC on the next day in Paris, and on its own day in UTC', () => {
    alertAt('a', Date.UTC(2026, 5, 1, 23, 30));
    alertAt('b', Date.UTC(2026, 5, 1, 8));
    const queries = new AnalyticsQueries(db);
    const paris = localDays(Date.UTC(2026, 5, 1, 12), Date.UTC(2026, 5, 2, 12), 'Europe/Paris');
    const utc = localDays(Date.UTC(2026, 5, 1, 12), Date.UTC(2026, 5, 2, 12), 'UTC');
    expect(queries.alertsPerDay(paris)).toEqual([1, 1]);
    expect(queries.alertsPerDay(utc)).toEqual([2, 0]);
  });

  it('splits at a half-hour zone\'s midnight: 18:15 UTC is 23:45 in Kolkata, 18:30 is the next day', () => {
    alertAt('a', Date.UTC(2026, 5, 1, 18, 15));
    alertAt('b', Date.UTC(2026, 5, 1, 18, 30));
    const days = localDays(Date.UTC(2026, 5, 1, 12), Date.UTC(2026, 5, 2, 12), 'Asia/Kolkata');
    expect(new AnalyticsQueries(db).alertsPerDay(days)).toEqual([1, 1]);
  });

  it('breaks each Berlin day down by source and severity, the 25-hour day of the clock change included', () => {
    const insert = db.prepare(`INSERT INTO alerts (id, source, title, severity, fingerprint, occurred_at, last_seen_at, created_at, updated_at, updated_hlc, origin_device)
      VALUES (?, ?, 't', ?, ?, ?, ?, ?, ?, '0', 'd')`);
    const alert = (id: string, source: string, severity: string, at: number) => insert.run(id, source, severity, id, at, at, at, at);
    // Berlin: 2026-10-24 ends at 22:00 UTC (CEST); 2026-10-25 runs 25 hours, to 23:00 UTC (CET).
    alert('a1', 'ids', 'high', Date.UTC(2026, 9, 24, 21, 59)); // 10-24 23:59
    alert('a2', 'ids', 'low', Date.UTC(2026, 9, 24, 22)); // 10-25 00:00
    alert('a3', 'edr', 'critical', Date.UTC(2026, 9, 25, 0, 30)); // 10-25 02:30 CEST
    alert('a4', 'edr', 'critical', Date.UTC(2026, 9, 25, 1, 30)); // 10-25 02:30 CET, the repeated hour
    alert('a5', 'mail', 'medium', Date.UTC(2026, 9, 25, 22, 30)); // 10-25 23:30: the 25th hour
    alert('a6', 'mail', 'low', Date.UTC(2026, 9, 25, 23)); // 10-26 00:00
    alert('a7', 'ids', 'low', Date.UTC(2026, 9, 26, 10));
    alert('a8', 'zz', 'high', Date.UTC(2026, 9, 25, 12));
    db.prepare('UPDATE alerts SET deleted_at = 1 WHERE id = ?').run('a8'); // its source has no alert left
    const days = localDays(Date.UTC(2026, 9, 24, 12), Date.UTC(2026, 9, 26, 12), 'Europe/Berlin');
    expect(days.map((d) => [d.date, (d.end - d.start) / 3_600_000])).toEqual([['2026-10-24', 24], ['2026-10-25', 25], ['2026-10-26', 24]]);
    const queries = new AnalyticsQueries(db);

    const bySeverity = queries.alertsPerDayBySeverity(days);
    expect(bySeverity).toEqual([
      { low: 0, medium: 0, high: 1, critical: 0 },
      { low: 1, medium: 1, high: 0, critical: 2 },
      { low: 2, medium: 0, high: 0, critical: 0 },
    ]);
    // Per day, the severities sum to the day's alerts.
    expect(queries.alertsPerDay(days)).toEqual([1, 4, 2]);
    expect(bySeverity.map((d) => d.low + d.medium + d.high + d.critical)).toEqual([1, 4, 2]);

    // Top 2 of ids 3, edr 2, mail 2: the tie goes to the name first in order; mail is "other".
    expect(queries.alertsPerDayBySource(days, 2)).toEqual({
      sources: ['ids', 'edr'], otherSources: 1, counts: [[1, 0], [1, 2], [1, 0]], other: [0, 1, 1],
    });
    expect(queries.alertsPerDayBySource(days, 8)).toEqual({
      sources: ['ids', 'edr', 'mail'], otherSources: 0, counts: [[1, 0, 0], [1, 2, 1], [1, 0, 1]], other: [0, 0, 0],
    });
  });

  it('gives every day, every severity and no source when no alert occurred in the days', () => {
    const days = localDays(Date.UTC(2026, 5, 1, 12), Date.UTC(2026, 5, 2, 12), 'Europe/Paris');
    const queries = new AnalyticsQueries(db);
    expect(queries.alertsPerDayBySeverity(days)).toEqual([{ low: 0, medium: 0, high: 0, critical: 0 }, { low: 0, medium: 0, high: 0, critical: 0 }]);
    expect(queries.alertsPerDayBySource(days, 8)).toEqual({ sources: [], otherSources: 0, counts: [[], []], other: [0, 0] });
  });

  it('ends a backlog day at local midnight: a case resolved at 23:30 UTC leaves on the next day in Paris', () => {
    db.prepare('INSERT INTO investigation_open_stretches (investigation_id, seq, opened_at, resolved_at) VALUES (?, 0, ?, ?)')
      .run('c', Date.UTC(2026, 5, 1, 8), Date.UTC(2026, 5, 1, 23, 30));
    const days = localDays(Date.UTC(2026, 5, 1, 12), Date.UTC(2026, 5, 2, 12), 'Europe/Paris');
    expect(new AnalyticsQueries(db).stretchFlow(days)).toEqual({ startedBefore: 0, endedBefore: 0, starts: [1, 0], ends: [0, 1] });
  });
});

describe('time to triage summarised in SQL', () => {
  it('agrees with stats/percentile.ts (linear between closest ranks) on a seeded random sample, per severity and over all', () => {
    let state = 7;
    const random = () => {
      state = (state * 16807) % 2147483647;
      return state / 2147483647;
    };
    const severities = ['low', 'medium', 'high', 'critical'] as const;
    const insert = db.prepare(`INSERT INTO alerts (id, source, title, severity, fingerprint, occurred_at, last_seen_at, created_at, updated_at, triaged_at, updated_hlc, origin_device)
      VALUES (?, 'ids', 't', ?, ?, ?, ?, ?, ?, ?, '0', 'd')`);
    const samples: Array<{ severity: (typeof severities)[number]; ms: number | null }> = [];
    for (let i = 0; i < 501; i += 1) {
      const severity = severities[i % 3] as (typeof severities)[number]; // no critical: an empty severity
      const created = 1_000_000 + i * 1000;
      const ms = random() < 0.1 ? null : Math.floor(random() * random() * 90_000_000);
      samples.push({ severity, ms });
      insert.run(`a${i}`, severity, `f${i}`, created, created, created, created, ms === null ? null : created + ms);
    }
    const rows = new AnalyticsQueries(db).triageSummaries(0, 10_000_000);
    const measured = (list: typeof samples) => list.flatMap((s) => (s.ms === null ? [] : [s.ms]));
    const expectClose = (got: Summary, want: Summary) => {
      expect(got.n).toBe(want.n);
      for (const key of ['mean', 'median', 'p95'] as const) {
        if (want[key] === null) expect(got[key]).toBeNull();
        else expect(got[key]).toBeCloseTo(want[key] as number, 6);
      }
    };
    expectClose(rows.find((r) => r.severity === null)?.summary as Summary, summarize(measured(samples)));
    expect(rows.find((r) => r.severity === null)?.missing).toBe(samples.filter((s) => s.ms === null).length);
    for (const severity of severities.slice(0, 3)) {
      expectClose(rows.find((r) => r.severity === severity)?.summary as Summary, summarize(measured(samples.filter((s) => s.severity === severity))));
    }
    expect(rows.find((r) => r.severity === 'critical')).toEqual({ severity: 'critical', missing: 0, summary: { n: 0, mean: null, median: null, p95: null } });
  });
});

describe('untriaged alerts in a range, from whole UTC days of the rollup and the alerts at the edges', () => {
  it('equals a count over the alerts for ranges starting and ending anywhere in a day', () => {
    const insert = db.prepare(`INSERT INTO alerts (id, source, rule, title, severity, status, fingerprint, occurred_at, last_seen_at, created_at, updated_at, updated_hlc, origin_device)
      VALUES (?, 'ids', ?, 't', ?, ?, ?, ?, ?, ?, ?, '0', 'd')`);
    const day0 = Date.UTC(2026, 5, 1);
    for (let i = 0; i < 300; i += 1) {
      const at = day0 + Math.floor(i * 4.1 * 3_600_000) + (i % 7) * 60_000;
      insert.run(`a${i}`, i % 2 ? 'r1' : null, ['low', 'medium', 'high', 'critical'][i % 4], i % 3 === 0 ? 'acknowledged' : 'new', `f${i}`, at, at, at, at);
    }
    const queries = new AnalyticsQueries(db);
    const direct = db.prepare("SELECT count(*) AS n FROM alerts WHERE status = 'new' AND occurred_at >= ? AND occurred_at < ?");
    const ranges: Array<[number, number]> = [
      [day0, day0 + 86_400_000], [day0 + 5_400_000, day0 + 40 * 86_400_000 + 1], [day0 - 1, day0 + 1],
      [day0 + 3 * 86_400_000 + 17, day0 + 3 * 86_400_000 + 999_999], [0, Number.MAX_SAFE_INTEGER], [day0 + 86_400_000, day0 + 86_400_000],
    ];
    for (const [from, to] of ranges) expect(queries.untriagedOccurredIn(from, to)).toBe((direct.get(from, to) as { n: number }).n);
  });
});

describe('time to triage counted per duration bucket in SQL', () => {
  const MIN = 60_000;
  const H = 60 * MIN;
  const D = 24 * H;

  function triagedAlert(id: string, created: number, ms: number | null, deleted = false): void {
    db.prepare(`INSERT INTO alerts (id, source, title, severity, fingerprint, occurred_at, last_seen_at, created_at, updated_at, triaged_at, deleted_at, updated_hlc, origin_device)
      VALUES (?, 'ids', 't', ?, ?, ?, ?, ?, ?, ?, ?, '0', 'd')`)
      .run(id, ['low', 'medium', 'high', 'critical'][id.length % 4], id, created, created, created, created, ms === null ? null : created + ms, deleted ? created : null);
  }

  it('puts an edge in the upper bucket, counts the untriaged as missing, and leaves out deleted alerts and those created outside the range', () => {
    const t0 = Date.UTC(2026, 5, 1);
    const spans = [0, 15 * MIN - 1, 15 * MIN, H - 1, H, 4 * H, 24 * H - 1, 24 * H, 3 * D, 7 * D, 30 * D - 1, 30 * D, 90 * D, -5 * MIN];
    spans.forEach((ms, i) => triagedAlert(`a${i}`, t0 + i * 1000, ms));
    triagedAlert('untriaged-1', t0 + 100_000, null);
    triagedAlert('untriaged-2', t0 + 200_000, null);
    triagedAlert('deleted', t0 + 300_000, 5 * MIN, true);
    triagedAlert('before', t0 - 1, 5 * MIN);
    triagedAlert('after', t0 + D, 5 * MIN);
    // < 15 min: 0, 15 min − 1 ms, −5 min (a skewed clock) · 15 min–1 h: 15 min, 1 h − 1 ms · 1–4 h: 1 h · 4–24 h: 4 h, 24 h − 1 ms ·
    // 1–3 d: 24 h · 3–7 d: 3 d · 7–30 d: 7 d, 30 d − 1 ms · ≥ 30 d: 30 d, 90 d.
    expect(new AnalyticsQueries(db).triageTimes(t0, t0 + D).distribution).toEqual({ counts: [3, 2, 1, 2, 1, 1, 2, 2], missing: 2 });
  });
});
