// Opens a new investigation: title, template (pre-fills severity, tags, SLA and the tasks it will
// create), summary, assignee, SLA due. On success the new investigation opens.
import { useState, type SubmitEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useAction } from '../../kit/use-action';
import { useNavigationStore } from '../../kit/navigation';
import { SEVERITIES, type Severity } from '../../../src-shared/model';
import type { TemplateId } from '../../../src-shared/workspace-model';
import { TextAreaField } from '../investigation/TextAreaField';
import { assignableUsers, useDirectoryStore } from './directory-store';
import { SEVERITY_LABELS } from '../../components/severity';
import { useInvestigationsStore } from './store';
import { fromLocalInput, parseTags, templateDefaults } from './template-draft';

interface Draft {
  title: string;
  templateId: TemplateId | '';
  severity: Severity;
  tags: string;
  summary: string;
  assigneeId: string;
  slaDue: string;
}

const EMPTY: Draft = { title: '', templateId: '', severity: 'medium', tags: '', summary: '', assigneeId: '', slaDue: '' };

export function NewInvestigationDialog({ onClose }: { onClose(): void }) {
  const templates = useDirectoryStore((state) => state.directory.data.templates);
  const users = assignableUsers(useDirectoryStore((state) => state.directory.data.users));
  const directoryError = useDirectoryStore((state) => state.directory.error);
  const create = useInvestigationsStore((state) => state.create);
  const navigate = useNavigationStore((state) => state.navigate);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [slaError, setSlaError] = useState<string | null>(null);
  const action = useAction(async () => {
    const slaDueAt = draft.slaDue === '' ? null : fromLocalInput(draft.slaDue);
    const detail = await create({
      title: draft.title,
      summary: draft.summary,
      severity: draft.severity,
      ...(draft.templateId !== '' ? { templateId: draft.templateId } : {}),
      assigneeId: draft.assigneeId === '' ? null : draft.assigneeId,
      tags: parseTags(draft.tags),
      slaDueAt,
    });
    navigate('investigation', detail.id);
  });

  const template = templates.find((candidate) => candidate.id === draft.templateId) ?? null;

  const chooseTemplate = (templateId: TemplateId | '') => {
    const chosen = templates.find((candidate) => candidate.id === templateId);
    setDraft((current) => ({ ...current, templateId, ...(chosen ? templateDefaults(chosen, Date.now()) : {}) }));
  };

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (draft.slaDue !== '' && fromLocalInput(draft.slaDue) === null) return setSlaError('Enter a date and time, or leave it empty');
    setSlaError(null);
    await action.run();
  };

  const errors = action.error?.fields ?? {};
  return (
    <Dialog title="New investigation" onClose={onClose} testId="new-investigation-dialog">
      <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorBanner message={action.error?.message ?? directoryError} />
        <TextField
          label="Title"
          value={draft.title}
          onChange={(event) => setDraft({ ...draft, title: event.target.value })}
          required
          maxLength={200}
          data-autofocus
          error={errors['title']}
          data-testid="new-investigation-title"
        />
        <SelectField
          label="Template"
          value={draft.templateId}
          onChange={(event) => chooseTemplate(event.target.value as TemplateId | '')}
          hint={template ? template.description : 'A template sets severity, tags, the SLA and a starting task list.'}
          data-testid="new-investigation-template"
        >
          <option value="">No template</option>
          {templates.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name}
            </option>
          ))}
        </SelectField>
        {template && template.tasks.length > 0 && (
          <div className="template-tasks">
            <p className="field__label">Tasks it will add</p>
            <ul>
              {template.tasks.map((task) => (
                <li key={task}>{task}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="form-row">
          <SelectField label="Severity" value={draft.severity} onChange={(event) => setDraft({ ...draft, severity: event.target.value as Severity })} data-testid="new-investigation-severity">
            {SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>
                {SEVERITY_LABELS[severity]}
              </option>
            ))}
          </SelectField>
          <SelectField label="Assignee" value={draft.assigneeId} onChange={(event) => setDraft({ ...draft, assigneeId: event.target.value })} data-testid="new-investigation-assignee">
            <option value="">Unassigned</option>
            {users.map((user) => (
              <option key={user.id} value={user.id}>
                {user.displayName}
              </option>
            ))}
          </SelectField>
          <TextField
            label="SLA due"
            type="datetime-local"
            value={draft.slaDue}
            onChange={(event) => setDraft({ ...draft, slaDue: event.target.value })}
            error={slaError ?? errors['slaDueAt']}
            data-testid="new-investigation-sla"
          />
        </div>
        <TextField
          label="Tags"
          value={draft.tags}
          onChange={(event) => setDraft({ ...draft, tags: event.target.value })}
          hint="Separated by commas: letters, digits, colon, dash, underscore."
          error={Object.entries(errors).find(([field]) => field.startsWith('tags'))?.[1]}
          data-testid="new-investigation-tags"
        />
        <TextAreaField
          label="Summary"
          value={draft.summary}
          onChange={(event) => setDraft({ ...draft, summary: event.target.value })}
          rows={4}
          maxLength={100_000}
          hint="Markdown. What is suspected and why."
          error={errors['summary']}
          data-testid="new-investigation-summary"
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={action.pending} data-testid="new-investigation-create">
            Create investigation
          </Button>
          <Button onClick={onClose}>Cancel</Button>
        </div>
      </form>
    </Dialog>
  );
}
