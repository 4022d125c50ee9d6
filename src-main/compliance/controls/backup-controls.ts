// Controls on backups: the schedule on and the newest good backup recent and verified, and a restore
// done recently. Only real restores count (a whole vault, or one investigation from a backup): a
// verification proves a file is intact, not that the people and the steps can bring it back.
import { existsSync } from 'node:fs';
import { DAY, when, type Control } from '../control';

export const backupsControl: Control = {
  id: 'backups_on_schedule',
  title: 'Backups on schedule, the last one verified',
  remedy: 'Turn scheduled backups on in Settings → Backups, check the folder is reachable, and verify the newest backup.',
  frameworks: ['SOC 2 A1.2', 'ISO 27001 A.8.13', 'GDPR Art. 32(1)(c)'],
  evaluate({ backups, now, policy }) {
    const enabled = backups.enabled();
    const folder = backups.folder();
    const lastSuccessAt = backups.lastSuccessAt();
    const newest = existsSync(folder) ? (backups.list().sort((a, b) => b.createdAt - a.createdAt)[0] ?? null) : null;
    const evidence = {
      scheduleEnabled: enabled, lastSuccessAt: when(lastSuccessAt), newestBackup: newest?.fileName ?? null,
      newestCreatedAt: when(newest?.createdAt), newestVerifiedOk: newest ? newest.verifiedOk ?? true : null, maxAgeHours: policy.backupMaxAgeHours,
    };
    if (!enabled) return { status: 'fail', reason: 'Scheduled backups are off.', evidence };
    if (!newest) return { status: 'fail', reason: 'There is no backup in the backup folder.', evidence };
    // A listed backup was verified before it got its name; a later verification may have failed.
    if (newest.verifiedOk === false) return { status: 'fail', reason: 'The newest backup failed its last verification.', evidence };
    if (now - newest.createdAt > policy.backupMaxAgeHours * 3_600_000) {
      return { status: 'fail', reason: `The newest backup is older than ${policy.backupMaxAgeHours} hours.`, evidence };
    }
    return { status: 'pass', reason: 'Backups run on schedule and the newest one verified.', evidence };
  },
};

export const restoreTestedControl: Control = {
  id: 'restore_tested',
  title: 'A restore tested recently',
  remedy: 'Restore one investigation from a recent backup (Settings → Backups → Restore an investigation), or restore the vault on a spare machine.',
  frameworks: ['SOC 2 A1.3', 'ISO 27001 A.8.13', 'GDPR Art. 32(1)(d)'],
  evaluate({ repos, now, policy }) {
    const last = repos.db.prepare<[], { at: number; action: string }>(
      `SELECT at, action FROM audit_log WHERE action IN ('vault.restored', 'backup.restoreInvestigation') AND outcome = 'success' ORDER BY at DESC LIMIT 1`,
    ).get();
    const evidence = { lastRestoreAt: when(last?.at), lastRestoreKind: last ? (last.action === 'vault.restored' ? 'vault' : 'investigation') : null, withinDays: policy.restoreTestDays };
    if (!last) return { status: 'fail', reason: 'No restore is recorded in the audit log.', evidence };
    return now - last.at <= policy.restoreTestDays * DAY
      ? { status: 'pass', reason: `The last restore was within ${policy.restoreTestDays} days.`, evidence }
      : { status: 'fail', reason: `The last restore is more than ${policy.restoreTestDays} days old.`, evidence };
  },
};
