// Bringing one investigation back from a backup (e.g. deleted or damaged since), leaving the rest of
// the vault as it is. Only missing rows are written, so running it twice changes nothing.
import { useState, type RefObject, type SubmitEvent } from 'react';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/TextField';
import { useAction } from '../../kit/use-action';
import { formatDateTime } from '../../format/time';
import type { BackupListing, InvestigationRestoreOutcome } from '../../../src-shared/backup-model';
import { useNavigationStore } from '../../kit/navigation';
import { useBackupsStore } from './store';
import { tableLabel } from './backup-format';
import '../../components/table.css';

const KEY_SHAPE = /^INV-\d{4}-\d{4,}$/i;

export function InvestigationRestoreDialog({ backup, onClose, returnFocusTo }: { backup: BackupListing; onClose(): void; returnFocusTo?: RefObject<HTMLElement | null> }) {
  const restoreInvestigation = useBackupsStore((state) => state.restoreInvestigation);
  const navigate = useNavigationStore((state) => state.navigate);
  const [key, setKey] = useState('');
  const [outcome, setOutcome] = useState<InvestigationRestoreOutcome | null>(null);
  const action = useAction(async (investigationKey: string) => setOutcome(await restoreInvestigation(backup.fileName, investigationKey)));
  const inBackup = backup.manifest.rowCounts['investigations'] ?? 0;

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = key.trim().toUpperCase();
    if (trimmed !== '') void action.run(trimmed);
  };

  const open = () => {
    if (!outcome) return;
    onClose();
    navigate('investigation', outcome.investigationId);
  };

  return (
    <Dialog
      title={`Restore one investigation from ${formatDateTime(backup.createdAt)}`}
      onClose={() => !action.pending && onClose()}
      returnFocusTo={returnFocusTo}
      testId="restore-investigation-dialog"
      footer={
        outcome ? (
          <>
            <Button onClick={onClose}>Close</Button>
            <Button variant="primary" onClick={open} data-testid="restore-investigation-open">
              Open {outcome.investigationKey}
            </Button>
          </>
        ) : (
          <>
            <Button onClick={onClose} disabled={action.pending}>
              Cancel
            </Button>
            <Button type="submit" form="restore-investigation-form" variant="primary" busy={action.pending} data-testid="restore-investigation-confirm">
              Restore investigation
            </Button>
          </>
        )
      }
    >
      {outcome ? (
        <InvestigationOutcome outcome={outcome} />
      ) : (
        <form id="restore-investigation-form" className="form-stack backup-dialog-content" onSubmit={submit} noValidate>
          <p>
            Copies the investigation with its alerts, entities, evidence, notes, findings, tasks and actions back into the vault. Rows the vault
            still has are left exactly as they are; nothing else changes. The backup holds {inBackup.toLocaleString('en-US')}{' '}
            {inBackup === 1 ? 'investigation' : 'investigations'}; it is verified before anything is copied.
          </p>
          {action.error && <Alert tone="error">{action.error.message}</Alert>}
          <TextField
            label="Investigation key"
            value={key}
            onChange={(event) => setKey(event.target.value)}
            mono
            autoComplete="off"
            spellCheck={false}
            placeholder="INV-2026-0001"
            data-autofocus
            hint="As shown on the investigation, e.g. INV-2026-0042."
            error={key.trim() !== '' && !KEY_SHAPE.test(key.trim()) && !action.pending ? 'Keys look like INV-2026-0042' : action.error?.fields['investigationKey']}
            data-testid="restore-investigation-key"
          />
        </form>
      )}
    </Dialog>
  );
}

function InvestigationOutcome({ outcome }: { outcome: InvestigationRestoreOutcome }) {
  const tables = [...new Set([...Object.keys(outcome.restored), ...Object.keys(outcome.alreadyPresent)])].filter(
    (t) => (outcome.restored[t] ?? 0) + (outcome.alreadyPresent[t] ?? 0) > 0,
  );
  const written = Object.values(outcome.restored).reduce((sum, n) => sum + n, 0);
  return (
    <div className="form-stack backup-dialog-content" data-testid="restore-investigation-outcome">
      <Alert tone="success" title={written > 0 ? `${outcome.investigationKey} restored` : `${outcome.investigationKey} was already complete`}>
        {written > 0
          ? `${written.toLocaleString('en-US')} rows written back from the backup of ${formatDateTime(outcome.backupCreatedAt)}.`
          : 'The vault already had every row of it; nothing was changed.'}
      </Alert>
      {tables.length > 0 && (
        <table className="counts-table">
          <caption className="visually-hidden">Rows restored and rows already present, per table</caption>
          <thead>
            <tr>
              <th scope="col">Records</th>
              <th scope="col" className="align-end">
                Restored
              </th>
              <th scope="col" className="align-end">
                Already present
              </th>
            </tr>
          </thead>
          <tbody>
            {tables.map((t) => (
              <tr key={t}>
                <th scope="row">{tableLabel(t)}</th>
                <td className="align-end mono">{(outcome.restored[t] ?? 0).toLocaleString('en-US')}</td>
                <td className="align-end mono">{(outcome.alreadyPresent[t] ?? 0).toLocaleString('en-US')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(outcome.alertsHeldElsewhere > 0 || outcome.entitiesMerged > 0) && (
        <p className="muted">
          {outcome.alertsHeldElsewhere > 0 && `${outcome.alertsHeldElsewhere} alerts were left out: the vault holds them under a later import. `}
          {outcome.entitiesMerged > 0 && `${outcome.entitiesMerged} entities were matched to the vault’s own.`}
        </p>
      )}
    </div>
  );
}
