// The Backups screen's store: "Back up now" follows only its own job's progress and puts the new
// backup on top; a folder that cannot be listed still shows the settings (so it can be changed);
// a failed verification is kept as a failure.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { VigilError } from '../../../src-shared/errors';
import type { BackupListing, BackupStatus, BackupVerification } from '../../../src-shared/backup-model';

type Listener = (payload: unknown) => void;
const listeners = new Set<Listener>();
const calls: { channel: string; input: Record<string, unknown> }[] = [];
let listing: () => Promise<BackupListing[]>;
let finishCreate: ((value: BackupListing) => void) | null = null;
let verdict: BackupVerification;

function backup(fileName: string, createdAt: number): BackupListing {
  return {
    fileName, path: `/b/${fileName}`, sizeBytes: 4096, createdAt, kind: 'manual', schemaVersion: 5, verifiedAt: null, verifiedOk: null,
    manifest: {
      format: 1, appVersion: '1.0.0', schemaVersion: 5, createdAt, kind: 'manual', vaultId: 'v', vaultName: 'T&S', dataKeyId: 'k',
      rowCounts: { users: 1 }, auditHeadHash: null, bodySha256: 'h', bodyLength: 1,
    },
  };
}

const status: BackupStatus = {
  settings: { folder: '/mnt/usb/vigil', schedule: '0 */6 * * *', enabled: true, retention: { keepLast: 8, daily: 7, weekly: 4, monthly: 12 } },
  running: false, lastSuccessAt: null, lastAttemptAt: null, lastError: null, nextRunAt: null,
};

vi.mock('../../../src-renderer/api/client', () => ({
  api: {
    invoke(channel: string, input: Record<string, unknown>) {
      calls.push({ channel, input });
      if (channel === 'backup.list') return listing();
      if (channel === 'backup.status') return Promise.resolve(status);
      if (channel === 'backup.create') return new Promise((resolve) => { finishCreate = resolve; });
      if (channel === 'backup.verify') return Promise.resolve(verdict);
      return Promise.reject(new Error(`unexpected ${channel}`));
    },
  },
  onEvent: (_event: string, listener: Listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
}));

const { useBackupsStore } = await import('../../../src-renderer/features/backups/store');
const emit = (payload: unknown) => listeners.forEach((listener) => listener(payload));
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Backups screen store', () => {
  beforeEach(() => {
    calls.length = 0;
    listeners.clear();
    finishCreate = null;
    listing = () => Promise.resolve([backup('vigil-backup-old.vigilbk', 1000), backup('vigil-backup-older.vigilbk', 500)]);
    useBackupsStore.getState().reset();
  });

  it('lists backups newest first with the schedule status', async () => {
    listing = () => Promise.resolve([backup('vigil-backup-older.vigilbk', 500), backup('vigil-backup-old.vigilbk', 1000)]);
    await useBackupsStore.getState().load();
    const state = useBackupsStore.getState();
    expect(state.backups.data.map((b) => b.fileName)).toEqual(['vigil-backup-old.vigilbk', 'vigil-backup-older.vigilbk']);
    expect(state.status?.settings.folder).toBe('/mnt/usb/vigil');
    expect(state.backups.status).toBe('ready');
  });

  it('shows progress for its own backup job only, then the new backup on top', async () => {
    await useBackupsStore.getState().load();
    const running = useBackupsStore.getState().backUpNow();
    const jobId = calls.find((c) => c.channel === 'backup.create')?.input['jobId'];
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    emit({ jobId: 'someone-elses-import', label: 'import: rows', done: 90, total: 100 });
    emit({ jobId, label: 'backup: check', done: 1, total: 4 });
    expect(useBackupsStore.getState().progress).toEqual({ jobId, label: 'backup: check', done: 1, total: 4 });
    const made = backup('vigil-backup-new.vigilbk', 2000);
    const before = await listing();
    listing = () => Promise.resolve([...before, made]);
    finishCreate?.(made);
    await running;
    const state = useBackupsStore.getState();
    expect(state.progress).toBeNull();
    expect(state.created.data).toBe('vigil-backup-new.vigilbk');
    expect(state.backups.data[0]?.fileName).toBe('vigil-backup-new.vigilbk');
    expect(listeners.size).toBe(0);
  });

  it('keeps the settings on screen when the backup folder cannot be read', async () => {
    listing = () => Promise.reject(new VigilError('UNAVAILABLE', 'The backup folder /mnt/usb/vigil is not available'));
    await useBackupsStore.getState().load();
    const state = useBackupsStore.getState();
    expect(state.backups.status).toBe('failed');
    expect(state.backups.error).toBe('The backup folder /mnt/usb/vigil is not available');
    expect(state.status?.settings.folder).toBe('/mnt/usb/vigil');
  });

  it('keeps a failed verification as a failure with its problem code', async () => {
    await useBackupsStore.getState().load();
    verdict = { fileName: 'vigil-backup-old.vigilbk', path: '/b/x', ok: false, problem: 'body_hash', message: 'Body hash mismatch', manifest: null,
      checks: ['manifest', 'body_hash', 'pages', 'row_counts'], badPage: 7 };
    await useBackupsStore.getState().verify('vigil-backup-old.vigilbk');
    await flush();
    const result = useBackupsStore.getState().verifyResult;
    expect(result && 'verdict' in result ? result.verdict.ok : 'missing').toBe(false);
    expect(result && 'verdict' in result ? result.verdict.problem : null).toBe('body_hash');
    expect(useBackupsStore.getState().verifying).toBeNull();
  });
});
