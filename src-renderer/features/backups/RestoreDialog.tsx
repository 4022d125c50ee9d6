// Restoring the whole vault from one backup: the backup is verified first, then the dialog shows
// what it holds (date, users, rows per table) beside what the vault holds now, says what will be
// lost, and asks for the vault name typed out. After the restore everyone is signed out, this
// window too, so the app returns to the sign-in screen.
import { useEffect, useState, type RefObject, type SubmitEvent } from 'react';
import { Alert } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/TextField';
import { useAction } from '../../kit/use-action';
import { formatBytes } from '../../format/bytes';
import { describeError } from '../../format/error-message';
import { VigilError } from '../../../src-shared/errors';
import { formatDateTime } from '../../format/time';
import type { BackupListing, RestorePreview } from '../../../src-shared/backup-model';
import { useSessionStore } from '../../kit/session-store';
import { useBackupsStore } from './store';
import { isKnownTable, kindLabel, lossSummary, problemText, rowChanges, tableLabel, type RowChange } from './backup-format';
import '../../components/table.css';

type PreviewState = { phase: 'verifying' } | { phase: 'failed'; message: string; problem: string | null } | { phase: 'ready'; preview: RestorePreview };

/** Always shown; other tables are shown when the restore changes them, or behind "All tables". */
const MAIN_TABLES = new Set(['users', 'alerts', 'investigations']);
/** Tables whose counts change on every restore by design: not worth a line of their own by default. */
const NOISE_TABLES = new Set(['audit_log', 'change_log', 'sessions']);

export function RestoreDialog({ backup, onClose, returnFocusTo }: { backup: BackupListing; onClose(): void; returnFocusTo?: RefObject<HTMLElement | null> }) {
  const previewRestore = useBackupsStore((state) => state.previewRestore);
  const restore = useBackupsStore((state) => state.restore);
  const [state, setState] = useState<PreviewState>({ phase: 'verifying' });
  const [typed, setTyped] = useState('');

  useEffect(() => {
    let current = true;
    previewRestore(backup.fileName).then(
      (preview) => current && setState({ phase: 'ready', preview }),
      (error: unknown) => {
        if (!current) return;
        const described = describeError(error);
        setState({ phase: 'failed', message: described.message, problem: problemCode(error) });
      },
    );
    return () => {
      current = false;
    };
  }, [backup.fileName, previewRestore]);

  const restoreAction = useAction(async (confirmVaultName: string) => {
    const outcome = await restore(backup.fileName, confirmVaultName);
    // This session was ended with everyone else's: re-read it, and tell the sign-in screen why.
    await useSessionStore.getState().refresh().catch(() => undefined);
    useSessionStore.setState({
      notice: `The vault was restored from the backup of ${formatDateTime(outcome.createdAt)}. Everyone was signed out: sign in again.`,
    });
  });

  const vaultName = state.phase === 'ready' ? state.preview.vaultName : null;
  const matches = vaultName !== null && typed.trim() === vaultName;

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (matches) void restoreAction.run(typed.trim());
  };

  return (
    <Dialog
      title={`Restore the vault from ${formatDateTime(backup.createdAt)}`}
      onClose={() => !restoreAction.pending && onClose()}
      returnFocusTo={returnFocusTo}
      testId="restore-dialog"
      footer={
        <>
          <Button onClick={onClose} disabled={restoreAction.pending}>
            Cancel
          </Button>
          {state.phase === 'ready' && (
            <Button type="submit" form="restore-form" variant="danger" busy={restoreAction.pending} disabled={!matches} data-testid="restore-confirm">
              Restore and sign everyone out
            </Button>
          )}
        </>
      }
    >
      {state.phase === 'verifying' && (
        <div className="backup-progress" role="status" data-testid="restore-verifying">
          <label className="backup-progress__label" htmlFor="restore-verify-bar">
            Verifying the backup before anything is changed…
          </label>
          <progress id="restore-verify-bar" />
        </div>
      )}
      {state.phase === 'failed' && (
        <Alert tone="error" title="This backup cannot be restored" testId="restore-preview-error">
          {problemText(state.problem, state.message)}
        </Alert>
      )}
      {state.phase === 'ready' && (
        <form id="restore-form" className="form-stack backup-dialog-content" onSubmit={submit} noValidate data-testid="restore-preview">
          <BackupSummary preview={state.preview} />
          <RowCountTable changes={rowChanges(state.preview.backup.manifest.rowCounts, state.preview.currentRowCounts)} />
          <Alert tone="warning" role="note" title="What the restore takes away" testId="restore-loss">
            <p>{lossSummary(rowChanges(state.preview.backup.manifest.rowCounts, state.preview.currentRowCounts))}</p>
            <p>
              Passwords and the recovery key go back to those of the backup. Everyone is signed out. The vault as it is now is kept aside in the
              data folder.
            </p>
          </Alert>
          {restoreAction.error && <Alert tone="error">{restoreAction.error.message}</Alert>}
          <TextField
            label={
              <>
                Type the vault name <strong className="mono">{state.preview.vaultName}</strong> to confirm
              </>
            }
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
            spellCheck={false}
            // Mounted once the verification is done: focus moves from Cancel to the confirmation.
            autoFocus
            data-testid="restore-confirm-name"
            error={typed !== '' && !matches && typed.trim().length >= state.preview.vaultName.length ? 'That is not the vault name' : undefined}
          />
        </form>
      )}
    </Dialog>
  );
}

/** Verification refusals carry a stable problem code (wrong_key, body_hash…) in their details. */
function problemCode(error: unknown): string | null {
  const problem = error instanceof VigilError ? error.details?.['problem'] : undefined;
  return typeof problem === 'string' ? problem : null;
}

function BackupSummary({ preview }: { preview: RestorePreview }) {
  const { backup, users } = preview;
  return (
    <dl className="backup-facts backup-facts--dialog">
      <div className="backup-facts__wide">
        <dt>Verification</dt>
        <dd>
          <Badge tone="success">Verified</Badge> {preview.verification.message}
        </dd>
      </div>
      <div>
        <dt>Made</dt>
        <dd>{formatDateTime(backup.createdAt)}</dd>
      </div>
      <div>
        <dt>Kind</dt>
        <dd>{kindLabel(backup.kind)}</dd>
      </div>
      <div>
        <dt>Size</dt>
        <dd>{formatBytes(backup.sizeBytes)}</dd>
      </div>
      <div>
        <dt>Version</dt>
        <dd>
          app {backup.manifest.appVersion}, schema v{backup.schemaVersion}
        </dd>
      </div>
      <div className="backup-facts__wide">
        <dt>Accounts in the backup ({users.length})</dt>
        <dd className="mono" data-testid="restore-users">
          {users.length > 0 ? users.join(', ') : 'None'}
        </dd>
      </div>
    </dl>
  );
}

function RowCountTable({ changes }: { changes: readonly RowChange[] }) {
  const [all, setAll] = useState(false);
  const shown = all ? changes : changes.filter((c) => MAIN_TABLES.has(c.table) || (c.delta !== 0 && isKnownTable(c.table) && !NOISE_TABLES.has(c.table)));
  return (
    <div className="restore-counts">
      <table className="counts-table" data-testid="restore-counts">
        <caption className="visually-hidden">Rows per table in the backup and in the vault now</caption>
        <thead>
          <tr>
            <th scope="col">Records</th>
            <th scope="col" className="align-end">
              In backup
            </th>
            <th scope="col" className="align-end">
              Now
            </th>
            <th scope="col" className="align-end">
              Restore changes
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((c) => (
            <tr key={c.table} className={c.delta > 0 ? 'restore-counts__lost' : undefined}>
              <th scope="row">{tableLabel(c.table)}</th>
              <td className="align-end mono">{c.inBackup.toLocaleString('en-US')}</td>
              <td className="align-end mono">{c.now.toLocaleString('en-US')}</td>
              <td className="align-end mono">{c.delta === 0 ? '—' : c.delta > 0 ? `−${c.delta.toLocaleString('en-US')}` : `+${(-c.delta).toLocaleString('en-US')}`}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Button size="sm" variant="link" onClick={() => setAll(!all)} aria-expanded={all}>
        {all ? 'Main tables only' : `All tables (${changes.length})`}
      </Button>
    </div>
  );
}
