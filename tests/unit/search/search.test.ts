import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, makeTestVault, setUpVault, type TestVault } from '../support/test-core';
import { errorCodeOf, vigilErrorOf } from '../support/errors';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';
import { insertAlert, insertEntity, insertFinding, insertInvestigation, insertNote, vaultDb } from '../actions/workspace-fixtures';

let vault: TestVault;
let analyst: InProcessClient;
let senior: InProcessClient;
let caseId: string;
let closedCaseId: string;

const EMAIL = 'marla.singer@example.com';
const ACCOUNT = 'acct-55501234';

beforeAll(async () => {
  vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  analyst = await addUser(vault, admin, 'ann', 'analyst');
  senior = await addUser(vault, admin, 'sam', 'senior_analyst');
  const db = vaultDb(vault);
  const email = insertEntity(db, 'email', EMAIL);
  const account = insertEntity(db, 'account', ACCOUNT);
  insertEntity(db, 'domain', 'refund-desk.example');
  caseId = insertInvestigation(db, { title: 'Refund scam ring', summary: 'Coordinated refund fraud using mule accounts', severity: 'critical' });
  closedCaseId = insertInvestigation(db, { title: 'Old refund case', status: 'closed', severity: 'low' });
  insertAlert(db, { title: `Refund scam: refund refund refund from ${EMAIL}`, severity: 'critical', entityIds: [email, account], investigationId: caseId });
  insertAlert(db, { title: 'Refund request flagged', description: 'a single refund in a long description about many other things entirely', severity: 'low' });
  insertAlert(db, { title: `Phishing kit hosted by ${ACCOUNT}`, severity: 'high', source: 'classifier', entityIds: [account] });
  insertAlert(db, { title: 'Phishing report', severity: 'medium', source: 'reports', status: 'dismissed' });
  insertNote(db, caseId, `Spoke to the bank about the refund mule ${ACCOUNT}`);
  insertFinding(db, caseId, 'Mule network', 'Three refund mules share one device');
});
afterAll(() => vault.dispose());

const search = (client: InProcessClient, query: string, extra: Record<string, unknown> = {}) => client.invoke('search.query', { query, ...extra });

describe('search', () => {
  it('finds alerts, investigations, notes, findings and entities in one query, ranked by bm25 within each kind', async () => {
    const result = await search(senior, 'refund');
    expect(result.counts).toEqual({ alert: 2, investigation: 2, note: 1, finding: 1, entity: 1 });
    const alerts = result.hits.filter((h) => h.kind === 'alert');
    // Four mentions in a short title outrank one in a long description.
    expect(alerts.map((h) => h.title)[0]).toContain('refund refund refund');
    expect(alerts[0]?.snippet).toContain('«refund»');
    expect(alerts[0]?.investigationId).toBe(caseId);
    const note = result.hits.find((h) => h.kind === 'note');
    expect(note).toMatchObject({ investigationId: caseId });
    expect(note?.title).toMatch(/^Note in INV-/);
  });

  it('applies fields: severity and source narrow alerts, a status only some kinds have rules the others out', async () => {
    const critical = await search(senior, 'severity:critical refund');
    expect(critical.hits.map((h) => h.kind).sort()).toEqual(['alert', 'investigation']);
    expect(critical.filters).toEqual({ severity: ['critical'] });
    const bySource = await search(senior, 'source:classifier phishing');
    expect(bySource.hits.filter((h) => h.kind === 'alert').map((h) => h.title)).toEqual([`Phishing kit hosted by ${ACCOUNT}`]);
    const open = await search(senior, 'status:open refund');
    expect(open.hits.map((h) => [h.kind, h.id])).toEqual([['investigation', caseId]]);
    const closed = await search(senior, 'status:closed refund');
    expect(closed.hits.map((h) => h.id)).toEqual([closedCaseId]);
    const dismissed = await search(senior, 'kind:alert status:dismissed');
    expect(dismissed.hits.map((h) => h.title)).toEqual(['Phishing report']);
  });

  it('matches phrases as written and leaves out excluded words', async () => {
    expect((await search(senior, '"phishing kit"', { kinds: ['alert'] })).counts.alert).toBe(1);
    expect((await search(senior, '"kit phishing"', { kinds: ['alert'] })).counts.alert).toBe(0);
    const excluded = await search(senior, 'phishing -kit', { kinds: ['alert'] });
    expect(excluded.hits.map((h) => h.title)).toEqual(['Phishing report']);
    expect(excluded.terms).toEqual(['phishing', '-kit']);
  });

  it('shows an analyst masked values in titles, snippets and entity hits, even when found by the value itself', async () => {
    const masked = await search(analyst, EMAIL);
    const clear = await search(senior, EMAIL);
    expect(clear.hits.some((h) => h.kind === 'entity' && h.title === EMAIL)).toBe(true);
    expect(masked.hits.find((h) => h.kind === 'entity')?.title).toBe('m***@example.com');
    expect(masked.hits.length).toBeGreaterThan(1);
    expect(JSON.stringify(masked.hits)).not.toContain('marla');
    const byAccount = await search(analyst, 'mule');
    expect(JSON.stringify(byAccount)).not.toContain(ACCOUNT);
    expect(byAccount.hits.find((h) => h.kind === 'note')?.snippet).toContain('****1234');
    expect(byAccount.hits.find((h) => h.kind === 'note')?.snippet).toContain('«mule»');
  });

  it('treats typed text as words, never as FTS syntax', async () => {
    for (const query of ['"; DROP TABLE alerts; --"', 'NEAR(refund', 'refund*', '^refund', 'refund AND', '(refund', 'col : refund']) {
      const result = await search(analyst, query);
      expect(result.query).toBe(query);
    }
    expect((await search(senior, 'refund OR phishing', { kinds: ['alert'] })).counts.alert).toBe(0);
    expect(await errorCodeOf(search(analyst, 'owner:bob'))).toBe('VALIDATION');
    expect(await errorCodeOf(search(analyst, 'a:b:c'))).toBe('VALIDATION');
  });
});

describe('query history and saved queries', () => {
  it('keeps the last 50 distinct queries per user, newest first, with their hit counts', async () => {
    const client = await addUser(vault, (await setUpAdmin()), 'hal', 'viewer');
    for (let i = 0; i < 55; i += 1) {
      vault.clock.advance(1000);
      await search(client, `word${i}`);
    }
    vault.clock.advance(1000);
    await search(client, '  refund  ');
    vault.clock.advance(1000);
    await search(client, 'refund');
    const history = await client.invoke('search.history', {});
    expect(history).toHaveLength(50);
    expect(history[0]).toMatchObject({ query: 'refund', hits: 7 });
    expect(history.filter((h) => h.query === 'refund')).toHaveLength(1);
    expect(history.map((h) => h.query)).not.toContain('word5');
    expect(history.map((h) => h.query)).toContain('word6');
    expect(await senior.invoke('search.history', {})).not.toContainEqual(expect.objectContaining({ query: 'word54' }));
  });

  it('saves, lists and deletes a user\'s own queries', async () => {
    const saved = await analyst.invoke('search.save', { name: 'Critical refunds', query: 'severity:critical  refund' });
    expect(saved.query).toBe('severity:critical refund');
    expect(await errorCodeOf(analyst.invoke('search.save', { name: 'critical refunds', query: 'x' }))).toBe('CONFLICT');
    const bad = await vigilErrorOf(analyst.invoke('search.save', { name: 'Broken', query: 'owner:bob' }));
    expect(bad.code).toBe('VALIDATION');
    expect((await analyst.invoke('search.savedList', {})).map((q) => q.name)).toEqual(['Critical refunds']);
    expect(await senior.invoke('search.savedList', {})).toEqual([]);
    expect(await errorCodeOf(senior.invoke('search.deleteSaved', { savedQueryId: saved.id }))).toBe('NOT_FOUND');
    await analyst.invoke('search.deleteSaved', { savedQueryId: saved.id });
    expect(await analyst.invoke('search.savedList', {})).toEqual([]);
  });
});

async function setUpAdmin(): Promise<InProcessClient> {
  const admin = vault.client();
  await admin.invoke('auth.login', { username: 'ada', password: 'correct horse battery' });
  return admin;
}
