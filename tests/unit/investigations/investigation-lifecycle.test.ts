import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestVault } from '../support/test-core';
import { makeTeamVault } from '../support/team-vault';
import { errorCodeOf } from '../support/errors';
import type { InProcessClient } from '../../../src-main/ipc/in-process-client';

let vault: TestVault;
let admin: InProcessClient;
let analyst: InProcessClient;
let viewer: InProcessClient;

beforeAll(async () => {
  ({ vault, admin, analyst, viewer } = await makeTeamVault());
});
afterAll(() => vault.dispose());

const db = () => vault.core.services.custody.vault.db;

describe('investigations', () => {
  it('allocates INV-YYYY-NNNN keys in order within the year, restarting the count in a new year', () => {
    // Straight to the repository: moving the clock by a year would end the test sessions.
    const records = vault.core.services.custody.vault.repositories.investigations.records;
    const started = vault.clock.now();
    const at = (ms: number) => { vault.clock.set(ms); };
    try {
      at(Date.UTC(2030, 2, 1));
      const a = records.create({ title: 'First', summary: '' }, null);
      const b = records.create({ title: 'Second', summary: '' }, null);
      expect([a.key, b.key]).toEqual(['INV-2030-0001', 'INV-2030-0002']);
      at(Date.UTC(2031, 0, 1, 0, 0, 1));
      expect(records.create({ title: 'Next year', summary: '' }, null).key).toBe('INV-2031-0001');
      at(Date.UTC(2030, 11, 31));
      expect(records.create({ title: 'Late', summary: '' }, null).key).toBe('INV-2030-0003');
    } finally {
      at(started);
    }
  });

  it('never reuses a number, even when the transaction that took it rolled back', async () => {
    const year = new Date(vault.clock.now()).getUTCFullYear();
    const counter = () => (db().prepare('SELECT last_number FROM investigation_key_counters WHERE year = ?').get(year) as { last_number: number } | undefined)?.last_number ?? 0;
    const kept = await analyst.invoke('investigations.create', { title: 'Kept' });
    const before = counter();
    expect(kept.key).toBe(`INV-${year}-${String(before).padStart(4, '0')}`);
    // A refused create (unknown assignee) is refused before a number is taken.
    expect(await errorCodeOf(analyst.invoke('investigations.create', { title: 'Refused', assigneeId: '00000000-0000-4000-8000-000000000000' }))).toBe('VALIDATION');
    expect(counter()).toBe(before);
    // The unique constraint backs the allocator up: a counter wound back cannot hand out a used key.
    db().prepare('UPDATE investigation_key_counters SET last_number = ? WHERE year = ?').run(before - 1, year);
    expect(await errorCodeOf(analyst.invoke('investigations.create', { title: 'Clash' }))).toBe('INTERNAL');
    expect(counter()).toBe(before - 1);
    db().prepare('UPDATE investigation_key_counters SET last_number = ? WHERE year = ?').run(before, year);
    expect((await analyst.invoke('investigations.create', { title: 'After' })).key).toBe(`INV-${year}-${String(before + 1).padStart(4, '0')}`);
  });

  it('pre-fills tasks, tags, severity and SLA from a template, and the draft wins over it', async () => {
    const now = vault.clock.now();
    const templates = await analyst.invoke('investigations.templates', {});
    const ato = templates.find((t) => t.id === 'account_takeover');
    expect(templates.map((t) => t.id).sort()).toEqual(['account_takeover', 'blank', 'fraud_ring', 'harmful_content', 'spam_wave']);
    const inv = await analyst.invoke('investigations.create', { title: 'ATO of a creator', templateId: 'account_takeover', tags: ['vip'] });
    expect(inv).toMatchObject({ severity: ato?.severity, templateId: 'account_takeover', status: 'open', tags: ['ato', 'vip'] });
    expect(inv.slaDueAt).toBe(now + (ato?.slaHours ?? 0) * 3_600_000);
    expect(inv.counts).toMatchObject({ tasks: ato?.tasks.length, openTasks: ato?.tasks.length, alerts: 0 });
    const tasks = await analyst.invoke('tasks.list', { investigationId: inv.id });
    expect(tasks.map((t) => t.title)).toEqual(ato?.tasks);
    const own = await analyst.invoke('investigations.create', { title: 'Mine', templateId: 'spam_wave', severity: 'critical', slaDueAt: null });
    expect(own).toMatchObject({ severity: 'critical', slaDueAt: null });
    const blank = await analyst.invoke('investigations.create', { title: 'Blank' });
    expect(blank).toMatchObject({ severity: 'medium', slaDueAt: null, tags: [], counts: { tasks: 0 } });
  });

  it('moves status through the state machine, logging every move with who, when, from and to', async () => {
    const start = vault.clock.now();
    const inv = await analyst.invoke('investigations.create', { title: 'Lifecycle' });
    vault.clock.advance(60_000);
    await analyst.invoke('investigations.setStatus', { investigationId: inv.id, status: 'in_progress' });
    vault.clock.advance(60_000);
    expect(await errorCodeOf(analyst.invoke('investigations.setStatus', { investigationId: inv.id, status: 'closed' }))).toBe('VALIDATION');
    expect(await errorCodeOf(analyst.invoke('investigations.setStatus', { investigationId: inv.id, status: 'pending', resolution: 'actioned' }))).toBe('VALIDATION');
    const closed = await analyst.invoke('investigations.setStatus', { investigationId: inv.id, status: 'closed', resolution: 'actioned' });
    expect(closed).toMatchObject({ status: 'closed', resolution: 'actioned', closedAt: start + 120_000 });
    expect(await errorCodeOf(analyst.invoke('investigations.setStatus', { investigationId: inv.id, status: 'in_progress' }))).toBe('CONFLICT');
    expect(await errorCodeOf(analyst.invoke('investigations.setStatus', { investigationId: inv.id, status: 'open' }))).toBe('VALIDATION');
    vault.clock.advance(60_000);
    const reopened = await analyst.invoke('investigations.setStatus', { investigationId: inv.id, status: 'open', reason: 'The owner wrote back' });
    expect(reopened).toMatchObject({ status: 'open', resolution: null, closedAt: null });
    expect(reopened.statusLog.map((c) => [c.from, c.to, c.resolution, c.by?.username])).toEqual([
      [null, 'open', null, 'ann'],
      ['open', 'in_progress', null, 'ann'],
      ['in_progress', 'closed', 'actioned', 'ann'],
      ['closed', 'open', null, 'ann'],
    ]);
    expect(reopened.statusLog.map((c) => c.at)).toEqual([0, 60_000, 120_000, 180_000].map((d) => start + d));
    expect(reopened.statusLog[3]?.reason).toBe('The owner wrote back');
    // The log is append-only below the service too.
    expect(() => db().prepare('DELETE FROM investigation_status_log WHERE investigation_id = ?').run(inv.id)).toThrow(/append-only/);
    const changes = db().prepare("SELECT count(*) AS n FROM change_log WHERE table_name = 'investigation_status_log' AND row_id IN (SELECT id FROM investigation_status_log WHERE investigation_id = ?)").get(inv.id) as { n: number };
    expect(changes.n).toBe(4);
  });

  it('edits fields, assigns only enabled users, and lists with filters, keyset pages and a total', async () => {
    const directory = await viewer.invoke('users.directory', {});
    const ann = directory.find((u) => u.username === 'ann');
    expect(ann).toMatchObject({ role: 'analyst', disabled: false });
    const inv = await analyst.invoke('investigations.create', { title: 'Editable', tags: ['alpha'] });
    const edited = await analyst.invoke('investigations.update', { investigationId: inv.id, assigneeId: ann?.id ?? null, severity: 'high', tags: ['beta', 'beta', 'gamma'] });
    expect(edited).toMatchObject({ assignee: { username: 'ann' }, severity: 'high', tags: ['beta', 'gamma'] });
    expect(await errorCodeOf(analyst.invoke('investigations.update', { investigationId: inv.id, assigneeId: '00000000-0000-4000-8000-000000000000' }))).toBe('VALIDATION');
    expect(await errorCodeOf(viewer.invoke('investigations.update', { investigationId: inv.id, title: 'x' }))).toBe('FORBIDDEN');

    const all = await viewer.invoke('investigations.list', {});
    const seen: string[] = [];
    let after: { updatedAt: number; id: string } | undefined;
    for (;;) {
      const page = await viewer.invoke('investigations.list', { limit: 3, ...(after ? { after } : {}) });
      expect(page.total).toBe(all.total);
      seen.push(...page.rows.map((r) => r.id));
      if (!page.next) break;
      after = page.next;
    }
    expect(seen).toHaveLength(all.total);
    expect(new Set(seen).size).toBe(all.total);
    expect((await viewer.invoke('investigations.list', { tag: 'gamma' })).rows.map((r) => r.id)).toEqual([inv.id]);
    expect((await viewer.invoke('investigations.list', { assignee: ann?.id ?? '' })).rows.map((r) => r.id)).toEqual([inv.id]);
    expect((await viewer.invoke('investigations.list', { text: 'editab' })).total).toBe(1);
    expect((await viewer.invoke('investigations.list', { text: '100%_' })).total).toBe(0);
    expect((await viewer.invoke('investigations.list', { status: ['closed'] })).rows.every((r) => r.status === 'closed')).toBe(true);
  });

  it('lists the cases opened in [openedFrom, openedTo), as the analytics screen counts a day', async () => {
    vault.clock.advance(60_000);
    const first = await analyst.invoke('investigations.create', { title: 'Opened first' });
    vault.clock.advance(60_000); // sessions lock after a few idle minutes
    const second = await analyst.invoke('investigations.create', { title: 'Opened a minute later' });
    const openedIn = async (openedFrom?: number, openedTo?: number) =>
      (await viewer.invoke('investigations.list', { ...(openedFrom === undefined ? {} : { openedFrom }), ...(openedTo === undefined ? {} : { openedTo }) })).rows.map((r) => r.title);
    expect(await openedIn(first.openedAt, second.openedAt)).toEqual(['Opened first']);
    expect(await openedIn(second.openedAt, second.openedAt + 1)).toEqual(['Opened a minute later']);
    expect(await openedIn(first.openedAt, second.openedAt + 1)).toEqual(['Opened a minute later', 'Opened first']);
    expect(await openedIn(first.openedAt + 1, second.openedAt)).toEqual([]);
  });

  it('keeps notes append-only and findings and tasks editable, with counts on the detail', async () => {
    const inv = await analyst.invoke('investigations.create', { title: 'Parts' });
    const note = await analyst.invoke('notes.add', { investigationId: inv.id, body: 'Spoke to the owner' });
    expect(note).toMatchObject({ body: 'Spoke to the owner', author: { username: 'ann' } });
    expect(() => db().prepare('UPDATE notes SET body = ? WHERE id = ?').run('rewritten', note.id)).toThrow(/append-only/);
    const finding = await analyst.invoke('findings.add', { investigationId: inv.id, title: 'Ring of 4', body: '**four** accounts' });
    const updated = await analyst.invoke('findings.update', { findingId: finding.id, body: '**five** accounts' });
    expect(updated).toMatchObject({ title: 'Ring of 4', body: '**five** accounts' });
    const task = await analyst.invoke('tasks.add', { investigationId: inv.id, title: 'Call the bank' });
    vault.clock.advance(1000);
    const done = await analyst.invoke('tasks.update', { taskId: task.id, done: true });
    expect(done).toMatchObject({ done: true, completedAt: vault.clock.now() });
    expect(await analyst.invoke('tasks.update', { taskId: task.id, done: false })).toMatchObject({ done: false, completedAt: null });
    const detail = await viewer.invoke('investigations.get', { investigationId: inv.id });
    expect(detail.counts).toMatchObject({ notes: 1, findings: 1, tasks: 1, openTasks: 1, alerts: 0, evidence: 0, actions: 0 });
    await analyst.invoke('investigations.setStatus', { investigationId: inv.id, status: 'closed', resolution: 'no_violation' });
    expect(await errorCodeOf(analyst.invoke('findings.add', { investigationId: inv.id, title: 'late', body: '' }))).toBe('CONFLICT');
    expect(await errorCodeOf(analyst.invoke('findings.update', { findingId: finding.id, body: 'late' }))).toBe('CONFLICT');
    expect(await errorCodeOf(analyst.invoke('tasks.add', { investigationId: inv.id, title: 'late' }))).toBe('CONFLICT');
    expect(await errorCodeOf(analyst.invoke('tasks.update', { taskId: task.id, done: true }))).toBe('CONFLICT');
    expect((await analyst.invoke('findings.list', { investigationId: inv.id }))[0]?.body).toBe('**five** accounts');
    await analyst.invoke('notes.add', { investigationId: inv.id, body: 'Closed after review' });
    expect(await analyst.invoke('notes.list', { investigationId: inv.id })).toHaveLength(2);
    expect(await errorCodeOf(analyst.invoke('notes.list', { investigationId: '00000000-0000-4000-8000-000000000000' }))).toBe('NOT_FOUND');
  });

  it('masks PII in titles, summaries and notes for roles without access_pii', async () => {
    const inv = await admin.invoke('investigations.create', { title: 'Phishing by mallory@example.com', summary: 'Logins from 203.0.113.77' });
    await admin.invoke('notes.add', { investigationId: inv.id, body: 'Mail mallory@example.com again' });
    const masked = await analyst.invoke('investigations.get', { investigationId: inv.id });
    expect(masked.title).not.toContain('mallory@example.com');
    expect(masked.summary).not.toContain('203.0.113.77');
    const notes = await analyst.invoke('notes.list', { investigationId: inv.id });
    expect(notes[0]?.body).not.toContain('mallory@example.com');
    const listed = await analyst.invoke('investigations.list', { text: 'Phishing' });
    expect(listed.rows[0]?.title).not.toContain('mallory@example.com');
    expect((await admin.invoke('investigations.get', { investigationId: inv.id })).title).toBe('Phishing by mallory@example.com');
  });
});
