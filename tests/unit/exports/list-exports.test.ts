// Exports of whole lists: the investigations list with its filter, how many matched when the cap
// cuts the file, progress with a total, and cancelling a running export.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventMap } from '../../../src-shared/events';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { exportInvestigationList } from '../../../src-main/exports/investigation-list-export';
import { exportSearch } from '../../../src-main/exports/search-export';
import { maskingLens } from '../../../src-main/pii/pii-lens';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { errorCodeOf } from '../support/errors';
import { parseCsv } from './parse-csv';
import { insertAlert, insertEntity, insertInvestigation, vaultDb } from '../actions/workspace-fixtures';

let vault: TestVault;
let senior: InProcessClient;
let analyst: InProcessClient;
const ACCOUNT = 'acct-55501234';

beforeAll(async () => {
  vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  senior = await addUser(vault, admin, 'sam', 'senior_analyst');
  analyst = await addUser(vault, admin, 'ann', 'analyst');
  const db = vaultDb(vault);
  const account = insertEntity(db, 'account', ACCOUNT);
  const ring = insertInvestigation(db, { title: `Ring around ${ACCOUNT}`, severity: 'high' });
  insertAlert(db, { title: `Payout to ${ACCOUNT}`, severity: 'high', entityIds: [account], investigationId: ring, occurredAt: 5000 });
  insertInvestigation(db, { title: 'Second high case', severity: 'high' });
  insertInvestigation(db, { title: 'A low case', severity: 'low' });
  db.transaction(() => { for (let i = 0; i < 4500; i += 1) insertAlert(db, { title: `Bulk ${i}`, severity: 'medium', source: 'bulk', occurredAt: 10_000 + i }); })();
});
afterAll(() => vault.dispose());

function progressEvents(): { events: EventMap['job.progress'][]; stop: () => void } {
  const events: EventMap['job.progress'][] = [];
  const stop = vault.core.services.events.subscribe((_target, event, payload) => {
    if (event === 'job.progress') events.push(payload as EventMap['job.progress']);
  });
  return { events, stop };
}

describe('investigations list export', () => {
  it('writes the rows the list shows for a filter, with their columns, and audits the count', async () => {
    const file = await senior.invoke('exports.investigations', { filter: { severity: ['high'] }, format: 'csv' });
    expect(file).toMatchObject({ rows: 2, matched: 2, masked: false });
    expect(file.fileName).toMatch(/^vigil-investigations-\d{8}-\d{4}\.csv$/);
    const [header, ...rows] = parseCsv(file.content);
    expect(header?.slice(0, 5)).toEqual(['key', 'title', 'status', 'resolution', 'severity']);
    expect(rows.map((r) => r[1]).sort()).toEqual([`Ring around ${ACCOUNT}`, 'Second high case']);
    expect(rows.find((r) => r[1]?.startsWith('Ring'))?.[7]).toBe('1');
    const audit = vaultDb(vault).prepare(`SELECT details FROM audit_log WHERE action = 'exports.investigations' ORDER BY seq DESC LIMIT 1`).get() as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({ format: 'csv', rows: 2, matched: 2, filters: ['severity'] });
  });

  it('says how many matched when the cap cuts the file, in JSON too', async () => {
    const file = await senior.invoke('exports.investigations', { filter: {}, format: 'json', limit: 1 });
    expect(file).toMatchObject({ rows: 1, matched: 3 });
    expect(JSON.parse(file.content)).toHaveLength(1);
  });

  it('exports "assigned to me" as the list shows it, the caller resolved in main', async () => {
    const listed = await senior.invoke('investigations.list', { assignee: 'me', limit: 50 });
    const file = await senior.invoke('exports.investigations', { filter: { assignee: 'me' }, format: 'json' });
    expect(file.matched).toBe(listed.total);
    expect((JSON.parse(file.content) as { id: string }[]).map((row) => row.id).sort()).toEqual(listed.rows.map((row) => row.id).sort());
  });

  it('masks titles through the caller\'s lens, as the list screen does', async () => {
    const repos = vault.core.services.custody.vault.repositories;
    const view = repos.investigations.view(maskingLens(), repos.userRefs.resolver());
    const file = await exportInvestigationList(repos.investigations.queries, { filter: { severity: ['high'], sort: 'updated', direction: 'desc' }, format: 'json', limit: 10 }, view, 'x', () => {});
    expect(file.masked).toBe(true);
    expect(file.content).not.toContain(ACCOUNT);
  });

  it('refuses a role without export_data', async () => {
    expect(await errorCodeOf(analyst.invoke('exports.investigations', { filter: {}, format: 'csv' }))).toBe('FORBIDDEN');
  });
});

describe('search results export', () => {
  it('writes the hits of a query with how many matched, audited without the query text', async () => {
    const file = await senior.invoke('exports.search', { query: 'Bulk', kinds: ['alert'], format: 'csv' });
    expect(file).toMatchObject({ rows: 200, matched: 4500, masked: false });
    const [header, ...rows] = parseCsv(file.content);
    expect(header).toEqual(['kind', 'id', 'investigation_id', 'title', 'snippet', 'at']);
    expect(rows.every((r) => r[0] === 'alert' && r[3]?.startsWith('Bulk'))).toBe(true);
    const audit = vaultDb(vault).prepare(`SELECT details FROM audit_log WHERE action = 'exports.search' ORDER BY seq DESC LIMIT 1`).get() as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({ rows: 200, matched: 4500 });
    expect(audit.details).not.toContain('Bulk');
  });

  it('masks hits through the caller\'s lens', () => {
    const repos = vault.core.services.custody.vault.repositories;
    const file = exportSearch(repos.search, { query: 'Payout', format: 'json' }, maskingLens(), 'x');
    expect(file.rows).toBeGreaterThan(0);
    expect(file.masked).toBe(true);
    expect(file.content).not.toContain(ACCOUNT);
  });
});

describe('alert export as a job', () => {
  it('reports progress against the rows it will write and says how many matched', async () => {
    const progress = progressEvents();
    const jobId = randomUUID();
    const file = await senior.invoke('exports.alerts', { filter: { source: 'bulk' }, format: 'csv', limit: 3000, jobId });
    progress.stop();
    expect(file).toMatchObject({ rows: 3000, matched: 4500 });
    const mine = progress.events.filter((e) => e.jobId === jobId);
    expect(mine.map((e) => e.done)).toEqual([2000, 3000]);
    expect(mine.every((e) => e.total === 3000)).toBe(true);
  });

  it('stops when the user cancels it', async () => {
    const jobId = randomUUID();
    const started = new Promise<void>((resolve) => {
      const off = vault.core.events.subscribe((_target, event, payload) => {
        if (event === 'job.progress' && (payload as EventMap['job.progress']).jobId === jobId) { off(); resolve(); }
      });
    });
    const running = senior.invoke('exports.alerts', { filter: { source: 'bulk' }, format: 'json', jobId });
    await started;
    await senior.invoke('jobs.cancel', { jobId });
    expect(await errorCodeOf(running)).toBe('CANCELLED');
  });
});
