// Which backups to keep: restic's forget policy as a pure function. keep-last N keeps the N newest;
// daily / weekly / monthly N keep the newest backup of each of the N most recent days / ISO weeks /
// months that have one. Periods are UTC, so the answer does not move with the machine's time zone.
// The newest verified backup is always kept, whatever the policy says. A backup whose verification
// failed fills no period (it must not push out a good one) and is removed.
import type { RetentionPolicy } from '../../src-shared/backup-model';

export interface RetentionCandidate {
  fileName: string;
  createdAt: number;
  /** null: never verified since it was written (it was checked before it got its name). */
  verifiedOk: boolean | null;
}

export type KeepReason = 'last' | 'daily' | 'weekly' | 'monthly' | 'newest_verified';

export interface RetentionDecision {
  keep: { fileName: string; reasons: KeepReason[] }[];
  remove: string[];
}

export const DEFAULT_RETENTION: RetentionPolicy = { keepLast: 8, daily: 7, weekly: 4, monthly: 12 };

export function dayKey(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

export function monthKey(at: number): string {
  return new Date(at).toISOString().slice(0, 7);
}

/** ISO 8601 week, e.g. "2026-W01" (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekKey(at: number): string {
  const date = new Date(at);
  // The Thursday of this week decides the week's year.
  const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 4 - (date.getUTCDay() || 7)));
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((thursday.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function applyRetention(candidates: readonly RetentionCandidate[], policy: RetentionPolicy): RetentionDecision {
  const newestFirst = [...candidates].sort((a, b) => b.createdAt - a.createdAt || b.fileName.localeCompare(a.fileName));
  const usable = newestFirst.filter((c) => c.verifiedOk !== false);
  const reasons = new Map<string, KeepReason[]>();
  const mark = (fileName: string, reason: KeepReason) => reasons.set(fileName, [...(reasons.get(fileName) ?? []), reason]);

  usable.slice(0, policy.keepLast).forEach((c) => mark(c.fileName, 'last'));
  const byPeriod = (count: number, key: (at: number) => string, reason: KeepReason) => {
    const seen = new Set<string>();
    for (const c of usable) {
      if (seen.size >= count) break;
      const period = key(c.createdAt);
      if (seen.has(period)) continue;
      seen.add(period);
      mark(c.fileName, reason);
    }
  };
  byPeriod(policy.daily, dayKey, 'daily');
  byPeriod(policy.weekly, isoWeekKey, 'weekly');
  byPeriod(policy.monthly, monthKey, 'monthly');
  // Verified after being written, or never re-verified since (every listed backup was checked before it was named).
  const newestVerified = usable[0];
  if (newestVerified) mark(newestVerified.fileName, 'newest_verified');

  return {
    keep: newestFirst.filter((c) => reasons.has(c.fileName)).map((c) => ({ fileName: c.fileName, reasons: reasons.get(c.fileName) ?? [] })),
    remove: newestFirst.filter((c) => !reasons.has(c.fileName)).map((c) => c.fileName),
  };
}
