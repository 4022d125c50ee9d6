// Search counts are exact, or say they stopped at the cap: a filter-only query once counted the
// rows it listed ("200" for a queue of 11,918 critical alerts) and Recent kept that number.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { COUNT_CAP } from '../../../src-main/search/search-queries';
import { insertAlert, vaultDb } from '../actions/workspace-fixtures';

let vault: TestVault;
let analyst: InProcessClient;

beforeAll(async () => {
  vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  analyst = await addUser(vault, admin, 'ann', 'analyst');
  const db = vaultDb(vault);
  db.transaction(() => {
    for (let i = 0; i < 5; i += 1) insertAlert(db, { title: `Payout change ${i}`, severity: 'critical', occurredAt: 1000 + i });
    for (let i = 0; i <= COUNT_CAP; i += 1) insertAlert(db, { title: `Login burst ${i}`, severity: 'low', source: 'auth', occurredAt: 2000 + i });
  })();
});
afterAll(() => vault.dispose());

describe('search counts', () => {
  it('counts every alert a filter-only query matches, not the page it lists', async () => {
    const result = await analyst.invoke('search.query', { query: 'severity:critical', kinds: ['alert'], limit: 2 });
    expect(result.hits).toHaveLength(2);
    expect(result.counts.alert).toBe(5);
    expect(result.capped).toEqual([]);
  });

  it('says a count stopped at the cap, for filters and for words alike', async () => {
    const byFilter = await analyst.invoke('search.query', { query: 'source:auth', kinds: ['alert'], limit: 10 });
    expect(byFilter.counts.alert).toBe(COUNT_CAP);
    expect(byFilter.capped).toEqual(['alert']);
    const byWord = await analyst.invoke('search.query', { query: 'login', kinds: ['alert'], limit: 10 });
    expect(byWord).toMatchObject({ counts: { alert: COUNT_CAP }, capped: ['alert'] });
    const exact = await analyst.invoke('search.query', { query: 'payout', kinds: ['alert'], limit: 10 });
    expect(exact).toMatchObject({ counts: { alert: 5 }, capped: [] });
  });

  it('keeps the count and whether it was capped in Recent', async () => {
    await analyst.invoke('search.query', { query: 'severity:critical', kinds: ['alert'], limit: 1 });
    await analyst.invoke('search.query', { query: 'source:auth', kinds: ['alert'], limit: 1 });
    const history = await analyst.invoke('search.history', {});
    expect(history.find((h) => h.query === 'severity:critical')).toMatchObject({ hits: 5, capped: false });
    expect(history.find((h) => h.query === 'source:auth')).toMatchObject({ hits: COUNT_CAP, capped: true });
  });
});
