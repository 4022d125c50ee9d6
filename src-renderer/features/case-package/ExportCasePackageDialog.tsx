// "Export case package…": seals this investigation (alerts, entities, findings, evidence with its
// custody trail, actions, notes, timeline) into one .vigilcase file under a passphrase the analyst
// types twice, then saves it through the browser's download path. The passphrase goes to main once
// and is forgotten by this dialog when it closes.
import { useState, type SubmitEvent } from 'react';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/TextField';
import { useAction } from '../../kit/use-action';
import { MIN_PASSWORD_LENGTH } from '../../../src-shared/limits';
import type { CasePackageExported } from '../../../src-shared/case-package-contract';
import { formatBytes } from '../../format/bytes';
import { passphraseHint, type PassphraseStrength } from './case-package-format';
import { PackageContents, TransferProgressBar } from './PackageContents';
import { useCasePackageStore, type TransferProgress } from './store';
import './case-package.css';

const METER: Record<PassphraseStrength, number> = { too_short: 0, weak: 1, fair: 2, strong: 3 };

export function ExportCasePackageDialog({ investigation, onClose }: { investigation: { id: string; key: string; title: string }; onClose(): void }) {
  const exportPackage = useCasePackageStore((state) => state.exportPackage);
  const [passphrase, setPassphrase] = useState('');
  const [repeat, setRepeat] = useState('');
  const [touched, setTouched] = useState(false);
  const [progress, setProgress] = useState<TransferProgress | null>(null);
  const [made, setMade] = useState<CasePackageExported | null>(null);
  const action = useAction(async () => {
    try {
      setMade(await exportPackage(investigation.id, passphrase, setProgress));
    } finally {
      setProgress(null);
    }
  });
  const hint = passphraseHint(passphrase);
  const tooShort = [...passphrase].length < MIN_PASSWORD_LENGTH;
  // Said once the second field is as long as the first, or on submit: not at every keystroke.
  const mismatch = repeat !== passphrase && (touched || (repeat !== '' && repeat.length >= passphrase.length));

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTouched(true);
    if (tooShort || repeat !== passphrase) return;
    void action.run();
  };

  return (
    <Dialog
      title={`Export ${investigation.key} as a case package`}
      onClose={() => !action.pending && onClose()}
      testId="case-export-dialog"
      footer={
        made ? (
          <Button variant="primary" onClick={onClose} data-testid="case-export-done">
            Done
          </Button>
        ) : (
          <>
            <Button onClick={onClose} disabled={action.pending}>
              Cancel
            </Button>
            <Button type="submit" form="case-export-form" variant="primary" busy={action.pending} data-testid="case-export-confirm">
              Seal and save
            </Button>
          </>
        )
      }
    >
      {made ? (
        <div className="case-pkg" data-testid="case-export-result">
          <Alert tone="success" title="Case package saved">
            <span className="mono">{made.fileName}</span> ({formatBytes(made.sizeBytes)}) is in your downloads. Give your colleague the passphrase by
            another channel than the file: without it the package cannot be opened, and nobody can recover it.
          </Alert>
          <PackageContents summary={made.summary} />
        </div>
      ) : (
        <form id="case-export-form" className="form-stack case-pkg" onSubmit={submit} noValidate>
          <p>
            One encrypted file with everything in <strong>{investigation.title}</strong>: alerts, entities, findings, evidence with its chain of custody,
            actions, notes and the timeline, with real (unmasked) values. A colleague imports it into their own vault with the passphrase.
          </p>
          {action.error && <Alert tone="error">{action.error.message}</Alert>}
          <TextField
            label="Passphrase"
            type="password"
            autoComplete="new-password"
            value={passphrase}
            onChange={(event) => setPassphrase(event.target.value)}
            disabled={action.pending}
            data-autofocus
            aria-describedby="case-export-strength"
            error={touched && tooShort ? `At least ${MIN_PASSWORD_LENGTH} characters` : action.error?.fields['passphrase']}
            data-testid="case-export-passphrase"
          />
          <div id="case-export-strength" className={`case-pkg__strength case-pkg__strength--${hint.strength}`} aria-live="polite" data-testid="case-export-strength">
            <div className="case-pkg__meter" aria-hidden="true">
              {[1, 2, 3].map((level) => (
                <span key={level} className={METER[hint.strength] >= level ? 'is-on' : undefined} />
              ))}
            </div>
            <p className="case-pkg__strength">{hint.text}</p>
          </div>
          <TextField
            label="Repeat passphrase"
            type="password"
            autoComplete="new-password"
            value={repeat}
            onChange={(event) => setRepeat(event.target.value)}
            disabled={action.pending}
            error={mismatch ? 'The two passphrases differ' : undefined}
            data-testid="case-export-repeat"
          />
          {progress && <TransferProgressBar progress={progress} />}
        </form>
      )}
    </Dialog>
  );
}
