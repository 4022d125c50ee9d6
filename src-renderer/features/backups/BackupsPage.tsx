// Backups, for administrators: back up now (with progress), the list of backups in the folder with
// verify and the two restores, the schedule's state, and the schedule, retention and folder settings.
import { useEffect, useRef, useState } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { DataTable, type Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { formatBytes } from '../../format/bytes';
import { formatDateTime, formatDateTimeSeconds } from '../../format/time';
import type { BackupListing, BackupStatus } from '../../../src-shared/backup-model';
import { useBackupsStore, type VerifyResult } from './store';
import { kindLabel, problemText, verifiedState } from './backup-format';
import { BackupProgressBar } from './BackupProgressBar';
import { BackupStatusPanel } from './BackupStatusPanel';
import { BackupSettingsForm } from './BackupSettingsForm';
import { RestoreDialog } from './RestoreDialog';
import { InvestigationRestoreDialog } from './InvestigationRestoreDialog';
import './backups.css';

type Opened = { kind: 'restore' | 'investigation'; backup: BackupListing } | null;

export function BackupsPage() {
  const { backups: listing, status, progress, created: creation, verifying, verifyResult, load, backUpNow, verify, dismissVerifyResult } = useBackupsStore();
  const { data: backups, status: loadStatus, error } = listing;
  const created = creation.data;
  const [opened, setOpened] = useState<Opened>(null);
  const backUpButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void load();
  }, [load]);

  const loading = loadStatus === 'loading' || loadStatus === 'idle';
  const busy = progress !== null || status?.running === true;

  const columns: Column<BackupListing>[] = [
    {
      id: 'time', header: 'Time', width: '160px', mono: true, rowHeader: true,
      cell: (b) => formatDateTime(b.createdAt), fullText: (b) => `${formatDateTimeSeconds(b.createdAt)} — ${b.fileName}`,
    },
    { id: 'kind', header: 'Kind', width: '105px', cell: (b) => kindLabel(b.kind) },
    { id: 'size', header: 'Size', width: '80px', align: 'end', mono: true, cell: (b) => formatBytes(b.sizeBytes), fullText: (b) => `${b.sizeBytes.toLocaleString('en-US')} bytes` },
    {
      id: 'verified', header: 'Verified', width: '190px',
      cell: (b) => {
        const state = verifiedState(b);
        return (
          <span className="backup-verified">
            <Badge tone={state.tone} title={b.verifiedAt ? `Last checked ${formatDateTimeSeconds(b.verifiedAt)}` : 'Checked when written; not re-checked since'}>
              {state.label}
            </Badge>
            {b.verifiedAt !== null && <span className="muted backup-verified__when">{formatDateTime(b.verifiedAt)}</span>}
          </span>
        );
      },
    },
    { id: 'contents', header: 'Contents', cell: (b) => contentsLine(b), fullText: (b) => `${contentsLine(b)} · schema v${b.schemaVersion} · app ${b.manifest.appVersion}` },
    {
      id: 'actions', header: 'Actions', width: '322px',
      cell: (b) => (
        <div className="cell-actions__buttons">
          <Button size="sm" onClick={() => void verify(b.fileName)} busy={verifying === b.fileName} disabled={verifying !== null && verifying !== b.fileName} data-testid="backup-verify" aria-label={`Verify backup of ${formatDateTime(b.createdAt)}`}>
            Verify
          </Button>
          <Button size="sm" variant="danger" onClick={() => setOpened({ kind: 'restore', backup: b })} disabled={busy} data-testid="backup-restore" aria-label={`Restore the vault from the backup of ${formatDateTime(b.createdAt)}`}>
            Restore…
          </Button>
          <Button size="sm" onClick={() => setOpened({ kind: 'investigation', backup: b })} disabled={busy} data-testid="backup-restore-investigation" aria-label={`Restore one investigation from the backup of ${formatDateTime(b.createdAt)}`}>
            One investigation…
          </Button>
        </div>
      ),
    },
  ];

  return (
    <div className="backups-page">
      <PageHeader
        title="Backups"
        description="Encrypted copies of this vault, verified after writing. Restoring replaces the whole vault and signs everyone out."
        actions={
          <>
            <Button onClick={() => void load()} busy={loading && loadStatus !== 'idle'}>
              Refresh
            </Button>
            <Button ref={backUpButton} variant="primary" onClick={() => void backUpNow()} busy={progress !== null} disabled={status?.running === true && progress === null} data-testid="backup-now">
              Back up now
            </Button>
          </>
        }
      />
      {progress && <BackupProgressBar progress={progress} />}
      {creation.error && (
        <Alert tone="error" title="The backup was not made" testId="backup-create-error">
          {creation.error}
        </Alert>
      )}
      <ErrorBanner message={error} />
      {verifyResult && <VerifyVerdict result={verifyResult} backups={backups} onDismiss={dismissVerifyResult} />}
      {status && <BackupStatusPanel status={status} />}

      <section className="backups-list" aria-labelledby="backups-list-title">
        <div className="backups-list__header">
          <h2 id="backups-list-title">Backups in the folder</h2>
          <span className="muted" role="status">
            {loading ? '' : `${backups.length} ${backups.length === 1 ? 'backup' : 'backups'}`}
          </span>
        </div>
        <DataTable
          label="Backups"
          columns={columns}
          rows={backups}
          rowKey={(b) => b.fileName}
          loading={loading}
          emptyMessage={error || folderUnavailable(status) ? 'The backup folder could not be read: no backups are listed from it.' : 'No backups yet. “Back up now” makes the first one.'}
          rowClassName={(b) => (b.fileName === created ? 'backup-row--new' : b.verifiedOk === false ? 'backup-row--failed' : undefined)}
          testId="backups-table"
        />
      </section>

      {status && <BackupSettingsForm settings={status.settings} />}

      {opened?.kind === 'restore' && <RestoreDialog backup={opened.backup} onClose={() => setOpened(null)} returnFocusTo={backUpButton} />}
      {opened?.kind === 'investigation' && <InvestigationRestoreDialog backup={opened.backup} onClose={() => setOpened(null)} returnFocusTo={backUpButton} />}
    </div>
  );
}

/** A missing folder lists as empty: the last failure says whether that is because it is unavailable. */
function folderUnavailable(status: BackupStatus | null): boolean {
  const error = status?.lastError;
  return error?.code === 'UNAVAILABLE' && (status?.lastSuccessAt === null || error.at > (status?.lastSuccessAt ?? 0));
}

function contentsLine(backup: BackupListing): string {
  const counts = backup.manifest.rowCounts;
  const part = (table: string, one: string, many: string) => {
    const n = counts[table] ?? 0;
    return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
  };
  return [part('users', 'user', 'users'), part('alerts', 'alert', 'alerts'), part('investigations', 'investigation', 'investigations')].join(' · ');
}

function VerifyVerdict({ result, backups, onDismiss }: { result: VerifyResult; backups: readonly BackupListing[]; onDismiss(): void }) {
  const backup = backups.find((b) => b.fileName === result.fileName);
  const name = backup ? `The backup of ${formatDateTime(backup.createdAt)}` : result.fileName;
  const dismiss = (
    <Button size="sm" variant="ghost" onClick={onDismiss}>
      Dismiss
    </Button>
  );
  if ('error' in result) {
    return (
      <Alert tone="error" title={`${name} could not be verified`} testId="backup-verdict" className="backup-verdict">
        <p>{result.error}</p>
        {dismiss}
      </Alert>
    );
  }
  const { verdict } = result;
  return verdict.ok ? (
    <Alert tone="success" title={`${name} is intact`} testId="backup-verdict" className="backup-verdict">
      <p>{verdict.message}: the hash, every page under the vault’s key and every table’s row count match what was sealed.</p>
      {dismiss}
    </Alert>
  ) : (
    <Alert tone="error" title={`${name} failed verification — do not rely on it`} testId="backup-verdict" className="backup-verdict">
      <p>
        {problemText(verdict.problem, verdict.message)}
        {verdict.badPage !== null ? ` The first damaged page is page ${verdict.badPage}.` : ''} <span className="muted mono">({verdict.problem})</span>
      </p>
      {dismiss}
    </Alert>
  );
}
