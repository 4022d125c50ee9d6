import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RETENTION_POLICY, type RetentionPolicy } from '../../../src-shared/retention-contract';
import { ANONYMISED_ALERT_TITLE } from '../../../src-main/retention/retention-plan';
import { idsDigest } from '../../../src-main/retention/retention-apply';
import { addUser } from '../support/test-core';
import { errorCodeOf } from '../support/errors';
import { retentionVault, SECRET, type RetentionVault } from './retention-fixture';
import { stagingKey } from '../../../src-main/sync/evidence-blob-vault';

let r: RetentionVault;
afterEach(() => r?.vault.dispose());

const policy = (over: Partial<RetentionPolicy> = {}): RetentionPolicy => ({
  ...DEFAULT_RETENTION_POLICY, enabled: true, graceDays: 0,
  closedInvestigations: { days: 30, mode: 'purge' }, dismissedAlerts: { days: 30, mode: 'purge' }, evidence: { days: 30, mode: 'purge' },
  ...over,
});

const count = (sql: string, ...params: unknown[]) => r.db.prepare<unknown[], number>(sql).pluck().get(...params) ?? 0;
const alertExists = (id: string) => count('SELECT count(*) FROM alerts WHERE id = ?', id) === 1;
const investigationExists = (id: string) => count('SELECT count(*) FROM investigations WHERE id = ?', id) === 1;
/** Every row of every content table that still holds the fixture's secret text. */
const secretsLeft = (investigationId: string) => ({
  notes: count('SELECT count(*) FROM notes WHERE investigation_id = ?', investigationId),
  findings: count('SELECT count(*) FROM findings WHERE investigation_id = ?', investigationId),
  tasks: count('SELECT count(*) FROM tasks WHERE investigation_id = ?', investigationId),
  actions: count('SELECT count(*) FROM actions WHERE investigation_id = ?', investigationId),
  evidence: count('SELECT count(*) FROM evidence WHERE investigation_id = ?', investigationId),
  reasons: count('SELECT count(*) FROM investigation_status_log WHERE investigation_id = ? AND reason IS NOT NULL', investigationId),
});
const ftsHits = (table: string) => count(`SELECT count(*) FROM ${table} WHERE ${table} MATCH ?`, `"${SECRET}"`);

describe('retention', () => {
  it('removes exactly what its dry run listed: the same counts, and those rows gone with everything hanging off them', async () => {
    r = await retentionVault();
    const admin = await r.at(31);
    await admin.invoke('retention.updatePolicy', policy());
    const preview = await admin.invoke('retention.preview', {});
    expect(preview.kinds.closedInvestigations).toMatchObject({ items: 2, alerts: 3, due: 0, held: 0 });
    expect(preview.kinds.dismissedAlerts).toMatchObject({ items: 2, due: 0 });
    // X's evidence goes with X, counted there.
    expect(preview.kinds.evidence.items).toBe(0);
    const adminId = r.db.prepare<[], string>("SELECT id FROM users WHERE username = 'ada'").pluck().get();
    const notify = r.db.prepare("INSERT INTO notifications (id, user_id, kind, text, link_page, link_param, created_at) VALUES (?, ?, 'assigned_investigation', 'text', ?, ?, 0)");
    notify.run('n-x', adminId, 'investigation', r.inv.x);
    notify.run('n-d1', adminId, 'triage', `alert:${r.ids.d1}`);
    notify.run('n-z', adminId, 'investigation', r.inv.z);
    const blobsBefore = count('SELECT count(*) FROM evidence_blobs');
    expect(blobsBefore).toBeGreaterThan(0);
    // A sync download of X's evidence cut short: its chunk waits under the staging key.
    r.db.prepare('INSERT INTO evidence_blobs (evidence_id, seq, bytes) VALUES (?, 0, ?)').run(stagingKey(r.evidenceId), Buffer.from(SECRET));

    const outcome = await admin.invoke('retention.apply', {});
    expect(outcome.kinds).toEqual(preview.kinds);
    for (const id of [r.ids.a1, r.ids.a2, r.ids.a3, r.ids.d1, r.ids.d2]) expect(alertExists(id)).toBe(false);
    expect(alertExists(r.ids.a4)).toBe(true);
    expect(alertExists(r.ids.n1)).toBe(true);
    expect(investigationExists(r.inv.x)).toBe(false);
    expect(investigationExists(r.inv.z)).toBe(true);
    expect(secretsLeft(r.inv.x)).toEqual({ notes: 0, findings: 0, tasks: 0, actions: 0, evidence: 0, reasons: 0 });
    expect(count('SELECT count(*) FROM evidence_blobs')).toBe(0);
    expect(count('SELECT count(*) FROM evidence_custody')).toBe(0);
    expect(count('SELECT count(*) FROM investigation_status_log WHERE investigation_id = ?', r.inv.x)).toBe(0);
    // The shared account stays (a4 links it), counted again; entities only removed alerts linked go.
    expect(r.db.prepare("SELECT alert_count FROM entities WHERE value = 'acct-shared'").pluck().get()).toBe(1);
    expect(count("SELECT count(*) FROM entities WHERE value IN ('acct-x', 'acct-y', 'acct-d1', 'a1@example.com', 'd2@example.com')")).toBe(0);
    // a1's email, a2's account and email (the action that targeted it went with X), a3's, d1's and d2's two each.
    expect(outcome.entitiesRemoved).toBe(9);
    // Full text: only the kept alerts (a4, n1) and Z are still found.
    expect(ftsHits('alerts_fts')).toBe(2);
    expect(ftsHits('notes_fts') + ftsHits('findings_fts')).toBe(0);
    expect(ftsHits('investigations_fts')).toBe(1);
    // The append-only guards are back once the run committed.
    expect(() => r.db.prepare('DELETE FROM investigation_status_log WHERE investigation_id = ?').run(r.inv.z)).toThrow(/append-only/);
    expect(count('SELECT count(*) FROM retention_scope')).toBe(0);
    // Notifications that would open something removed go; the others stay.
    expect(r.db.prepare<[], string>('SELECT id FROM notifications ORDER BY id').pluck().all()).toEqual(['n-z']);
  });

  it('records the run in the audit log with counts and hashes of the removed ids, never their content', async () => {
    r = await retentionVault();
    const admin = await r.at(31);
    await admin.invoke('retention.updatePolicy', policy());
    const outcome = await admin.invoke('retention.apply', {});
    const row = r.db.prepare<[number], { action: string; actor_name: string; details: string }>('SELECT action, actor_name, details FROM audit_log WHERE seq = ?').get(outcome.auditSeq);
    expect(row).toMatchObject({ action: 'retention.applied', actor_name: 'ada' });
    const details = JSON.parse(row?.details ?? '{}') as { counts: unknown; sha256: Record<string, string> };
    expect(details.counts).toEqual(outcome.kinds);
    expect(details.sha256.dismissedAlerts).toBe(idsDigest([r.ids.d2, r.ids.d1]));
    expect(details.sha256.closedInvestigations).toBe(idsDigest([r.inv.x, r.inv.y]));
    const allAudit = r.db.prepare<[], string>("SELECT details FROM audit_log WHERE action LIKE 'retention.%'").pluck().all().join('\n');
    expect(allAudit).not.toContain(SECRET);
    expect(allAudit).not.toContain('acct-');
  });

  it('keeps an investigation on legal hold with its alerts and evidence, and removes it once the hold is lifted', async () => {
    r = await retentionVault();
    const admin = await r.at(31);
    await admin.invoke('retention.updatePolicy', policy());
    expect(await errorCodeOf(admin.invoke('retention.setLegalHold', { investigationId: r.inv.x, held: true, reason: '' }))).toBe('VALIDATION');
    const hold = await admin.invoke('retention.setLegalHold', { investigationId: r.inv.x, held: true, reason: 'Litigation 2026-17' });
    expect(hold).toMatchObject({ held: true, reason: 'Litigation 2026-17' });
    expect(count("SELECT count(*) FROM audit_log WHERE action = 'retention.setLegalHold' AND target = ?", r.inv.x)).toBe(1);

    const preview = await admin.invoke('retention.preview', {});
    expect(preview.kinds.closedInvestigations).toMatchObject({ items: 1, held: 1, alerts: 1 });
    const outcome = await admin.invoke('retention.apply', {});
    expect(outcome.kinds).toEqual(preview.kinds);
    expect(investigationExists(r.inv.x)).toBe(true);
    expect(alertExists(r.ids.a1) && alertExists(r.ids.a2)).toBe(true);
    expect(count('SELECT count(*) FROM evidence_blobs WHERE evidence_id = ?', r.evidenceId)).toBe(1);
    expect(investigationExists(r.inv.y)).toBe(false);

    await admin.invoke('retention.setLegalHold', { investigationId: r.inv.x, held: false, reason: 'Case settled' });
    expect((await admin.invoke('retention.apply', {})).kinds.closedInvestigations.items).toBe(1);
    expect(investigationExists(r.inv.x)).toBe(false);
  });

  it('refuses the policy, the run and the hold to anyone but an administrator', async () => {
    r = await retentionVault();
    const admin = await r.at(31);
    const analyst = await addUser(r.vault, admin, 'ann', 'investigator');
    expect(await errorCodeOf(analyst.invoke('retention.apply', {}))).toBe('FORBIDDEN');
    expect(await errorCodeOf(analyst.invoke('retention.updatePolicy', policy()))).toBe('FORBIDDEN');
    expect(await errorCodeOf(analyst.invoke('retention.setLegalHold', { investigationId: r.inv.x, held: true, reason: 'mine now' }))).toBe('FORBIDDEN');
    expect((await analyst.invoke('retention.getLegalHold', { investigationId: r.inv.x })).held).toBe(false);
    expect(await errorCodeOf(admin.invoke('retention.setLegalHold', { investigationId: 'no-such-case', held: true, reason: 'Litigation 2026-17' }))).toBe('NOT_FOUND');
  });

  it('lists eligible items as due during the grace period and removes them only after it', async () => {
    r = await retentionVault();
    let admin = await r.at(31);
    await admin.invoke('retention.updatePolicy', policy({ graceDays: 10 }));
    const during = await admin.invoke('retention.preview', {});
    expect(during.kinds.closedInvestigations).toMatchObject({ items: 0, due: 2 });
    expect(during.kinds.dismissedAlerts).toMatchObject({ items: 0, due: 2 });
    expect((await admin.invoke('retention.apply', {})).kinds.dismissedAlerts.items).toBe(0);
    expect(alertExists(r.ids.d1)).toBe(true);

    admin = await r.at(41);
    const after = await admin.invoke('retention.preview', {});
    expect(after.kinds.dismissedAlerts).toMatchObject({ items: 2, due: 0 });
    expect((await admin.invoke('retention.apply', {})).kinds).toEqual(after.kinds);
    expect(alertExists(r.ids.d1)).toBe(false);
  });

  it('keeps what is younger than the policy, and everything of a kind whose days are null', async () => {
    r = await retentionVault();
    const admin = await r.at(29);
    await admin.invoke('retention.updatePolicy', policy({ closedInvestigations: { days: null, mode: 'purge' } }));
    const preview = await admin.invoke('retention.preview', {});
    expect(preview.kinds.closedInvestigations).toMatchObject({ items: 0, due: 0, removeBefore: null });
    expect(preview.kinds.dismissedAlerts).toMatchObject({ items: 0, due: 0 });
    await admin.invoke('retention.apply', {});
    expect(alertExists(r.ids.d1) && investigationExists(r.inv.x)).toBe(true);
  });

  it('anonymises: the rows stay for statistics, their free text, comments and entity links go, the counts do not move', async () => {
    r = await retentionVault();
    const admin = await r.at(31);
    await admin.invoke('retention.updatePolicy', policy({ closedInvestigations: { days: 30, mode: 'anonymise' }, dismissedAlerts: { days: 30, mode: 'anonymise' } }));
    const rollups = () => r.db.prepare('SELECT outcome, sum(n) AS n FROM alert_day_outcomes GROUP BY outcome ORDER BY outcome').all();
    const before = rollups();
    const preview = await admin.invoke('retention.preview', {});
    const outcome = await admin.invoke('retention.apply', {});
    expect(outcome.kinds).toEqual(preview.kinds);
    expect(rollups()).toEqual(before);

    const x = r.db.prepare<[string], { title: string; key: string; summary: string; tags: string; status: string; anonymised_at: number | null }>(
      'SELECT title, key, summary, tags, status, anonymised_at FROM investigations WHERE id = ?',
    ).get(r.inv.x);
    expect(x).toMatchObject({ summary: '', tags: '[]', status: 'closed' });
    expect(x?.title).toBe(x?.key);
    expect(x?.anonymised_at).not.toBeNull();
    expect(secretsLeft(r.inv.x)).toEqual({ notes: 0, findings: 0, tasks: 0, actions: 0, evidence: 0, reasons: 0 });
    expect(count('SELECT count(*) FROM investigation_status_log WHERE investigation_id = ?', r.inv.x)).toBeGreaterThan(0);
    const d1 = r.db.prepare<[string], { title: string; description: string; dismiss_reason: string; status: string; links: number }>(
      'SELECT title, description, dismiss_reason, status, (SELECT count(*) FROM alert_entities WHERE alert_rid = alerts.rid) AS links FROM alerts WHERE id = ?',
    ).get(r.ids.d1);
    expect(d1).toEqual({ title: ANONYMISED_ALERT_TITLE, description: '', dismiss_reason: 'false_positive', status: 'dismissed', links: 0 });
    expect(r.db.prepare<[string], string>('SELECT title FROM alerts WHERE id = ?').pluck().get(r.ids.a1)).toBe(ANONYMISED_ALERT_TITLE);
    expect(ftsHits('alerts_fts')).toBe(2);
    // A receiver of the change feed blanks the same fields.
    expect(count("SELECT count(*) FROM change_log WHERE table_name = 'alerts' AND row_id = ? AND fields LIKE '%description%'", r.ids.d1)).toBe(1);
    // Done once: the next run finds nothing more to anonymise.
    const again = await admin.invoke('retention.preview', {});
    expect(again.kinds.closedInvestigations.items + again.kinds.dismissedAlerts.items).toBe(0);
  });

  it('runs daily on its own only while enabled, as vigil', async () => {
    r = await retentionVault();
    const admin = await r.at(31);
    const job = r.vault.core.services.retention;
    expect((await job.runIfDue()).kind).toBe('disabled');
    await admin.invoke('retention.updatePolicy', policy());
    const first = await job.runIfDue();
    expect(first.kind).toBe('applied');
    expect(alertExists(r.ids.d1)).toBe(false);
    expect((await job.runIfDue()).kind).toBe('not-due');
    expect(r.db.prepare("SELECT actor_name FROM audit_log WHERE action = 'retention.applied' ORDER BY seq DESC LIMIT 1").pluck().get()).toBe('vigil');
  });

  it('purges old evidence of a closed investigation that is itself kept', async () => {
    r = await retentionVault();
    const admin = await r.at(31);
    await admin.invoke('retention.updatePolicy', policy({ closedInvestigations: { days: 365, mode: 'purge' } }));
    const preview = await admin.invoke('retention.preview', {});
    expect(preview.kinds.evidence).toMatchObject({ items: 1 });
    expect((await admin.invoke('retention.apply', {})).kinds).toEqual(preview.kinds);
    expect(count('SELECT count(*) FROM evidence WHERE id = ?', r.evidenceId)).toBe(0);
    expect(count('SELECT count(*) FROM evidence_blobs WHERE evidence_id = ?', r.evidenceId)).toBe(0);
    expect(count('SELECT count(*) FROM notes WHERE investigation_id = ?', r.inv.x)).toBe(1);
  });

  it('removing an investigation does not touch the history of another that only loses old evidence', async () => {
    r = await retentionVault();
    const admin = await r.at(31);
    // X closed recently (kept), its evidence old (goes); Y closed long ago (goes).
    r.db.prepare('UPDATE investigations SET closed_at = ? WHERE id = ?').run(r.vault.clock.now() - 86_400_000, r.inv.x);
    r.db.prepare(
      `INSERT INTO investigation_alert_removals (id, investigation_id, operation_id, alert_id, from_status, to_status, reason, at, user_id)
       VALUES ('removal-1', ?, 'op-1', ?, 'promoted', 'new', 'not part of it', ?, NULL)`,
    ).run(r.inv.x, r.ids.n1, r.vault.clock.now());
    await admin.invoke('retention.updatePolicy', policy());
    const outcome = await admin.invoke('retention.apply', {});
    expect(outcome.kinds.evidence.items).toBe(1);
    expect(outcome.kinds.closedInvestigations.items).toBe(1);
    expect(investigationExists(r.inv.y)).toBe(false);
    expect(count("SELECT count(*) FROM investigation_alert_removals WHERE id = 'removal-1' AND reason IS NOT NULL")).toBe(1);
    expect(count('SELECT count(*) FROM notes WHERE investigation_id = ?', r.inv.x)).toBe(1);
  });

  it('anonymises instead of purging an alert of a purged case that another case\'s history names, and detaches it', async () => {
    r = await retentionVault();
    const admin = await r.at(31);
    // a1 (in X) was once removed from Z: Z's history names it.
    r.db.prepare(
      `INSERT INTO investigation_alert_removals (id, investigation_id, operation_id, alert_id, from_status, to_status, reason, at, user_id)
       VALUES ('removal-z', ?, 'op-z', ?, 'promoted', 'new', NULL, ?, NULL)`,
    ).run(r.inv.z, r.ids.a1, r.vault.clock.now());
    await admin.invoke('retention.updatePolicy', policy());
    const preview = await admin.invoke('retention.preview', {});
    expect(preview.kinds.closedInvestigations.alerts).toBe(3);
    expect((await admin.invoke('retention.apply', {})).kinds).toEqual(preview.kinds);
    expect(investigationExists(r.inv.x)).toBe(false);
    expect(r.db.prepare<[string], { title: string; investigation_id: string | null }>('SELECT title, investigation_id FROM alerts WHERE id = ?').get(r.ids.a1))
      .toEqual({ title: ANONYMISED_ALERT_TITLE, investigation_id: null });
    expect(alertExists(r.ids.a2)).toBe(false);
    expect(count("SELECT count(*) FROM investigation_alert_removals WHERE id = 'removal-z'")).toBe(1);
  });
});
