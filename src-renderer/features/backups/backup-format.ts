// Words and numbers for the Backups screen: sizes, kinds, verdicts, the progress of "Back up now",
// and what a restore would take away. Pure, so the wording is tested without a screen.
import type { BackupKind, BackupListing, RetentionPolicy } from '../../../src-shared/backup-model';
import type { BadgeTone } from '../../components/Badge';

const KIND_LABELS: Readonly<Record<BackupKind, string>> = { scheduled: 'Scheduled', manual: 'Manual', pre_restore: 'Before restore' };

export function kindLabel(kind: BackupKind): string {
  return KIND_LABELS[kind];
}

export interface VerifiedState {
  label: string;
  tone: BadgeTone;
}

/** The "Verified" column: every listed backup was checked when written; a failed re-check is loud. */
export function verifiedState(backup: Pick<BackupListing, 'verifiedOk' | 'verifiedAt'>): VerifiedState {
  if (backup.verifiedOk === false) return { label: 'Failed', tone: 'danger' };
  if (backup.verifiedOk === true) return { label: 'Verified', tone: 'success' };
  return { label: 'Not re-checked', tone: 'neutral' };
}

/** Verification problems (stable codes from the backup service) in words an admin can act on. */
const PROBLEMS: Readonly<Record<string, string>> = {
  not_a_backup: 'The file is truncated or is not a Vigil backup.',
  manifest_tampered: 'The description inside the backup was altered after it was written.',
  wrong_key: 'The backup was made with a different vault key.',
  other_vault: 'This is a backup of a different vault.',
  body_hash: 'The backup’s contents do not match the hash it was sealed with.',
  pages: 'A page of the backup does not open with the vault’s key: it was damaged or altered.',
  integrity: 'The database inside the backup is damaged.',
  row_counts: 'The database inside the backup is missing rows it was sealed with.',
  newer_schema: 'The backup was made by a newer version of Vigil.',
};

export function problemText(problem: string | null, fallback: string): string {
  return (problem && PROBLEMS[problem]) || fallback;
}

/** "backup: copy" → "Copying the vault…": the steps the server reports in job.progress labels. */
const STEP_LABELS: Readonly<Record<string, string>> = {
  copy: 'Copying the vault',
  check: 'Checking the copy',
  seal: 'Sealing the backup',
  verify: 'Reading it back',
  done: 'Done',
};

export function stepLabel(label: string): string {
  const step = label.replace(/^backup:\s*/, '');
  return STEP_LABELS[step] ?? step;
}

/** 0–100 for a <progress>; null while the total is unknown (an indeterminate bar). */
export function progressPercent(done: number, total: number | null): number | null {
  if (total === null || total <= 0) return null;
  return Math.min(100, Math.max(0, Math.round((done / total) * 100)));
}

export interface RowChange {
  table: string;
  inBackup: number;
  now: number;
  /** now − inBackup: positive means rows added since the backup, which the restore takes away. */
  delta: number;
}

/** Tables people recognise, first; the rest follow alphabetically. */
const TABLE_ORDER = ['users', 'alerts', 'investigations', 'entities', 'notes', 'findings', 'evidence', 'actions', 'tasks', 'audit_log'];
const TABLE_LABELS: Readonly<Record<string, string>> = {
  users: 'Users', alerts: 'Alerts', investigations: 'Investigations', entities: 'Entities', notes: 'Notes', findings: 'Findings',
  evidence: 'Evidence', actions: 'Actions', tasks: 'Tasks', audit_log: 'Audit log entries',
};

/** A table people work with (users, alerts…), as opposed to indexes and bookkeeping (fts, change_log). */
export function isKnownTable(table: string): boolean {
  return table in TABLE_LABELS;
}

export function tableLabel(table: string): string {
  const words = table.replace(/_/g, ' ');
  return TABLE_LABELS[table] ?? words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Every table in either count, backup vs now. Ordered: known tables first, then those that changed,
 * then the rest, so what a restore loses is on top.
 */
export function rowChanges(inBackup: Record<string, number>, now: Record<string, number>): RowChange[] {
  const tables = [...new Set([...Object.keys(inBackup), ...Object.keys(now)])];
  const rank = (table: string) => {
    const known = TABLE_ORDER.indexOf(table);
    return known >= 0 ? known : TABLE_ORDER.length;
  };
  return tables
    .map((table) => {
      const before = inBackup[table] ?? 0;
      const current = now[table] ?? 0;
      return { table, inBackup: before, now: current, delta: current - before };
    })
    .sort((a, b) => rank(a.table) - rank(b.table) || Number(b.delta !== 0) - Number(a.delta !== 0) || a.table.localeCompare(b.table));
}

/** One sentence on what the restore takes away: rows added since the backup, in the tables people know. */
export function lossSummary(changes: readonly RowChange[]): string {
  const lost = changes.filter((c) => c.delta > 0 && c.table in TABLE_LABELS && c.table !== 'audit_log');
  if (lost.length === 0) return 'No users, alerts or investigations were added since this backup.';
  const parts = lost.map((c) => recordCount(c.table, c.delta));
  const one = lost.length === 1 && lost[0]?.delta === 1;
  return `Since this backup, ${joinWords(parts)} ${one ? 'was' : 'were'} added: the restore removes ${one ? 'it' : 'them'}. Edits made since are lost too.`;
}

/** "1 user", "2 investigations", "1 evidence file". */
function recordCount(table: string, count: number): string {
  const singular: Record<string, string> = { evidence: 'evidence file', evidence_files: 'evidence files' };
  const plural = table === 'evidence' ? 'evidence files' : tableLabel(table).toLowerCase();
  const noun = count === 1 ? (singular[table] ?? plural.replace(/s$/, '')) : plural;
  return `${count.toLocaleString('en-US')} ${noun}`;
}

function joinWords(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}

/** "Keep the last 8, one a day for 7 days, one a week for 4 weeks and one a month for 12 months." */
export function retentionSummary(policy: RetentionPolicy): string {
  const parts = [`the last ${policy.keepLast}`];
  if (policy.daily > 0) parts.push(`one a day for ${policy.daily} ${policy.daily === 1 ? 'day' : 'days'}`);
  if (policy.weekly > 0) parts.push(`one a week for ${policy.weekly} ${policy.weekly === 1 ? 'week' : 'weeks'}`);
  if (policy.monthly > 0) parts.push(`one a month for ${policy.monthly} ${policy.monthly === 1 ? 'month' : 'months'}`);
  return `Keeps ${joinWords(parts)}. The newest verified backup is always kept.`;
}
