import { afterEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { errorCodeOf } from '../support/errors';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { MappingDraft } from '../../../src-shared/import-profile-contract';

let vault: TestVault;
afterEach(() => vault?.dispose());

// Headers a SIEM export might have: the time column's name matches nothing the detector knows.
const UNUSUAL = [
  'Alarm,When (local),Who,Src Addr,Sev',
  'Password spray,03/04/2026 09:15,u-1,198.51.100.7,High',
  'Impossible travel,29/03/2026 02:30,u-2,198.51.100.8,low',
  'Token theft,yesterday,u-3,198.51.100.9,medium',
  'Mass download,31/03/2026 23:59,u-4,198.51.100.10,critical',
].join('\n');

const ISO = [
  'alert_id,timestamp,rule,title,severity,user',
  'a-1,2026-05-01T10:00:00Z,r1,First,high,u-1',
  'a-2,2026-05-01T10:01:00Z,r1,Second,low,u-2',
  'a-3,not a time,r2,Third,medium,u-3',
].join('\n');

async function upload(client: InProcessClient, name: string, text: string): Promise<string> {
  const bytes = Buffer.from(text);
  const { uploadId } = await client.invoke('uploads.begin', { fileName: name, size: bytes.length });
  await client.invoke('uploads.chunk', { uploadId, offset: 0, dataBase64: bytes.toString('base64') });
  return uploadId;
}

async function start(): Promise<InProcessClient> {
  vault = makeTestVault();
  return (await setUpVault(vault)).admin;
}

describe('the import preview', () => {
  it('returns the headers, the detected mapping with its time format, and flags the row whose time fails', async () => {
    const admin = await start();
    const uploadId = await upload(admin, 'alerts.csv', ISO);
    const preview = await admin.invoke('imports.preview', { uploadId, kind: 'alerts' });
    expect(preview.headers).toEqual(['alert_id', 'timestamp', 'rule', 'title', 'severity', 'user']);
    expect(preview.format).toBe('csv');
    expect(preview.detected.columns).toMatchObject({ externalId: 'alert_id', occurredAt: 'timestamp', rule: 'rule', title: 'title', severity: 'severity', account: 'user' });
    // Two of three samples are ISO: no single format fits, so the window starts from 'auto' and says why.
    expect(preview.detected.timestamp.format).toBe('auto');
    expect(preview.detected.timeFormatReason).toMatch(/not a time/);
    expect(preview.rows.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(preview.rows[0]).toEqual({
      line: 2, values: ['a-1', '2026-05-01T10:00:00Z', 'r1', 'First', 'high', 'u-1'], time: { ok: true, ms: Date.UTC(2026, 4, 1, 10) }, problem: null,
    });
    expect(preview.rows[2]?.time).toEqual({ ok: false, reason: 'unrecognised timestamp' });
    expect(preview.rows[2]?.problem).toBe('time "not a time": unrecognised timestamp');
  });

  it('reads the rows under a mapping chosen by hand, and leaves the upload for the import that follows', async () => {
    const admin = await start();
    const uploadId = await upload(admin, 'siem.csv', UNUSUAL);
    const detected = await admin.invoke('imports.preview', { uploadId, kind: 'alerts' });
    expect(detected.detected.columns['occurredAt']).toBeUndefined();
    expect(detected.detected.timeFormatReason).toBe('no time column recognised');
    expect(detected.rows[0]?.problem).toMatch(/no time/);

    const mapping: MappingDraft = {
      kind: 'alerts',
      columns: { ...detected.detected.columns, occurredAt: 'When (local)', title: 'Alarm', account: 'Who', ip: 'Src Addr', severity: 'Sev' },
      timestamp: { format: 'dmy', timeZone: 'Europe/Paris' },
    };
    const preview = await admin.invoke('imports.preview', { uploadId, kind: 'alerts', mapping });
    expect(preview.mapping).toEqual(mapping);
    // The column mapped by hand is sampled too: the step can say why no format fits all of it.
    expect(preview.mappedTime).toEqual({ header: 'When (local)', format: 'auto', alternatives: [], reason: 'no single format fits every value: "yesterday" is not dmy' });
    // Day first, in Paris summer time: 3 April 09:15 is 07:15 UTC (read month first it would be 4 March).
    expect(preview.rows[0]).toMatchObject({ time: { ok: true, ms: Date.UTC(2026, 3, 3, 7, 15) }, problem: null });
    expect(preview.rows[2]).toMatchObject({ time: { ok: false }, problem: expect.stringContaining('time "yesterday"') });
    expect(preview.rows[3]).toMatchObject({ time: { ok: true, ms: Date.UTC(2026, 2, 31, 21, 59) }, problem: null });

    // The import takes the very upload the preview read, under the same mapping.
    const summary = await admin.invoke('alerts.importUpload', {
      uploadId, jobId: randomUUID(), source: 'siem', mode: 'good_rows', mapping: { ...mapping, name: 'by hand' },
    });
    const rejectedByPreview = preview.rows.filter((r) => r.problem !== null).length;
    expect(rejectedByPreview).toBe(1);
    expect(summary).toMatchObject({ committed: true, read: 4, rejected: rejectedByPreview, imported: 4 - rejectedByPreview });
  });

  it('says why every row fails when the mapping itself is not valid, instead of failing the preview', async () => {
    const admin = await start();
    const uploadId = await upload(admin, 'alerts.csv', ISO);
    const preview = await admin.invoke('imports.preview', {
      uploadId, kind: 'alerts', mapping: { kind: 'alerts', columns: {}, timestamp: { format: 'iso', timeZone: 'UTC' } },
    });
    expect(preview.rows).toHaveLength(3);
    for (const row of preview.rows) expect(row.problem).toMatch(/Map at least one column/);
  });

  it('previews investigations by their opened time', async () => {
    const admin = await start();
    const uploadId = await upload(admin, 'cases.csv', 'number,short_description,state,opened_at\nINC1,Phish,New,2026-05-01 10:00:00\nINC2,Fraud,Bogus state,2026-05-02 11:00:00\n');
    const preview = await admin.invoke('imports.preview', { uploadId, kind: 'investigations', timeZone: 'UTC' });
    expect(preview.detected.columns).toMatchObject({ externalId: 'number', title: 'short_description', status: 'state', openedAt: 'opened_at' });
    expect(preview.detected.timestamp).toEqual({ format: 'iso', timeZone: 'UTC' });
    expect(preview.mappedTime).toMatchObject({ header: 'opened_at', format: 'iso', reason: null });
    expect(preview.rows[0]).toMatchObject({ time: { ok: true, ms: Date.UTC(2026, 4, 1, 10) }, problem: null });
    expect(preview.rows[1]?.problem).toMatch(/unrecognised status "Bogus state"/);
  });

  it('refuses an upload that is still arriving, someone else\'s, and a caller who may not import', async () => {
    const admin = await start();
    const { uploadId } = await admin.invoke('uploads.begin', { fileName: 'big.csv', size: 1000 });
    expect(await errorCodeOf(admin.invoke('imports.preview', { uploadId, kind: 'alerts' }))).toBe('CONFLICT');
    expect(await errorCodeOf(vault.client().invoke('imports.preview', { uploadId, kind: 'alerts' }))).toBe('AUTH_REQUIRED');
    // Another analyst cannot read this upload: to them it does not exist.
    const done = await upload(admin, 'alerts.csv', ISO);
    const colleague = await addUser(vault, admin, 'colleague', 'analyst');
    expect(await errorCodeOf(colleague.invoke('imports.preview', { uploadId: done, kind: 'alerts' }))).toBe('NOT_FOUND');
    const viewer = await addUser(vault, admin, 'vera', 'viewer');
    expect(await errorCodeOf(viewer.invoke('imports.preview', { uploadId: done, kind: 'alerts' }))).toBe('FORBIDDEN');
  });
});
