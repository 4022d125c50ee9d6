import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventMap } from '../../../src-shared/events';
import { EXPORT_ROW_CAP } from '../../../src-shared/limits';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { errorCodeOf } from '../support/errors';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { parseCsv } from './parse-csv';
import { insertAlert, insertEntity, insertFinding, insertInvestigation, insertNote, vaultDb } from '../actions/workspace-fixtures';

let vault: TestVault;
let admin: InProcessClient;
let analyst: InProcessClient;
let senior: InProcessClient;
let caseId: string;

const EMAIL = 'tyler.durden@example.com';
const ACCOUNT = 'acct-31337000';

beforeAll(async () => {
  vault = makeTestVault();
  ({ admin } = await setUpVault(vault));
  analyst = await addUser(vault, admin, 'ann', 'analyst');
  senior = await addUser(vault, admin, 'sam', 'senior_analyst');
  const db = vaultDb(vault);
  const email = insertEntity(db, 'email', EMAIL);
  const account = insertEntity(db, 'account', ACCOUNT);
  caseId = insertInvestigation(db, { title: 'Soap ring', summary: `Led by ${ACCOUNT}` });
  insertAlert(db, { title: `Login from ${EMAIL}`, severity: 'high', entityIds: [email, account], investigationId: caseId, occurredAt: 3000 });
  insertAlert(db, { title: '=HYPERLINK("http://evil.example","open")', description: 'line one\nline "two", three', severity: 'high', occurredAt: 2000 });
  insertAlert(db, { title: 'Low noise', severity: 'low', occurredAt: 1000 });
  insertNote(db, caseId, `Called ${ACCOUNT}'s bank`);
  insertFinding(db, caseId, 'Ring leader', `${EMAIL} runs it`);
  await senior.invoke('actions.propose', { investigationId: caseId, kind: 'suspend_account', targetEntityIds: [account], reason: 'Ring leader' });
});
afterAll(() => vault.dispose());

describe('alert exports', () => {
  it('writes the filtered alerts as RFC 4180 CSV, formula cells defused, newest first', async () => {
    const file = await senior.invoke('exports.alerts', { filter: { severity: ['high'] }, format: 'csv' });
    expect(file).toMatchObject({ rows: 2, masked: false, mediaType: 'text/csv; charset=utf-8' });
    expect(file.fileName).toMatch(/^vigil-alerts-\d{8}-\d{4}\.csv$/);
    const [header, first, second, ...rest] = parseCsv(file.content);
    expect(rest).toEqual([]);
    expect(header?.slice(0, 4)).toEqual(['id', 'occurred_at', 'last_seen_at', 'severity']);
    const title = header?.indexOf('title') ?? -1;
    const description = header?.indexOf('description') ?? -1;
    expect(first?.[title]).toBe(`Login from ${EMAIL}`);
    expect(second?.[title]).toBe(`'=HYPERLINK("http://evil.example","open")`);
    expect(second?.[description]).toBe('line one\nline "two", three');
    expect(first?.[header?.indexOf('entities') ?? -1]).toBe(`account:${ACCOUNT}; email:${EMAIL}`);
  });

  it('refuses analysts (no export_data), and masks every PII value when the lens masks', async () => {
    expect(await errorCodeOf(analyst.invoke('exports.alerts', { filter: {}, format: 'json' }))).toBe('FORBIDDEN');
    // Today every role holding export_data also holds access_pii, so the masked path is driven with a masking lens.
    const repos = vault.core.services.custody.vault.repositories;
    const { maskingLens } = await import('../../../src-main/pii/pii-lens');
    const pages = [];
    for await (const page of repos.alertExporter.alerts({}, 10, maskingLens())) pages.push(...page);
    expect(pages).toHaveLength(3);
    expect(JSON.stringify(pages)).not.toContain('tyler');
    expect(JSON.stringify(pages)).not.toContain(ACCOUNT);
    expect(pages[0]?.title).toBe('Login from t***@example.com');
  });

  it('exports JSON that parses, honours the limit, and audits the row count', async () => {
    const file = await senior.invoke('exports.alerts', { filter: {}, format: 'json', limit: 2 });
    const parsed = JSON.parse(file.content) as { occurredAt: string }[];
    expect(parsed).toHaveLength(2);
    expect(file.rows).toBe(2);
    const audit = vaultDb(vault).prepare(`SELECT details FROM audit_log WHERE action = 'exports.alerts' ORDER BY seq DESC LIMIT 1`).get() as { details: string };
    expect(JSON.parse(audit.details)).toMatchObject({ format: 'json', rows: 2, masked: false });
  });

  it('pages past 2,000 rows without losing or repeating any', async () => {
    const db = vaultDb(vault);
    db.transaction(() => { for (let i = 0; i < 4500; i += 1) insertAlert(db, { title: `Bulk ${i}`, severity: 'medium', source: 'bulk', occurredAt: 10_000 + (i % 700) }); })();
    const file = await senior.invoke('exports.alerts', { filter: { source: 'bulk' }, format: 'csv' });
    const rows = parseCsv(file.content).slice(1);
    expect(file.rows).toBe(4500);
    expect(new Set(rows.map((r) => r[0])).size).toBe(4500);
  });

  it('counts the matching alerts once: the file says how many matched, progress runs to the rows it writes, the cap holds', async () => {
    const count = vi.spyOn(vault.core.services.custody.vault.repositories.alerts, 'count');
    const progress: EventMap['job.progress'][] = [];
    const stop = vault.core.events.subscribe((_target, event, payload) => {
      if (event === 'job.progress') progress.push(payload as EventMap['job.progress']);
    });
    try {
      const file = await senior.invoke('exports.alerts', { filter: { source: 'bulk' }, format: 'json', limit: 3000 });
      expect(file).toMatchObject({ rows: 3000, matched: 4500 });
      expect(count).toHaveBeenCalledTimes(1);
      expect(progress.map((event) => [event.done, event.total])).toEqual([[2000, 3000], [3000, 3000]]);
    } finally {
      stop();
      count.mockRestore();
    }
    expect(await errorCodeOf(senior.invoke('exports.alerts', { filter: {}, format: 'csv', limit: EXPORT_ROW_CAP + 1 }))).toBe('VALIDATION');
  });
});

describe('investigation exports', () => {
  it('carries the case, its alerts, entities, notes, findings, actions and evidence metadata', async () => {
    const file = await senior.invoke('exports.investigation', { investigationId: caseId, format: 'json' });
    const data = JSON.parse(file.content) as Record<string, unknown[]> & { investigation: { title: string; summary: string } };
    expect(data.investigation.title).toBe('Soap ring');
    expect(data.alerts).toHaveLength(1);
    expect(data.entities).toHaveLength(2);
    expect(data.notes).toHaveLength(1);
    expect(data.findings).toHaveLength(1);
    expect(data.actions).toHaveLength(1);
    expect(data.evidence).toEqual([]);
    expect(file.rows).toBe(1 + 1 + 2 + 1 + 1 + 1);
  });

  it('masks free text and entities for a caller without access_pii, accounts in notes included', async () => {
    const repos = vault.core.services.custody.vault.repositories;
    const { InvestigationExporter, investigationFile } = await import('../../../src-main/exports/investigation-export');
    const { maskingLens } = await import('../../../src-main/pii/pii-lens');
    const exporter = new InvestigationExporter(repos.db, { alerts: repos.alertExporter, actions: repos.actions, evidence: repos.evidence, users: repos.userRefs });
    const lens = maskingLens();
    const data = await exporter.collect(caseId, lens);
    if (!data) throw new Error('expected the case');
    const csv = investigationFile(data, 'csv', lens);
    expect(csv.masked).toBe(true);
    for (const content of [csv.content, investigationFile(data, 'json', lens).content]) {
      expect(content).not.toContain(ACCOUNT);
      expect(content).not.toContain('tyler');
    }
    expect(data.notes[0]?.body).toBe("Called ****7000's bank");
    const records = parseCsv(csv.content).slice(1).map((r) => r[0]);
    expect(records).toEqual(['investigation', 'alert', 'entity', 'entity', 'note', 'finding', 'action']);
  });

  it('answers NOT_FOUND for an unknown investigation', async () => {
    expect(await errorCodeOf(senior.invoke('exports.investigation', { investigationId: '0190f0a0-0000-7000-8000-000000000000', format: 'csv' }))).toBe('NOT_FOUND');
  });
});
