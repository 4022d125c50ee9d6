// "Import case package…": choose the .vigilcase file and type its passphrase → see what is inside
// (checked: passphrase, seal) → Import (every evidence hash checked again, one transaction) → what
// was written, with a link to the investigation. A wrong passphrase keeps the file chosen.
import { useState, type SubmitEvent } from 'react';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { FieldFrame } from '../../components/FieldFrame';
import { TextField } from '../../components/TextField';
import { useAction } from '../../kit/use-action';
import { useNavigationStore } from '../../kit/navigation';
import { formatDateTime } from '../../format/time';
import { VigilError } from '../../../src-shared/errors';
import type { CasePackageImportOutcome, CasePackageInspection } from '../../../src-shared/case-package-contract';
import { looksLikePackage, OTHER_ROWS_LABEL, otherRows, PACKAGE_TABLES, rowsWritten } from './case-package-format';
import { PackageContents, TransferProgressBar } from './PackageContents';
import { useCasePackageStore, type TransferProgress } from './store';
import './case-package.css';
import '../../components/table.css';

const WORDING = { INVALID_CREDENTIALS: 'That passphrase does not open this package. Check it with the colleague who sent it and try again.' };

export function ImportCasePackageDialog({ onClose, onImported }: { onClose(): void; onImported?(): void }) {
  const { inspect, importPackage, discard } = useCasePackageStore();
  const navigate = useNavigationStore((state) => state.navigate);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [stagedId, setStagedId] = useState<string | null>(null);
  const [progress, setProgress] = useState<TransferProgress | null>(null);
  const [seen, setSeen] = useState<CasePackageInspection | null>(null);
  const [outcome, setOutcome] = useState<CasePackageImportOutcome | null>(null);

  const open = useAction(async () => {
    if (!file) return;
    try {
      setSeen(await inspect(stagedId ? { stagedId } : { file }, passphrase, setProgress));
    } catch (error) {
      // The file stays in main for another try; only the passphrase is asked again.
      const kept = error instanceof VigilError ? error.details?.['stagedId'] : undefined;
      setStagedId(typeof kept === 'string' ? kept : null);
      throw error;
    } finally {
      setProgress(null);
    }
  }, WORDING);
  const run = useAction(async () => {
    if (!seen?.stagedId) return;
    setOutcome(await importPackage(seen.stagedId, passphrase));
    onImported?.();
  }, WORDING);
  const busy = open.pending || run.pending;

  const close = () => {
    if (busy) return;
    const held = seen?.stagedId ?? stagedId;
    if (held && !outcome) void discard(held);
    onClose();
  };

  const submitOpen = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!file) return setFileError('Choose the .vigilcase file');
    if (!looksLikePackage(file.name)) return setFileError('Case packages end in .vigilcase');
    if (passphrase === '') return;
    void open.run();
  };

  const goTo = () => {
    if (!outcome) return;
    onClose();
    navigate('investigation', outcome.investigationId);
  };

  const footer = outcome ? (
    <>
      <Button onClick={onClose}>Close</Button>
      <Button variant="primary" onClick={goTo} data-testid="case-import-open">
        Open {outcome.investigationKey}
      </Button>
    </>
  ) : seen ? (
    <>
      <Button onClick={close} disabled={busy}>
        Cancel
      </Button>
      <Button variant="primary" onClick={() => void run.run()} busy={run.pending} data-testid="case-import-confirm">
        {seen.previousImport ? 'Import again' : 'Import'}
      </Button>
    </>
  ) : (
    <>
      <Button onClick={close} disabled={busy}>
        Cancel
      </Button>
      <Button type="submit" form="case-import-form" variant="primary" busy={open.pending} data-testid="case-import-open-package">
        Open package
      </Button>
    </>
  );

  return (
    <Dialog title="Import a case package" onClose={close} testId="case-import-dialog" footer={footer}>
      {outcome ? (
        <ImportOutcome outcome={outcome} />
      ) : seen ? (
        <div className="case-pkg" data-testid="case-import-preview">
          <Alert tone="success" title="Passphrase and seal check out">
            <span className="mono">{seen.fileName}</span> is whole and was sealed as below. Importing checks every evidence file’s SHA-256 again and
            writes everything in one step.
          </Alert>
          {seen.previousImport && (
            <Alert tone="info" title="Imported before" testId="case-import-previous">
              This package was imported on {formatDateTime(seen.previousImport.importedAt)} as {seen.previousImport.investigationKey}. Importing again
              writes only what is missing, which is usually nothing.
            </Alert>
          )}
          {run.error && <Alert tone="error">{run.error.message}</Alert>}
          <PackageContents summary={seen.summary} />
        </div>
      ) : (
        <form id="case-import-form" className="form-stack case-pkg" onSubmit={submitOpen} noValidate>
          <p>A colleague sealed an investigation into a .vigilcase file. Choose it and type the passphrase they gave you; nothing is written until you confirm.</p>
          {open.error && <Alert tone="error">{open.error.message}</Alert>}
          <FieldFrame label="Case package file" hint={stagedId ? 'Kept from the last try: only the passphrase is needed.' : 'A .vigilcase file.'} error={fileError}>
            {(control) => (
              <input
                {...control}
                type="file"
                className="case-pkg__file"
                accept=".vigilcase"
                data-autofocus
                disabled={busy}
                onChange={(event) => {
                  const chosen = event.target.files?.[0] ?? null;
                  if (stagedId) void discard(stagedId);
                  setStagedId(null);
                  setFile(chosen);
                  setFileError(null);
                  open.clearError();
                }}
                data-testid="case-import-file"
              />
            )}
          </FieldFrame>
          <TextField
            label="Passphrase"
            type="password"
            autoComplete="off"
            value={passphrase}
            onChange={(event) => setPassphrase(event.target.value)}
            disabled={busy}
            data-testid="case-import-passphrase"
          />
          {progress && <TransferProgressBar progress={progress} />}
        </form>
      )}
    </Dialog>
  );
}

function ImportOutcome({ outcome }: { outcome: CasePackageImportOutcome }) {
  const written = rowsWritten(outcome.written);
  const rows = PACKAGE_TABLES.filter(({ table }) => (outcome.written[table] ?? 0) + (outcome.alreadyPresent[table] ?? 0) > 0);
  return (
    <div className="case-pkg" data-testid="case-import-result">
      <Alert
        tone={written > 0 ? 'success' : 'info'}
        title={written > 0 ? `${outcome.investigationKey} imported` : `${outcome.investigationKey} was already here`}
      >
        {written > 0
          ? `${written.toLocaleString('en-US')} records written; ${outcome.evidenceVerified} evidence ${outcome.evidenceVerified === 1 ? 'file' : 'files'} verified by SHA-256, each with a custody entry naming the package.`
          : 'This vault already had every record of this package; nothing was changed.'}
      </Alert>
      {outcome.rekeyed && (
        <Alert tone="info" title="New key in this vault">
          This vault already used {outcome.packageKey} for another case, so the imported one is {outcome.investigationKey}.
        </Alert>
      )}
      <table className="counts-table">
        <caption className="visually-hidden">Records written and records already present</caption>
        <thead>
          <tr>
            <th scope="col">Records</th>
            <th scope="col" className="align-end">
              Written
            </th>
            <th scope="col" className="align-end">
              Already here
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ table, label }) => (
            <tr key={table}>
              <th scope="row">{label}</th>
              <td className="align-end mono">{(outcome.written[table] ?? 0).toLocaleString('en-US')}</td>
              <td className="align-end mono">{(outcome.alreadyPresent[table] ?? 0).toLocaleString('en-US')}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{OTHER_ROWS_LABEL}</th>
            <td className="align-end mono">{otherRows(outcome.written).toLocaleString('en-US')}</td>
            <td className="align-end mono">{otherRows(outcome.alreadyPresent).toLocaleString('en-US')}</td>
          </tr>
        </tbody>
      </table>
      {(outcome.accountsAdded > 0 || outcome.alertsHeldElsewhere > 0 || outcome.entitiesMerged > 0) && (
        <p className="muted">
          {outcome.accountsAdded > 0 && `${outcome.accountsAdded} ${outcome.accountsAdded === 1 ? 'account' : 'accounts'} of “${outcome.summary.vaultName}” added, disabled, so authorship is kept. `}
          {outcome.entitiesMerged > 0 && `${outcome.entitiesMerged} entities matched to this vault’s own. `}
          {outcome.alertsHeldElsewhere > 0 && `${outcome.alertsHeldElsewhere} alerts left out: this vault already has them.`}
        </p>
      )}
    </div>
  );
}
