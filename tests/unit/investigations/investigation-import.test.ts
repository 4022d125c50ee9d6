import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN, addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { errorCodeOf } from '../support/errors';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { mapCaseStatus } from '../../../src-main/import/investigations/investigation-row-mapper';

const SERVICENOW = '/work/shared/data/servicenow-incident-event-log.csv.gz';

let vault: TestVault;
let admin: InProcessClient;
let cli: InProcessClient;

beforeAll(async () => {
  vault = makeTestVault();
  ({ admin } = await setUpVault(vault));
  await addUser(vault, admin, 'ann', 'analyst');
  cli = vault.client('cli');
  await cli.invoke('auth.login', { username: ADMIN.username, password: ADMIN.password });
});
afterAll(() => vault.dispose());

const db = () => vault.core.services.custody.vault.db;
const HEADER = 'case_number,title,status,priority,assigned_to,opened_at,updated_at,closed_at,labels';
const ROWS = [
  'C-1,Scam ring,New,P2,ann,2026-01-01T10:00:00Z,2026-01-01T10:00:00Z,,fraud;Ring',
  'C-1,Scam ring,Active,P2,ann,2026-01-01T10:00:00Z,2026-01-02T10:00:00Z,,fraud;Ring',
  'C-2,Spam burst,Closed,low,Someone Else,2026-01-03T09:00:00Z,2026-01-04T09:00:00Z,2026-01-04T09:00:00Z,',
  // An older update listed later in the file: the latest update still wins.
  'C-1,Scam ring,New,P2,ann,2026-01-01T10:00:00Z,2026-01-01T12:00:00Z,,fraud;Ring',
  'C-3,Broken,Exploded,high,,2026-01-05T00:00:00Z,,,',
];

function fixture(name: string, rows: string[]): string {
  const path = join(vault.dir, name);
  writeFileSync(path, [HEADER, ...rows].join('\n'));
  return path;
}

const byRef = (ref: string) => db().prepare('SELECT * FROM investigations WHERE source = ? AND external_ref = ?').get('casetool', ref) as
  { id: string; key: string; status: string; severity: string; assignee_id: string | null; tags: string; summary: string; opened_at: number; closed_at: number | null } | undefined;

describe('investigation import', () => {
  it('maps common case-tool states onto ours', () => {
    expect(['New', 'Active', 'Awaiting User Info', 'Awaiting Vendor', 'Resolved', 'Closed', 'on_hold'].map((s) => mapCaseStatus(s)))
      .toEqual(['open', 'in_progress', 'pending', 'pending', 'closed', 'closed', 'pending'].map((value) => ({ ok: true, value })));
    expect(mapCaseStatus('-100')).toMatchObject({ ok: false });
    expect(mapCaseStatus('-100', { '-100': 'in_progress' })).toEqual({ ok: true, value: 'in_progress' });
  });

  it('imports by path only from the command line', async () => {
    const path = fixture('refused.csv', ROWS);
    expect(await errorCodeOf(admin.invoke('investigations.importFile', { path, source: 'casetool' }))).toBe('FORBIDDEN');
  });

  it('writes nothing in all-or-nothing mode when a case is rejected', async () => {
    const summary = await cli.invoke('investigations.importFile', { path: fixture('all.csv', ROWS), source: 'casetool' });
    expect(summary).toMatchObject({ committed: false, read: 5, cases: 3, rejected: 1, rejectedRows: [{ line: 6 }] });
    expect(summary.rejectedRows[0]?.reason).toContain('Exploded');
    expect(byRef('C-1')).toBeUndefined();
  });

  it('keeps the latest row per case, matches assignees by username, and is idempotent on re-import', async () => {
    const path = fixture('cases.csv', ROWS);
    const first = await cli.invoke('investigations.importFile', { path, source: 'casetool', mode: 'good_rows' });
    expect(first).toMatchObject({ committed: true, read: 5, cases: 3, imported: 2, updated: 0, unchanged: 0, rejected: 1 });
    expect(first.columns).toMatchObject({ externalId: 'case_number', status: 'status', severity: 'priority', assignee: 'assigned_to', openedAt: 'opened_at', updatedAt: 'updated_at', closedAt: 'closed_at', tags: 'labels' });
    const ann = (await admin.invoke('users.directory', {})).find((u) => u.username === 'ann');
    const c1 = byRef('C-1');
    expect(c1).toMatchObject({ status: 'in_progress', severity: 'high', assignee_id: ann?.id, tags: '["fraud","ring"]', opened_at: Date.UTC(2026, 0, 1, 10), closed_at: null });
    const c2 = byRef('C-2');
    expect(c2).toMatchObject({ status: 'closed', severity: 'low', assignee_id: null, closed_at: Date.UTC(2026, 0, 4, 9) });
    expect(c2?.summary).toContain('Someone Else');
    const detail = await admin.invoke('investigations.get', { investigationId: c2?.id ?? '' });
    expect(detail.statusLog.map((c) => [c.from, c.to, c.at])).toEqual([[null, 'open', Date.UTC(2026, 0, 3, 9)], ['open', 'closed', Date.UTC(2026, 0, 4, 9)]]);

    const changesBefore = (db().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
    const again = await cli.invoke('investigations.importFile', { path, source: 'casetool', mode: 'good_rows' });
    expect(again).toMatchObject({ committed: true, cases: 3, imported: 0, updated: 0, unchanged: 2 });
    expect((db().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n).toBe(changesBefore);

    // A later export: C-1 was resolved in the other tool.
    const later = fixture('later.csv', [...ROWS.slice(0, 4), 'C-1,Scam ring,Resolved,P2,ann,2026-01-01T10:00:00Z,2026-01-06T08:00:00Z,2026-01-06T08:00:00Z,fraud;Ring']);
    const update = await cli.invoke('investigations.importFile', { path: later, source: 'casetool' });
    expect(update).toMatchObject({ committed: true, imported: 0, updated: 1, unchanged: 1, rejected: 0 });
    const moved = await admin.invoke('investigations.get', { investigationId: c1?.id ?? '' });
    expect(moved).toMatchObject({ key: c1?.key, status: 'closed', resolution: null, closedAt: Date.UTC(2026, 0, 6, 8) });
    expect(moved.statusLog.map((c) => [c.from, c.to])).toEqual([[null, 'open'], ['open', 'in_progress'], ['in_progress', 'closed']]);
  });

  it('imports an uploaded file from a window as a cancellable job', async () => {
    const body = Buffer.from([HEADER, 'U-1,Uploaded case,Awaiting Evidence,critical,,2026-02-01T00:00:00Z,2026-02-01T00:00:00Z,,'].join('\n'));
    const { uploadId } = await admin.invoke('uploads.begin', { fileName: 'cases.csv', size: body.length });
    await admin.invoke('uploads.chunk', { uploadId, offset: 0, dataBase64: body.toString('base64') });
    const summary = await admin.invoke('investigations.importUpload', { uploadId, jobId: randomUUID(), source: 'upload-tool' });
    expect(summary).toMatchObject({ committed: true, cases: 1, imported: 1 });
    expect(db().prepare("SELECT status, severity FROM investigations WHERE source = 'upload-tool'").get()).toEqual({ status: 'pending', severity: 'critical' });
  });

  it('imports the real ServiceNow event log: one investigation per incident, each in its latest state', async () => {
    const summary = await cli.invoke('investigations.importFile', { path: SERVICENOW, source: 'servicenow' });
    expect(summary).toMatchObject({ committed: true, read: 119_998, cases: 20_769, imported: 20_769, rejected: 0 });
    const count = (db().prepare("SELECT count(*) AS n FROM investigations WHERE source = 'servicenow'").get() as { n: number }).n;
    expect(count).toBe(20_769);
    const inc45 = db().prepare("SELECT id, status, severity, opened_at, closed_at, source_resolved_at FROM investigations WHERE source = 'servicenow' AND external_ref = 'INC0000045'").get() as { id: string };
    // Resolved on 29 February, closed on 5 March: both kept, the resolution for time to resolve.
    expect(inc45).toEqual({
      id: expect.any(String), status: 'closed', severity: 'medium', opened_at: Date.UTC(2016, 1, 29, 1, 16), closed_at: Date.UTC(2016, 2, 5, 12, 0),
      source_resolved_at: Date.UTC(2016, 1, 29, 11, 29),
    });
    // An open case has no resolution time, whatever its rows said earlier.
    expect(db().prepare("SELECT count(*) AS n FROM investigations WHERE source = 'servicenow' AND status != 'closed' AND source_resolved_at IS NOT NULL").get()).toEqual({ n: 0 });
    // Its event rows passed through "-100", an unknown state, before the rows that win.
    const inc28089 = db().prepare("SELECT status, closed_at FROM investigations WHERE source = 'servicenow' AND external_ref = 'INC0028089'").get();
    expect(inc28089).toEqual({ status: 'closed', closed_at: Date.UTC(2016, 5, 21, 13, 7) });
    const again = await cli.invoke('investigations.importFile', { path: SERVICENOW, source: 'servicenow' });
    expect(again).toMatchObject({ committed: true, imported: 0, updated: 0, unchanged: 20_769 });
    // Reopened here, the source no longer decides when it was resolved: the status log does.
    await cli.invoke('investigations.setStatus', { investigationId: inc45.id, status: 'open', reason: 'Customer wrote back' });
    expect(db().prepare('SELECT source_resolved_at FROM investigations WHERE id = ?').get(inc45.id)).toEqual({ source_resolved_at: null });
  }, 120_000);
});
