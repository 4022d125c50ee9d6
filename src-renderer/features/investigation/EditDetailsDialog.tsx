// Edits the investigation's title, severity, tags and SLA due time (investigations.update).
import { useState, type SubmitEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useAction } from '../../kit/use-action';
import { SEVERITIES, type Severity } from '../../../src-shared/model';
import type { InvestigationDetail } from '../../../src-shared/workspace-model';
import { SEVERITY_LABELS } from '../../components/severity';
import { fromLocalInput, parseTags, toLocalInput } from '../investigations/template-draft';
import { useInvestigationStore } from './store';

export function EditDetailsDialog({ detail, onClose }: { detail: InvestigationDetail; onClose(): void }) {
  const update = useInvestigationStore((state) => state.update);
  const action = useAction(update);
  const [title, setTitle] = useState(detail.title);
  const [severity, setSeverity] = useState<Severity>(detail.severity);
  const [tags, setTags] = useState(detail.tags.join(', '));
  const [slaDue, setSlaDue] = useState(detail.slaDueAt === null ? '' : toLocalInput(detail.slaDueAt));
  const [slaError, setSlaError] = useState<string | null>(null);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const slaDueAt = slaDue === '' ? null : fromLocalInput(slaDue);
    if (slaDue !== '' && slaDueAt === null) return setSlaError('Enter a date and time, or leave it empty');
    setSlaError(null);
    if (await action.run({ title, severity, tags: parseTags(tags), slaDueAt })) onClose();
  };

  const errors = action.error?.fields ?? {};
  return (
    <Dialog title={`Edit ${detail.key}`} onClose={onClose} testId="edit-investigation-dialog">
      <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorBanner message={action.error?.message} />
        <TextField label="Title" value={title} onChange={(event) => setTitle(event.target.value)} required maxLength={200} data-autofocus error={errors['title']} />
        <div className="form-row">
          <SelectField label="Severity" value={severity} onChange={(event) => setSeverity(event.target.value as Severity)}>
            {SEVERITIES.map((option) => (
              <option key={option} value={option}>
                {SEVERITY_LABELS[option]}
              </option>
            ))}
          </SelectField>
          <TextField label="SLA due" type="datetime-local" value={slaDue} onChange={(event) => setSlaDue(event.target.value)} error={slaError ?? errors['slaDueAt']} />
        </div>
        <TextField
          label="Tags"
          value={tags}
          onChange={(event) => setTags(event.target.value)}
          hint="Separated by commas: letters, digits, colon, dash, underscore."
          error={Object.entries(errors).find(([field]) => field.startsWith('tags'))?.[1]}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={action.pending}>
            Save
          </Button>
          <Button onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}
