import { describe, expect, it } from 'vitest';
import {
  lossSummary, problemText, progressPercent, retentionSummary, rowChanges, stepLabel, verifiedState,
} from '../../../src-renderer/features/backups/backup-format';

describe('what a restore would take away', () => {
  const inBackup = { users: 2, alerts: 1200, investigations: 3, audit_log: 40, change_log: 900, sessions: 1 };
  const now = { users: 3, alerts: 1200, investigations: 5, audit_log: 55, change_log: 950, sessions: 2, saved_queries: 1 };

  it('lists users, alerts and investigations first, then the tables that changed', () => {
    const tables = rowChanges(inBackup, now).map((c) => c.table);
    expect(tables.slice(0, 4)).toEqual(['users', 'alerts', 'investigations', 'audit_log']);
    // Among the rest, tables that changed come before those that did not.
    expect(tables.slice(4)).toEqual(['change_log', 'saved_queries', 'sessions']);
  });

  it('counts rows added since the backup as positive, including tables the backup did not have', () => {
    const changes = rowChanges(inBackup, now);
    expect(changes.find((c) => c.table === 'users')).toEqual({ table: 'users', inBackup: 2, now: 3, delta: 1 });
    expect(changes.find((c) => c.table === 'alerts')?.delta).toBe(0);
    expect(changes.find((c) => c.table === 'saved_queries')).toEqual({ table: 'saved_queries', inBackup: 0, now: 1, delta: 1 });
  });

  it('says in one sentence which known records the restore removes', () => {
    expect(lossSummary(rowChanges(inBackup, now))).toBe(
      'Since this backup, 1 user and 2 investigations were added: the restore removes them. Edits made since are lost too.',
    );
  });

  it('says "was" and "it" for a single record, and names evidence as files', () => {
    expect(lossSummary(rowChanges({ users: 1 }, { users: 2 }))).toBe('Since this backup, 1 user was added: the restore removes it. Edits made since are lost too.');
    expect(lossSummary(rowChanges({ evidence: 0 }, { evidence: 1, alerts: 1500 }))).toBe(
      'Since this backup, 1,500 alerts and 1 evidence file were added: the restore removes them. Edits made since are lost too.',
    );
  });

  it('says nothing is lost when no known table grew (audit rows do not count)', () => {
    expect(lossSummary(rowChanges({ users: 2, audit_log: 5 }, { users: 2, audit_log: 9 }))).toMatch(/^No users, alerts or investigations/);
  });
});

describe('backup list wording', () => {
  it('marks a backup whose re-check failed as Failed, never as verified', () => {
    expect(verifiedState({ verifiedOk: false, verifiedAt: 1 })).toEqual({ label: 'Failed', tone: 'danger' });
    expect(verifiedState({ verifiedOk: true, verifiedAt: 1 }).tone).toBe('success');
    expect(verifiedState({ verifiedOk: null, verifiedAt: null }).label).toBe('Not re-checked');
  });

  it('explains known verification problems and keeps the server message for unknown ones', () => {
    expect(problemText('other_vault', 'x')).toBe('This is a backup of a different vault.');
    expect(problemText('something_new', 'The server said so')).toBe('The server said so');
    expect(problemText(null, 'The backup is whole')).toBe('The backup is whole');
  });

  it('turns job.progress steps into a label and a percentage', () => {
    expect(stepLabel('backup: check')).toBe('Checking the copy');
    expect(stepLabel('backup: something')).toBe('something');
    expect(progressPercent(1, 4)).toBe(25);
    expect(progressPercent(4, 4)).toBe(100);
    expect(progressPercent(9, 4)).toBe(100);
    expect(progressPercent(1, null)).toBeNull();
    expect(progressPercent(0, 0)).toBeNull();
  });

  it('summarises retention, leaving out periods set to zero', () => {
    expect(retentionSummary({ keepLast: 8, daily: 7, weekly: 4, monthly: 12 })).toBe(
      'Keeps the last 8, one a day for 7 days, one a week for 4 weeks and one a month for 12 months. The newest verified backup is always kept.',
    );
    expect(retentionSummary({ keepLast: 3, daily: 0, weekly: 1, monthly: 0 })).toBe('Keeps the last 3 and one a week for 1 week. The newest verified backup is always kept.');
  });
});

describe('table names in the restore preview', () => {
  it('names known tables and tells them apart from indexes and bookkeeping', async () => {
    const { isKnownTable, tableLabel } = await import('../../../src-renderer/features/backups/backup-format');
    expect(tableLabel('audit_log')).toBe('Audit log entries');
    expect(tableLabel('investigation_status_log')).toBe('Investigation status log');
    expect(isKnownTable('investigations')).toBe(true);
    expect(isKnownTable('investigations_fts_idx')).toBe(false);
  });
});
