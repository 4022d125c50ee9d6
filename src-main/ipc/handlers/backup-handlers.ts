// Backup channels: back up now, list, verify, preview and restore, restore one investigation, prune,
// schedule and retention settings.
import { VigilError } from '../../../src-shared/errors';
import type { Handlers } from '../router';
import { requireSession, type Services } from './services';
import type { backupChannels } from '../../../src-shared/backup-contract';
import type { BackupRef } from '../../backup/backup-service';
import { assertValidSchedule } from '../../backup/backup-scheduler';
import type { Caller } from '../router';

const STEPS = ['copy', 'check', 'seal', 'verify'] as const;

/** From a window a path could name any file on the machine: only the command line may pass one. */
function refFrom(input: { fileName: string } | { path: string }, caller: Caller): BackupRef {
  if ('path' in input && caller.client !== 'cli') throw new VigilError('FORBIDDEN', 'Backups are named by file name here; paths are for the command line');
  return input;
}

export function backupHandlers(s: Services): Pick<Handlers, keyof typeof backupChannels> {
  return {
    'backup.status': () => s.backups.status(s.backupScheduler.nextRunAt()),
    'backup.list': () => s.backups.list(),
    'backup.create': async (input, { session, note }) => {
      const live = requireSession(session);
      const listing = await s.backups.create('manual', (step) => {
        if (!input.jobId) return;
        s.events.emit({ sessionId: live.id }, 'job.progress', { jobId: input.jobId, label: `backup: ${step}`, done: STEPS.indexOf(step), total: STEPS.length });
      });
      if (input.jobId) s.events.emit({ sessionId: live.id }, 'job.progress', { jobId: input.jobId, label: 'backup: done', done: STEPS.length, total: STEPS.length });
      note({ target: listing.fileName, details: { sizeBytes: listing.sizeBytes } });
      return listing;
    },
    'backup.verify': async (input, { caller, note }) => {
      const verdict = await s.backups.verify(refFrom(input, caller));
      note({ target: verdict.fileName, details: { ok: verdict.ok, problem: verdict.problem } });
      return verdict;
    },
    'backup.previewRestore': (input, { caller }) => s.backups.previewRestore(refFrom(input, caller)),
    'backup.restore': async (input, { session, caller }) => {
      const live = requireSession(session);
      const actor = { id: live.userId, name: s.sessions.view(live).username };
      const { confirmVaultName, ...ref } = input;
      return s.backups.restore(refFrom(ref, caller), confirmVaultName, actor);
    },
    'backup.restoreInvestigation': async (input, { caller, note }) => {
      const { investigationKey, ...ref } = input;
      const outcome = await s.backups.restoreInvestigation(refFrom(ref, caller), investigationKey);
      const rows = Object.values(outcome.restored).reduce((sum, n) => sum + n, 0);
      note({
        target: outcome.investigationKey,
        details: {
          summary: `investigation ${outcome.investigationKey} restored from backup ${outcome.restoredFrom}`,
          backup: outcome.restoredFrom, backupCreatedAt: outcome.backupCreatedAt, rowsRestored: rows, alertsHeldElsewhere: outcome.alertsHeldElsewhere,
        },
      });
      return outcome;
    },
    'backup.prune': (_input, { note }) => {
      const outcome = s.backups.prune();
      note({ details: { deleted: outcome.deleted.length, kept: outcome.kept.length } });
      return outcome;
    },
    'backup.updateSettings': (input, { note }) => {
      if (input.schedule !== undefined) assertValidSchedule(input.schedule);
      const settings = s.backups.updateSettings({
        ...(input.folder !== undefined ? { folder: input.folder } : {}),
        ...(input.schedule !== undefined ? { schedule: input.schedule } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        ...(input.retention !== undefined ? { retention: input.retention } : {}),
      });
      note({ details: { schedule: settings.schedule, enabled: settings.enabled, retention: settings.retention } });
      return s.backups.status(s.backupScheduler.nextRunAt());
    },
  };
}
