import { afterEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { errorCodeOf } from '../support/errors';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';

let vault: TestVault;
afterEach(() => vault?.dispose());

const HEADER = 'alert_id,timestamp,rule,title,severity,user,src_ip,email';
const GOOD = [
  'a-1,2026-05-01T09:00:00Z,credential-stuffing,Failed logins for u-1,high,u-1,198.51.100.7,Jane@Example.com',
  'a-2,2026-05-01T09:10:00Z,credential-stuffing,Failed logins for u-1 again,high,u-1,198.51.100.7,jane@example.com',
  '"a-3","2026-05-02T10:00:00+02:00","spam","Spam, with a comma and a ""quote""",low,u-2,203.0.113.9,',
];
const BAD = [
  'a-4,not a time,spam,Broken time,low,u-3,203.0.113.10,',
  'a-5,2026-05-03T10:00:00Z,spam,Bad email,low,u-4,203.0.113.11,not-an-email',
  'a-6,2026-05-03T11:00:00Z,spam,Bad severity,whenever,u-5,203.0.113.12,',
];

async function setUp(rows: string[]): Promise<{ client: InProcessClient; file: string; count: () => number }> {
  vault = makeTestVault();
  await setUpVault(vault);
  const client = vault.client('cli');
  await client.invoke('auth.login', { username: 'ada', password: 'correct horse battery' });
  const file = join(vault.dir, 'alerts.csv');
  writeFileSync(file, `${HEADER}\n${rows.join('\n')}\n`);
  const count = () => (vault.core.services.custody.vault.db.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number }).n;
  return { client, file, count };
}

describe('alert import', () => {
  it('imports a CSV with auto-detected columns, folding a repeat into one alert', async () => {
    const { client, file, count } = await setUp(GOOD);
    const summary = await client.invoke('alerts.importFile', { path: file, source: 'reports' });
    expect(summary).toMatchObject({ committed: true, read: 3, imported: 2, deduplicated: 1, duplicates: 0, rejected: 0 });
    expect(summary.columns).toMatchObject({ externalId: 'alert_id', occurredAt: 'timestamp', account: 'user', ip: 'src_ip', email: 'email' });
    expect(count()).toBe(2);
    const db = vault.core.services.custody.vault.db;
    expect(db.prepare("SELECT occurrences FROM alerts WHERE rule = 'credential-stuffing'").get()).toEqual({ occurrences: 2 });
    expect(db.prepare("SELECT title, occurred_at FROM alerts WHERE rule = 'spam'").get()).toEqual({
      title: 'Spam, with a comma and a "quote"', occurred_at: Date.UTC(2026, 4, 2, 8, 0),
    });
    expect(db.prepare("SELECT value FROM entities WHERE kind = 'email'").all()).toEqual([{ value: 'jane@example.com' }]);
  });

  it('is idempotent: importing the same file again adds nothing', async () => {
    const { client, file, count } = await setUp(GOOD);
    await client.invoke('alerts.importFile', { path: file, source: 'reports' });
    const again = await client.invoke('alerts.importFile', { path: file, source: 'reports' });
    expect(again).toMatchObject({ committed: true, imported: 0, deduplicated: 0, duplicates: 3 });
    expect(count()).toBe(2);
  });

  it('imports nothing when asked for all or nothing and reports every bad row by line', async () => {
    const { client, file, count } = await setUp([...GOOD, ...BAD]);
    const summary = await client.invoke('alerts.importFile', { path: file, source: 'reports', mode: 'all_or_nothing' });
    expect(summary).toMatchObject({ committed: false, imported: 0, rejected: 3 });
    expect(summary.rejectedRows.map((r) => r.line)).toEqual([5, 6, 7]);
    expect(summary.rejectedRows[0]?.reason).toMatch(/^time "not a time"/);
    expect(summary.rejectedRows[1]?.reason).toMatch(/email/);
    expect(summary.rejectedRows[2]?.reason).toMatch(/severity/);
    expect(count()).toBe(0);
    expect((vault.core.services.custody.vault.db.prepare('SELECT count(*) AS n FROM entities').get() as { n: number }).n).toBe(0);
  });

  it('imports the good rows when asked, and says which were left out', async () => {
    const { client, file, count } = await setUp([...BAD, ...GOOD]);
    const summary = await client.invoke('alerts.importFile', { path: file, source: 'reports', mode: 'good_rows' });
    expect(summary).toMatchObject({ committed: true, read: 6, imported: 2, deduplicated: 1, rejected: 3 });
    expect(summary.rejectedRows.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(count()).toBe(2);
  });

  it('is refused from a window, where a path could name any file', async () => {
    const { file } = await setUp(GOOD);
    const browser = vault.client('browser');
    await browser.invoke('auth.login', { username: 'ada', password: 'correct horse battery' });
    expect(await errorCodeOf(browser.invoke('alerts.importFile', { path: file, source: 'reports' }))).toBe('FORBIDDEN');
    const denied = await browser.invoke('audit.list', { limit: 1, action: 'alerts.importFile' });
    expect(denied.entries[0]).toMatchObject({ outcome: 'failure', details: { code: 'FORBIDDEN' } });
  });
});
