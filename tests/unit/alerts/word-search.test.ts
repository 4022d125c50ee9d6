import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import type { AlertRow } from '../../../src-shared/model';
import { allAlertPages } from '../support/alert-pages';

// Enough alerts with one word to take the common-word plan (walk the time index), a few with a rare
// word (fetch the matches and sort), and alerts sharing timestamps so the keyset's tie-break matters.
const COMMON = 2600;
const RARE = 7;
let vault: TestVault;
let cli: InProcessClient;

beforeAll(async () => {
  vault = makeTestVault();
  await setUpVault(vault);
  cli = vault.client('cli');
  await cli.invoke('auth.login', { username: 'ada', password: 'correct horse battery' });
  const lines = ['alert_id,timestamp,rule,title,severity,user'];
  const start = Date.UTC(2026, 4, 1);
  for (let i = 0; i < COMMON + RARE + 400; i += 1) {
    const word = i < COMMON ? 'phishing' : i < COMMON + RARE ? 'zebrafish' : 'other';
    // Three alerts per second: equal timestamps throughout.
    lines.push(`w-${i},${new Date(start + Math.floor(i / 3) * 1000).toISOString()},r-${i % 5},${word} report ${i},high,u-${i}`);
  }
  const file = join(vault.dir, 'words.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  const summary = await cli.invoke('alerts.importFile', { path: file, source: 'reports', mode: 'good_rows' });
  expect(summary.imported).toBe(COMMON + RARE + 400);
});
afterAll(() => vault.dispose());

const allPages = (filter: Record<string, unknown>) => allAlertPages(cli, filter);

function expectTimeOrdered(rows: AlertRow[], newest: boolean): void {
  for (let i = 1; i < rows.length; i += 1) {
    const [a, b] = [rows[i - 1], rows[i]];
    if (!a || !b) continue;
    expect(newest ? a.occurredAt >= b.occurredAt : a.occurredAt <= b.occurredAt).toBe(true);
  }
}

describe('word search at both plans', () => {
  it('pages through every alert with a common word exactly once, in order, both ways', async () => {
    const ids: Record<string, string[]> = {};
    for (const order of ['newest', 'oldest'] as const) {
      const rows = await allPages({ text: 'phishing', order });
      expect(rows).toHaveLength(COMMON);
      expect(new Set(rows.map((r) => r.id)).size).toBe(COMMON);
      expect(rows.every((r) => r.title.startsWith('phishing'))).toBe(true);
      expectTimeOrdered(rows, order === 'newest');
      ids[order] = rows.map((r) => r.id);
    }
    // Ties of occurred time break one way (by row key): oldest first is newest first reversed.
    expect(ids.oldest).toEqual([...(ids.newest ?? [])].reverse());
  });

  it('finds a rare word, combined with other filters too', async () => {
    expect(await allPages({ text: 'zebrafish' })).toHaveLength(RARE);
    const ruled = await allPages({ text: 'phishing', rule: 'r-1' });
    expect(ruled.length).toBe(Math.ceil((COMMON - 1) / 5));
    expect(ruled.every((r) => r.rule === 'r-1')).toBe(true);
  });

  it('counts word matches exactly, leaving tombstoned alerts out', async () => {
    expect((await cli.invoke('alerts.count', { text: 'phishing' })).count).toBe(COMMON);
    expect((await cli.invoke('alerts.count', { text: 'phishing', severity: ['high'] })).count).toBe(COMMON);
    const db = vault.core.services.custody.vault.db;
    db.prepare("UPDATE alerts SET deleted_at = 1 WHERE title IN ('phishing report 3', 'phishing report 4')").run();
    expect((await cli.invoke('alerts.count', { text: 'phishing' })).count).toBe(COMMON - 2);
    expect((await cli.invoke('alerts.count', { text: 'phishing', status: ['new'] })).count).toBe(COMMON - 2);
    expect(await allPages({ text: 'phishing' })).toHaveLength(COMMON - 2);
    expect((await cli.invoke('alerts.count', {})).count).toBe(COMMON + RARE + 400 - 2);
  });
});
