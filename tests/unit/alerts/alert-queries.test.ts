import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { allAlertPages } from '../support/alert-pages';

let vault: TestVault;
let admin: InProcessClient;
let analyst: InProcessClient;

beforeAll(async () => {
  vault = makeTestVault();
  ({ admin } = await setUpVault(vault));
  await admin.invoke('demo.generate', { alerts: 3000, seed: 5, days: 30 });
  analyst = await addUser(vault, admin, 'ann', 'analyst');
});
afterAll(() => vault.dispose());

const allPages = allAlertPages;

describe('the triage queue', () => {
  it('pages through every alert exactly once, newest first', async () => {
    const rows = await allPages(admin);
    const total = (vault.core.services.custody.vault.db.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number }).n;
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.id)).size).toBe(total);
    for (let i = 1; i < rows.length; i += 1) {
      const [a, b] = [rows[i - 1], rows[i]];
      if (!a || !b) continue;
      expect(a.occurredAt).toBeGreaterThanOrEqual(b.occurredAt);
    }
  });

  it('filters by severity, source, time range and words', async () => {
    const critical = await allPages(admin, { severity: ['critical'], source: 'content-classifier' });
    expect(critical.length).toBeGreaterThan(0);
    expect(critical.every((r) => r.severity === 'critical' && r.source === 'content-classifier')).toBe(true);
    const words = await allPages(admin, { text: 'Phishing page' });
    expect(words.length).toBeGreaterThan(0);
    expect(words.every((r) => /phishing page/i.test(r.title))).toBe(true);
    const first = words[words.length - 1];
    const window = await allPages(admin, { from: first?.occurredAt ?? 0, to: (first?.occurredAt ?? 0) + 1 });
    expect(window.map((r) => r.id)).toContain(first?.id);
    expect(await allPages(admin, { text: '"; DROP TABLE alerts; --' })).toEqual([]);
  });

  it('shows an analyst masked PII and a senior analyst the real values', async () => {
    const masked = await analyst.invoke('alerts.list', { limit: 50, text: 'Credential stuffing' });
    const clear = await admin.invoke('alerts.list', { limit: 50, text: 'Credential stuffing' });
    expect(masked.masked).toBe(true);
    expect(clear.masked).toBe(false);
    const [m, c] = [masked.rows[0], clear.rows[0]];
    expect(m?.id).toBe(c?.id);
    expect(c?.title).toMatch(/u-\d+@\w+\.example/);
    expect(m?.title).not.toMatch(/u-\d+@/);
    expect(m?.title).toMatch(/\*\*\*@\w+\.example from (\d+\.){3}x/);
    expect(m?.primaryEntity?.value).toMatch(/^\*\*\*\*/);
    expect(JSON.stringify(masked.rows)).not.toContain(c?.primaryEntity?.value ?? 'never');
  });
});

describe('a page cursor whose alert is gone', () => {
  it('starts the next page after that alert\'s instant, with no row of the page before (an import undone between pages)', async () => {
    const filter = { limit: 50, status: ['new' as const] };
    const first = await admin.invoke('alerts.list', filter);
    const last = first.rows[first.rows.length - 1];
    expect(last && first.next).toBeTruthy();
    const db = vault.core.services.custody.vault.db;
    db.transaction(() => {
      db.prepare('DELETE FROM alert_entities WHERE alert_rid = (SELECT rid FROM alerts WHERE id = ?)').run(last?.id);
      db.prepare('DELETE FROM alert_sightings WHERE alert_id = ?').run(last?.id);
      db.prepare('DELETE FROM alerts WHERE id = ?').run(last?.id);
    })();
    const next = await admin.invoke('alerts.list', { ...filter, after: first.next ?? undefined });
    expect(next.rows.length).toBeGreaterThan(0);
    expect(next.rows.every((r) => r.occurredAt < (last?.occurredAt ?? 0))).toBe(true);
    expect(next.rows.filter((r) => first.rows.some((f) => f.id === r.id))).toEqual([]);
  });
});

