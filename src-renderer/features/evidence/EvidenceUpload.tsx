// Adds a file to the investigation: chunked upload with progress, then the evidence row (sha256 is
// computed by main from the bytes it stored).
import { useRef, useState, type SubmitEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import { fieldText } from '../../components/native-form';
import { FieldFrame } from '../../components/FieldFrame';
import { useAction } from '../../kit/use-action';
import { formatBytes } from '../../format/bytes';
import { useEvidenceStore } from './store';
import { useInvestigationStore } from '../investigation/store';

export function EvidenceUpload({ onDone }: { onDone(): void }) {
  const uploadFile = useEvidenceStore((state) => state.uploadFile);
  const progress = useEvidenceStore((state) => state.upload);
  const action = useAction(uploadFile);
  const [missing, setMissing] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = fileInput.current?.files?.[0];
    if (!file) {
      setMissing('Choose a file');
      fileInput.current?.focus();
      return;
    }
    setMissing(null);
    if (await action.run(file, fieldText(new FormData(event.currentTarget), 'description').trim())) {
      // The header's tab counts come from the investigation's detail: read it again.
      void useInvestigationStore.getState().reload();
      onDone();
    }
  };

  return (
    <form className="form-stack panel" onSubmit={(event) => void submit(event)} noValidate aria-label="Add evidence">
      <ErrorBanner message={action.error?.message} />
      <div className="form-row">
        <FieldFrame label="File" error={missing} hint="Stored encrypted in the vault; its SHA-256 is recorded when it is added.">
          {(control) => <input {...control} ref={fileInput} type="file" name="file" className="input input--file" data-testid="evidence-file" />}
        </FieldFrame>
        <TextField label="Description" name="description" maxLength={2000} placeholder="What this is and where it came from" data-testid="evidence-description" />
      </div>
      {progress && (
        <div className="upload-progress">
          <label htmlFor="evidence-upload-progress">
            Uploading {progress.fileName}: {formatBytes(progress.sent)} of {formatBytes(progress.total)}
          </label>
          <progress id="evidence-upload-progress" max={Math.max(1, progress.total)} value={progress.sent} data-testid="evidence-progress" />
        </div>
      )}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={action.pending} data-testid="evidence-upload">
          Add evidence
        </Button>
        <Button onClick={onDone} disabled={action.pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
