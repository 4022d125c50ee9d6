// analytics.durations against a small vault worked out by hand: alerts of two sources, rules and
// assignees triaged at known times, investigations of three templates, assigned and not, imported
// and not, one closed and reopened and closed again, one reopened and still open. Then the cap of 50
// groups with the rest pooled, SQL percentiles against stats/percentile.ts, and who may ask.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { cliClient } from '../case-package/case-fixtures';
import { errorCodeOf } from '../support/errors';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { DurationBreakdown, GroupedDurations } from '../../../src-shared/duration-breakdown-model';
import { openDatabase, type SqliteDatabase } from '../../../src-main/store/database';
import { migrate } from '../../../src-main/store/migrate';
import { MIGRATIONS } from '../../../src-main/store/migrations';
import { DurationBreakdownQueries } from '../../../src-main/analytics/duration-breakdown-queries';
import { buildDurationBreakdown } from '../../../src-main/analytics/duration-breakdown';
import { summarize } from '../../../src-main/analytics/stats/percentile';
import { alertOfRow } from '../support/alert-of-row';

const MIN = 60_000;
const H = 60 * MIN;
const DAY0 = Date.UTC(2026, 2, 2);
const RANGE = { from: '2026-03-02', to: '2026-03-03', timeZone: 'UTC' };
let vault: TestVault;
let admin: InProcessClient;
let bobId: string;
const answers: Partial<Record<DurationBreakdown['by'], DurationBreakdown>> = {};

async function signedInAt(at: number): Promise<InProcessClient> {
  vault.clock.set(at);
  const client = vault.client();
  await client.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
  return client;
}

async function caseAt(at: number, templateId: 'account_takeover' | 'fraud_ring' | 'blank', assigneeId: string | null) {
  admin = await signedInAt(at);
  return admin.invoke('investigations.create', { title: `Case at ${at}`, templateId, assigneeId });
}
async function move(id: string, at: number, status: 'in_progress' | 'closed' | 'open') {
  admin = await signedInAt(at);
  await admin.invoke('investigations.setStatus', { investigationId: id, status, ...(status === 'closed' ? { resolution: 'actioned' as const } : status === 'open' ? { reason: 'More came in' } : {}) });
}

/** The groups of a measure as [label, n, mean, median, p95, missing]. */
function table(measure: GroupedDurations): Array<[string, number, number | null, number | null, number | null, number]> {
  if (measure.kind !== 'grouped') throw new Error(`expected groups, got ${measure.kind}`);
  return measure.groups.map((g) => [g.label, g.summary.n, g.summary.mean, g.summary.median, g.summary.p95, g.missing]);
}

beforeAll(async () => {
  vault = makeTestVault();
  vault.clock.set(DAY0);
  ({ admin } = await setUpVault(vault));
  await addUser(vault, admin, 'bob', 'analyst');
  const directory = await admin.invoke('users.directory', {});
  const adaId = directory.find((u) => u.displayName === 'Ada Admin')?.id as string;
  bobId = directory.find((u) => u.displayName === 'bob')?.id as string;

  // A: account takeover, Ada's, imported from jira; acknowledged after 2 h, closed after 10 h.
  const a = await caseAt(DAY0 + 8 * H, 'account_takeover', adaId);
  await move(a.id, DAY0 + 10 * H, 'in_progress');
  await move(a.id, DAY0 + 18 * H, 'closed');
  // B: blank, unassigned, opened in Vigil; closed straight from open after 4 h, reopened, closed again at 39 h (30 h).
  const b = await caseAt(DAY0 + 9 * H, 'blank', null);
  await move(b.id, DAY0 + 13 * H, 'closed');
  await move(b.id, DAY0 + 20 * H, 'open');
  await move(b.id, DAY0 + 39 * H, 'closed');
  // C: fraud ring, Bob's, imported from jira; never touched.
  const c = await caseAt(DAY0 + 30 * H, 'fraud_ring', bobId);
  // D: account takeover, unassigned, opened in Vigil; closed after 1 h, reopened and open now.
  const d = await caseAt(DAY0 + 31 * H, 'account_takeover', null);
  await move(d.id, DAY0 + 32 * H, 'closed');
  await move(d.id, DAY0 + 44 * H, 'open');
  // An investigation's source is set only by an import (its tool's name); written here as an import would.
  const db = vault.core.services.custody.vault.db;
  db.prepare("UPDATE investigations SET source = 'jira' WHERE id IN (?, ?)").run(a.id, c.id);

  // Alerts: ids (t1, t2 of rule burst, t3 without a rule) imported at 40 h, mail (m1, rule phish) at 41 h.
  const importCsv = async (name: string, source: string, rows: string[], at: number) => {
    vault.clock.set(at);
    const csv = join(vault.dir, name);
    writeFileSync(csv, ['id,time,title,severity,rule', ...rows].join('\n'));
    const cli = await cliClient(vault);
    await cli.invoke('alerts.importFile', { path: csv, source });
  };
  // t2 in another hour than t1: alerts of one source, rule and entity in the same hour are one alert (dedup).
  await importCsv('ids.csv', 'ids', ['t1,2026-03-03T10:00:00Z,One,high,burst', 't2,2026-03-03T12:05:00Z,Two,high,burst', 't3,2026-03-03T10:10:00Z,Three,low,'], DAY0 + 40 * H);
  await importCsv('mail.csv', 'mail', ['m1,2026-03-03T11:00:00Z,Four,low,phish'], DAY0 + 41 * H);
  const idOf = (ext: string) => alertOfRow(db, ext);
  admin = await signedInAt(DAY0 + 40 * H + 30 * MIN);
  await admin.invoke('alerts.bulk', { selection: { ids: [idOf('t1')] }, action: { kind: 'assign', assigneeId: bobId } });
  // t1 dismissed after 1 h, m1 acknowledged after 2 h, t2 after 3 h; t3 untriaged.
  admin = await signedInAt(DAY0 + 41 * H);
  await admin.invoke('alerts.bulk', { selection: { ids: [idOf('t1')] }, action: { kind: 'dismiss', reason: 'false_positive' } });
  admin = await signedInAt(DAY0 + 43 * H);
  await admin.invoke('alerts.bulk', { selection: { ids: [idOf('t2'), idOf('m1')] }, action: { kind: 'acknowledge' } });

  admin = await signedInAt(DAY0 + 47 * H);
  for (const by of ['source', 'rule', 'assignee', 'template'] as const) answers[by] = await admin.invoke('analytics.durations', { ...RANGE, by });
});
afterAll(() => vault.dispose());

describe('durations broken down (analytics.durations)', () => {
  it('breaks time to triage down by source, largest group first, with the untriaged counted as missing', () => {
    const bySource = answers.source as DurationBreakdown;
    expect(bySource.range).toEqual(RANGE);
    // ids: 1 h and 3 h (p95 = 1 h + 0.95 × 2 h = 2.9 h), t3 missing; mail: 2 h. Durations in ms, as SQL and summarize() compute them exactly.
    expect(table(bySource.triage)).toEqual([['ids', 2, 2 * H, 2 * H, 10_440_000, 1], ['mail', 1, 2 * H, 2 * H, 2 * H, 0]]);
  });

  it('breaks acknowledge and resolve down by source: imported from jira, or opened in Vigil; a reopened case counts to the resolution standing now', () => {
    const bySource = answers.source as DurationBreakdown;
    // Acknowledge — Vigil: B 4 h, D 1 h; jira: A 2 h, C not yet.
    expect(table(bySource.acknowledge)).toEqual([['Opened in Vigil (not imported)', 2, 2.5 * H, 2.5 * H, 13_860_000, 0], ['jira', 1, 2 * H, 2 * H, 2 * H, 1]]);
    // Resolve — Vigil: B 30 h, D reopened and open (missing); jira: A 10 h, C open. Equal n and missing: by name.
    expect(table(bySource.resolve)).toEqual([['Opened in Vigil (not imported)', 1, 30 * H, 30 * H, 30 * H, 1], ['jira', 1, 10 * H, 10 * H, 10 * H, 1]]);
  });

  it('breaks down by assignee with display names and an Unassigned group', () => {
    const byAssignee = answers.assignee as DurationBreakdown;
    // Triage — unassigned: t2 3 h, m1 2 h (p95 2 h + 0.95 × 1 h = 2.95 h), t3 missing; bob: t1 1 h.
    expect(table(byAssignee.triage)).toEqual([['Unassigned', 2, 2.5 * H, 2.5 * H, 10_620_000, 1], ['bob', 1, H, H, H, 0]]);
    // Acknowledge — unassigned: B 4 h, D 1 h; Ada: A 2 h; bob: C not yet.
    expect(table(byAssignee.acknowledge)).toEqual([['Unassigned', 2, 2.5 * H, 2.5 * H, 13_860_000, 0], ['Ada Admin', 1, 2 * H, 2 * H, 2 * H, 0], ['bob', 0, null, null, null, 1]]);
    // Resolve — unassigned: B 30 h, D open; Ada: A 10 h; bob: C open.
    expect(table(byAssignee.resolve)).toEqual([['Unassigned', 1, 30 * H, 30 * H, 30 * H, 1], ['Ada Admin', 1, 10 * H, 10 * H, 10 * H, 0], ['bob', 0, null, null, null, 1]]);
    const unassigned = byAssignee.resolve.kind === 'grouped' ? byAssignee.resolve.groups[0] : null;
    expect(unassigned?.key).toBeNull();
  });

  it('breaks down by template by its name, and says alerts have no template', () => {
    const byTemplate = answers.template as DurationBreakdown;
    expect(byTemplate.triage).toEqual({ kind: 'not-applicable', reason: expect.stringContaining('Alerts have no template') });
    // Acknowledge — account takeover: A 2 h, D 1 h; blank: B 4 h; fraud ring: C not yet.
    expect(table(byTemplate.acknowledge)).toEqual([['Account takeover', 2, 1.5 * H, 1.5 * H, 7_020_000, 0], ['Blank', 1, 4 * H, 4 * H, 4 * H, 0], ['Fraud ring', 0, null, null, null, 1]]);
    // Resolve — account takeover: A 10 h, D open; blank: B 30 h.
    expect(table(byTemplate.resolve)).toEqual([['Account takeover', 1, 10 * H, 10 * H, 10 * H, 1], ['Blank', 1, 30 * H, 30 * H, 30 * H, 0], ['Fraud ring', 0, null, null, null, 1]]);
  });

  it('breaks time to triage down by rule, and says investigations have no rule', () => {
    const byRule = answers.rule as DurationBreakdown;
    expect(table(byRule.triage)).toEqual([['burst', 2, 2 * H, 2 * H, 10_440_000, 0], ['phish', 1, 2 * H, 2 * H, 2 * H, 0], ['No rule', 0, null, null, null, 1]]);
    expect(byRule.acknowledge.kind).toBe('not-applicable');
    expect(byRule.resolve.kind).toBe('not-applicable');
  });

  it('refuses an unknown grouping, an unknown zone and a backwards range; refuses callers not signed in', async () => {
    const lead = await signedInAt(DAY0 + 47 * H);
    expect(await errorCodeOf(lead.invoke('analytics.durations', { ...RANGE, by: 'colour' as 'source' }))).toBe('VALIDATION');
    expect(await errorCodeOf(lead.invoke('analytics.durations', { ...RANGE, timeZone: 'Mars/Olympus', by: 'source' }))).toBe('VALIDATION');
    expect(await errorCodeOf(lead.invoke('analytics.durations', { ...RANGE, from: '2026-03-05', by: 'source' }))).toBe('VALIDATION');
    expect(await vault.core.router.invoke('analytics.durations', { ...RANGE, by: 'source' }, vault.client().caller)).toMatchObject({ ok: false, error: { code: 'AUTH_REQUIRED' } });
  });

  it('answers a viewer, who may read investigations (the same access as analytics.stats)', async () => {
    const viewer = await addUser(vault, await signedInAt(DAY0 + 47 * H), 'vera', 'viewer');
    expect((await viewer.invoke('analytics.durations', { ...RANGE, by: 'template' })).by).toBe('template');
  });
});

describe('durations broken down, over many groups', () => {
  let db: SqliteDatabase;
  beforeAll(() => {
    db = openDatabase(':memory:', { key: null });
    migrate(db, MIGRATIONS);
  });
  afterAll(() => db.close());

  function alert(id: string, source: string, rule: string | null, created: number, ms: number | null): void {
    db.prepare(`INSERT INTO alerts (id, source, rule, title, severity, fingerprint, occurred_at, last_seen_at, created_at, updated_at, triaged_at, updated_hlc, origin_device)
      VALUES (?, ?, ?, 't', 'low', ?, ?, ?, ?, ?, ?, '0', 'd')`).run(id, source, rule, id, created, created, created, created, ms === null ? null : created + ms);
  }
  const request = { timeZone: 'UTC', from: '2026-03-02', to: '2026-03-02', now: DAY0 + 30 * H };
  const names = { users: new Map<string, string>(), templates: new Map<string, string>() };

  it('lists the 50 largest sources and pools the rest into one "other", their values summarised together', () => {
    // "big": 3 alerts; s00–s48: 2 each; tail-a: 10 min; tail-b: 20 min and one untriaged.
    let i = 0;
    const add = (source: string, ms: number | null) => alert(`x${i++}`, source, null, DAY0 + i * 1000, ms);
    for (const ms of [MIN, 2 * MIN, 3 * MIN]) add('big', ms);
    for (let s = 0; s < 49; s += 1) for (const ms of [MIN, MIN]) add(`s${String(s).padStart(2, '0')}`, ms);
    add('tail-a', 10 * MIN);
    add('tail-b', 20 * MIN);
    add('tail-b', null);
    const answer = buildDurationBreakdown(new DurationBreakdownQueries(db), request, 'source', names);
    if (answer.triage.kind !== 'grouped') throw new Error('expected groups');
    expect(answer.triage.groups).toHaveLength(50);
    expect(answer.triage.groups[0]).toMatchObject({ label: 'big', summary: { n: 3, median: 2 * MIN } });
    expect(answer.triage.groups.map((g) => g.label)).not.toContain('tail-a');
    // Pooled: 10 and 20 min → mean 15, median 15, p95 10 + 0.95 × 10 = 19.5 min; tail-b's untriaged alert missing.
    expect(answer.triage.other).toEqual({ groups: 2, summary: { n: 2, mean: 15 * MIN, median: 15 * MIN, p95: 19.5 * MIN }, missing: 1 });
  });

  it('agrees with stats/percentile.ts (linear between closest ranks) per rule on a seeded random sample', () => {
    db.exec('DELETE FROM alerts');
    let state = 11;
    const random = () => {
      state = (state * 16807) % 2147483647;
      return state / 2147483647;
    };
    const rules = ['r1', 'r2', null] as const;
    const samples = new Map<string | null, number[]>(rules.map((r) => [r, []]));
    for (let i = 0; i < 400; i += 1) {
      const rule = rules[i % 3] ?? null;
      const ms = random() < 0.1 ? null : Math.floor(random() * random() * 90_000_000);
      if (ms !== null) samples.get(rule)?.push(ms);
      alert(`y${i}`, 'ids', rule, DAY0 + i * 1000, ms);
    }
    const groups = new DurationBreakdownQueries(db).triageByGroup('rule', DAY0, DAY0 + 24 * H);
    for (const rule of rules) {
      const got = groups.find((g) => g.key === rule)?.summary;
      const want = summarize(samples.get(rule) ?? []);
      expect(got?.n).toBe(want.n);
      for (const key of ['mean', 'median', 'p95'] as const) expect(got?.[key]).toBeCloseTo(want[key] as number, 6);
    }
  });
});
