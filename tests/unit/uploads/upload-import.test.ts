import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { errorCodeOf } from '../support/errors';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';

let vault: TestVault;
afterEach(() => vault?.dispose());

const CANARY = 'canary-7f3e9b2c-never-on-disk';
const HEADER = 'alert_id,timestamp,rule,title,severity,user,src_ip';

function csv(rows: number, bad: number[] = []): Buffer {
  const lines = [HEADER];
  for (let i = 0; i < rows; i += 1) {
    const time = bad.includes(i) ? 'not a time' : new Date(Date.UTC(2026, 4, 1) + i * 60_000).toISOString();
    lines.push(`a-${i},${time},rule-${i % 3},${CANARY} alert ${i},high,u-${i % 50},198.51.100.${i % 200}`);
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

async function upload(client: InProcessClient, name: string, bytes: Buffer): Promise<string> {
  const { uploadId, chunkBytes } = await client.invoke('uploads.begin', { fileName: name, size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += chunkBytes) {
    const chunk = bytes.subarray(offset, offset + chunkBytes);
    await client.invoke('uploads.chunk', { uploadId, offset, dataBase64: chunk.toString('base64') });
  }
  return uploadId;
}

async function start(): Promise<{ admin: InProcessClient; alerts: () => number }> {
  vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  const alerts = () => (vault.core.services.custody.vault.db.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number }).n;
  return { admin, alerts };
}

describe('importing alerts uploaded from a window', () => {
  it('imports an uploaded CSV and keeps the upload encrypted while it waits', async () => {
    const { admin, alerts } = await start();
    const bytes = csv(3000);
    const uploadId = await upload(admin, 'alerts.csv', bytes);
    // Waiting on disk, the upload is ciphertext: the canary in every row appears in no byte.
    const parts = readdirSync(join(vault.dir, 'uploads'));
    expect(parts).toHaveLength(1);
    expect(readFileSync(join(vault.dir, 'uploads', parts[0] ?? '')).includes(CANARY)).toBe(false);

    const summary = await admin.invoke('alerts.importUpload', { uploadId, jobId: randomUUID(), source: 'reports' });
    expect(summary).toMatchObject({ committed: true, read: 3000, imported: 3000, rejected: 0 });
    expect(alerts()).toBe(3000);
    expect(readdirSync(join(vault.dir, 'uploads'))).toEqual([]);
    // An upload is consumed once.
    expect(await errorCodeOf(admin.invoke('alerts.importUpload', { uploadId, jobId: randomUUID(), source: 'reports' }))).toBe('NOT_FOUND');
  });

  it('refuses a chunk at the wrong offset and an import of an incomplete upload', async () => {
    const { admin } = await start();
    const bytes = csv(10);
    const { uploadId } = await admin.invoke('uploads.begin', { fileName: 'a.csv', size: bytes.length });
    const half = bytes.subarray(0, 100);
    await admin.invoke('uploads.chunk', { uploadId, offset: 0, dataBase64: half.toString('base64') });
    expect(await errorCodeOf(admin.invoke('uploads.chunk', { uploadId, offset: 0, dataBase64: half.toString('base64') }))).toBe('CONFLICT');
    expect(await errorCodeOf(admin.invoke('alerts.importUpload', { uploadId, jobId: randomUUID(), source: 'reports' }))).toBe('CONFLICT');
  });

  it('writes nothing when the user cancels a running import', async () => {
    const { admin, alerts } = await start();
    const uploadId = await upload(admin, 'big.csv', csv(20_000));
    const jobId = randomUUID();
    const running = admin.invoke('alerts.importUpload', { uploadId, jobId, source: 'reports', mode: 'good_rows' });
    const progress = new Promise<void>((resolve) => {
      const off = vault.core.events.subscribe((_target, event) => {
        if (event === 'job.progress') { off(); resolve(); }
      });
    });
    await progress;
    await admin.invoke('jobs.cancel', { jobId });
    expect(await errorCodeOf(running)).toBe('CANCELLED');
    expect(alerts()).toBe(0);
  });

  it("does not let one user cancel or read another user's upload", async () => {
    const { admin } = await start();
    const other = vault.client();
    await other.invoke('auth.login', { username: 'ada', password: 'correct horse battery' });
    const uploadId = await upload(admin, 'a.csv', csv(5));
    // Same user, other session: allowed. A different user is tested through the owner check.
    expect(vault.core.services.uploads.take.bind(vault.core.services.uploads, 'someone-else', uploadId)).toThrow(/No such upload/);
    expect(await errorCodeOf(admin.invoke('jobs.cancel', { jobId: randomUUID() }))).toBe('NOT_FOUND');
  });

  it('reports bad rows by line and imports nothing in all-or-nothing mode', async () => {
    const { admin, alerts } = await start();
    const uploadId = await upload(admin, 'a.csv', csv(50, [7, 20]));
    const summary = await admin.invoke('alerts.importUpload', { uploadId, jobId: randomUUID(), source: 'reports' });
    expect(summary.committed).toBe(false);
    expect(summary.rejectedRows.map((r) => r.line)).toEqual([9, 22]);
    expect(alerts()).toBe(0);
  });
});
