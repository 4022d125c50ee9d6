// Resolutions and top entities through their channels, against a small vault worked out by hand in
// Tokyo (UTC+9: a local day runs 15:00 UTC to 15:00 UTC), so a close late in a UTC day lands on the
// next local day. Cases closed, reopened and closed again, one imported closed without a resolution;
// alerts at both partial UTC days of the range and in its whole days, with every verdict; entities
// tied on their counts; and a role without access to PII.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, addUser, makeTestVault, setUpVault, USER_PASSWORD, type TestVault } from '../support/test-core';
import { cliClient } from '../case-package/case-fixtures';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { maskEntity } from '../../../src-main/entities/masking';
import type { StatsReport, TopEntities } from '../../../src-shared/analytics-model';
import type { Resolution } from '../../../src-shared/workspace-model';
import { alertOfRow } from '../support/alert-of-row';

const at = (iso: string) => Date.parse(iso);
const RANGE = { from: '2026-03-02', to: '2026-03-04', timeZone: 'Asia/Tokyo' };
let vault: TestVault;
let report: StatsReport;
let adminTop: TopEntities;
let analystTop: TopEntities;

async function signedIn(username = ADMIN.username, password = ADMIN.password): Promise<InProcessClient> {
  const client = vault.client();
  await client.invoke('auth.login', { username, password });
  return client;
}

async function caseAt(when: string, title: string): Promise<string> {
  vault.clock.set(at(when));
  return (await (await signedIn()).invoke('investigations.create', { title, severity: 'high', templateId: 'blank' })).id;
}

async function move(id: string, when: string, status: 'closed' | 'open', resolution?: Resolution) {
  vault.clock.set(at(when));
  await (await signedIn()).invoke('investigations.setStatus', { investigationId: id, status, ...(resolution ? { resolution } : { reason: 'More came in' }) });
}

beforeAll(async () => {
  vault = makeTestVault();
  vault.clock.set(at('2026-03-01T00:00:00Z'));
  const { admin } = await setUpVault(vault);
  await addUser(vault, admin, 'ann', 'analyst');

  // A: actioned at 23:00 in Tokyo on 2 March.
  await move(await caseAt('2026-03-01T16:00:00Z', 'A'), '2026-03-02T14:00:00Z', 'closed', 'actioned');
  // B: no violation at 16:00 UTC on 2 March, which is 01:00 on 3 March in Tokyo.
  await move(await caseAt('2026-03-01T16:00:00Z', 'B'), '2026-03-02T16:00:00Z', 'closed', 'no_violation');
  // C: duplicate on 2 March, reopened, then a false positive at 05:00 on 4 March in Tokyo: counted once, there.
  const c = await caseAt('2026-03-01T17:00:00Z', 'C');
  await move(c, '2026-03-02T10:00:00Z', 'closed', 'duplicate');
  await move(c, '2026-03-02T12:00:00Z', 'open');
  await move(c, '2026-03-03T20:00:00Z', 'closed', 'false_positive');
  // D: closed, then reopened and still open: no resolution stands.
  const d = await caseAt('2026-03-01T18:00:00Z', 'D');
  await move(d, '2026-03-02T05:00:00Z', 'closed', 'actioned');
  await move(d, '2026-03-02T06:00:00Z', 'open');
  // F: actioned at 09:00 on 5 March in Tokyo, after the range.
  await move(await caseAt('2026-03-01T18:00:00Z', 'F'), '2026-03-05T00:00:00Z', 'closed', 'actioned');

  vault.clock.set(at('2026-03-05T06:00:00Z'));
  const cli = await cliClient(vault);
  // E: imported closed without a resolution, at 12:00 on 3 March in Tokyo.
  const cases = join(vault.dir, 'cases.csv');
  writeFileSync(cases, [
    'case_number,title,status,priority,assigned_to,opened_at,updated_at,closed_at,labels',
    'E-1,Imported,Closed,low,,2026-03-01T00:00:00Z,2026-03-03T03:00:00Z,2026-03-03T03:00:00Z,',
  ].join('\n'));
  expect(await cli.invoke('investigations.importFile', { path: cases, source: 'casetool' })).toMatchObject({ committed: true });

  // The range is [1 Mar 15:00, 4 Mar 15:00) UTC: r1 in the leading partial UTC day, r4 and r6 in the
  // trailing one, the rest in whole days; o1 and o2 just outside.
  const alerts = join(vault.dir, 'alerts.csv');
  writeFileSync(alerts, [
    'id,time,title,severity,rule,account,email,ip',
    'o1,2026-03-01T14:00:00Z,Before,low,login,zed,,',
    'r1,2026-03-01T20:00:00Z,First,high,login,zed,,10.0.0.1',
    'r2,2026-03-02T10:00:00Z,Second,high,login,zed,bob@example.com,',
    'r3,2026-03-03T10:00:00Z,Third,low,login,zed,,',
    'r4,2026-03-04T05:00:00Z,Fourth,low,spray,amy,,10.0.0.1',
    'r5,2026-03-02T23:00:00Z,Fifth,low,spray,amy,,',
    'r6,2026-03-04T14:00:00Z,Sixth,medium,spray,cat,bob@example.com,',
    'o2,2026-03-04T16:00:00Z,After,low,spray,cat,,',
  ].join('\n'));
  expect(await cli.invoke('alerts.importFile', { path: alerts, source: 'ids' })).toMatchObject({ imported: 8 });
  const db = vault.core.services.custody.vault.db;
  const ids = (...exts: string[]) => exts.map((ext) => alertOfRow(db, ext));
  const client = await signedIn();
  await client.invoke('alerts.promote', { selection: { ids: ids('r1') }, investigation: { title: 'Zed', severity: 'high', templateId: 'blank' } });
  await client.invoke('alerts.bulk', { selection: { ids: ids('r2', 'o2') }, action: { kind: 'dismiss', reason: 'false_positive' } });
  await client.invoke('alerts.bulk', { selection: { ids: ids('r3') }, action: { kind: 'dismiss', reason: 'duplicate' } });
  await client.invoke('alerts.bulk', { selection: { ids: ids('r6') }, action: { kind: 'dismiss', reason: 'benign' } });
  await client.invoke('alerts.bulk', { selection: { ids: ids('r4') }, action: { kind: 'acknowledge' } });

  vault.clock.set(at('2026-03-06T00:00:00Z'));
  const admin2 = await signedIn();
  report = await admin2.invoke('analytics.stats', RANGE);
  adminTop = await admin2.invoke('analytics.topEntities', RANGE);
  analystTop = await (await signedIn('ann', USER_PASSWORD)).invoke('analytics.topEntities', RANGE);
}, 120_000);
afterAll(() => vault.dispose());

const none = { actioned: 0, no_violation: 0, duplicate: 0, false_positive: 0, not_recorded: 0 };

describe('resolutions', () => {
  it('counts each case once, on the local day of the resolution standing now, the imported one as not recorded', () => {
    expect(report.resolutions.perDay).toEqual([
      { date: '2026-03-02', counts: { ...none, actioned: 1 } },
      { date: '2026-03-03', counts: { ...none, no_violation: 1, not_recorded: 1 } },
      { date: '2026-03-04', counts: { ...none, false_positive: 1 } },
    ]);
    expect(report.resolutions.byResolution).toEqual({ actioned: 1, no_violation: 1, duplicate: 0, false_positive: 1, not_recorded: 1 });
    expect(report.resolutions.resolved).toBe(4);
  });

  it('opens, for a day and a resolution, exactly the cases it counted', async () => {
    const client = await signedIn();
    const titles = async (filter: { resolution?: Resolution | 'not_recorded'; resolvedFrom: number; resolvedTo: number }) =>
      (await client.invoke('investigations.list', { status: ['closed'], ...filter })).rows.map((r) => r.title).sort();
    // 3 March in Tokyo: [2 Mar 15:00, 3 Mar 15:00) UTC.
    const march3 = { resolvedFrom: at('2026-03-02T15:00:00Z'), resolvedTo: at('2026-03-03T15:00:00Z') };
    expect(await titles({ ...march3, resolution: 'no_violation' })).toEqual(['B']);
    expect(await titles({ ...march3, resolution: 'not_recorded' })).toEqual(['Imported']);
    expect(await titles(march3)).toEqual(['B', 'Imported']);
    // The whole range: C at its last close only, D (open again) and F (after) not at all.
    expect(await titles({ resolvedFrom: at('2026-03-01T15:00:00Z'), resolvedTo: at('2026-03-04T15:00:00Z') })).toEqual(['A', 'B', 'C', 'Imported']);
    expect(await titles({ resolvedFrom: at('2026-03-01T15:00:00Z'), resolvedTo: at('2026-03-04T15:00:00Z'), resolution: 'duplicate' })).toEqual([]);
  });

  it('gives the verdicts of the range\'s alerts, partial UTC days included, as a direct count over the alerts does', () => {
    expect(report.resolutions.alertVerdicts).toEqual({ promoted: 1, falsePositive: 1, dismissedOther: 2, acknowledged: 1, untriaged: 1 });
    const db = vault.core.services.custody.vault.db;
    const direct = db.prepare(
      `SELECT sum(status = 'promoted') AS promoted, sum(status = 'dismissed' AND dismiss_reason LIKE 'false_positive%') AS falsePositive,
         sum(status = 'dismissed' AND dismiss_reason NOT LIKE 'false_positive%') AS dismissedOther, sum(status = 'acknowledged') AS acknowledged,
         sum(status = 'new') AS untriaged
       FROM alerts WHERE deleted_at IS NULL AND source = 'ids' AND occurred_at >= ? AND occurred_at < ?`,
    ).get(at('2026-03-01T15:00:00Z'), at('2026-03-04T15:00:00Z'));
    expect(report.resolutions.alertVerdicts).toEqual(direct);
  });
});

describe('top entities', () => {
  it('ranks by alerts of the range, ties by kind then value, with share and alerts in investigations', () => {
    expect(adminTop.range).toEqual(RANGE);
    expect(adminTop.alertsInRange).toBe(6);
    expect(adminTop.entities.map(({ kind, value, alerts, share, inInvestigations, masked }) => ({ kind, value, alerts, share, inInvestigations, masked }))).toEqual([
      // o1 is before the range: zed has 3 of its 4 alerts in it.
      { kind: 'account', value: 'zed', alerts: 3, share: 3 / 6, inInvestigations: 1, masked: false },
      { kind: 'account', value: 'amy', alerts: 2, share: 2 / 6, inInvestigations: 0, masked: false },
      { kind: 'email', value: 'bob@example.com', alerts: 2, share: 2 / 6, inInvestigations: 0, masked: false },
      { kind: 'ip', value: '10.0.0.1', alerts: 2, share: 2 / 6, inInvestigations: 1, masked: false },
      { kind: 'account', value: 'cat', alerts: 1, share: 1 / 6, inInvestigations: 0, masked: false },
    ]);
  });

  it('masks the values for a role without access to PII, as the entity screens do, in the same order', () => {
    expect(analystTop.entities.map((e) => e.id)).toEqual(adminTop.entities.map((e) => e.id));
    expect(analystTop.entities.map((e) => ({ value: e.value, masked: e.masked }))).toEqual(
      adminTop.entities.map((e) => ({ value: maskEntity(e.kind, e.value), masked: true })),
    );
    expect(analystTop.entities.map((e) => e.value)).not.toContain('bob@example.com');
  });
});
