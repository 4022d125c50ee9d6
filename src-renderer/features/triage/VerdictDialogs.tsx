// The dialogs behind verdicts that need an answer first: dismiss (reason), assign (who), promote to a
// new investigation (title, template, severity) and merge into an existing one (pick by text).
import { useEffect, useState, type SubmitEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useAction } from '../../kit/use-action';
import { api } from '../../api/client';
import { describeError } from '../../format/error-message';
import { SEVERITIES, type Severity } from '../../../src-shared/model';
import {
  DISMISS_REASONS, type DirectoryUser, type DismissReason, type InvestigationSummary, type InvestigationTemplate, type TemplateId,
} from '../../../src-shared/workspace-model';
import { useTriageStore, type AlertSelectionInput } from './store';
import { PROMOTE_TO_ME, PromoteAssigneeField, promotedAssignee } from './PromoteAssignee';

export interface VerdictDialogProps {
  target: AlertSelectionInput;
  /** How many alerts the target names, for the wording. */
  count: number;
  onClose(): void;
}

const REASON_LABELS: Readonly<Record<DismissReason, string>> = {
  false_positive: 'False positive',
  benign: 'Benign',
  duplicate: 'Duplicate',
  insufficient_evidence: 'Insufficient evidence',
  out_of_scope: 'Out of scope',
  other: 'Other',
};

const alertsWord = (count: number) => `${count.toLocaleString()} ${count === 1 ? 'alert' : 'alerts'}`;

export function DismissDialog({ target, count, onClose, onDone }: VerdictDialogProps & { onDone(): void }) {
  const bulk = useTriageStore((state) => state.bulk);
  const action = useAction(bulk);
  const [reason, setReason] = useState<DismissReason>('false_positive');
  const [comment, setComment] = useState('');
  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (await action.run(target, { kind: 'dismiss', reason, comment: comment.trim() || undefined })) onDone();
  };
  return (
    <Dialog
      title={`Dismiss ${alertsWord(count)}`}
      onClose={onClose}
      size="sm"
      testId="dismiss-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form="dismiss-form" variant="primary" busy={action.pending} data-testid="dismiss-confirm">
            Dismiss
          </Button>
        </>
      }
    >
      <form id="dismiss-form" className="form-stack" onSubmit={(event) => void submit(event)}>
        <ErrorBanner message={action.error?.message} />
        <SelectField label="Reason" value={reason} onChange={(event) => setReason(event.target.value as DismissReason)} data-autofocus data-testid="dismiss-reason">
          {DISMISS_REASONS.map((option) => (
            <option key={option} value={option}>
              {REASON_LABELS[option]}
            </option>
          ))}
        </SelectField>
        <TextField label="Comment (optional)" value={comment} maxLength={500} onChange={(event) => setComment(event.target.value)} />
      </form>
    </Dialog>
  );
}

export function AssignDialog({ target, count, onClose, onDone }: VerdictDialogProps & { onDone(): void }) {
  const bulk = useTriageStore((state) => state.bulk);
  const action = useAction(bulk);
  const [users, setUsers] = useState<DirectoryUser[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [assignee, setAssignee] = useState('');
  useEffect(() => {
    api.invoke('users.directory', {}).then(
      (list) => setUsers(list.filter((user) => !user.disabled)),
      (error: unknown) => setLoadError(describeError(error).message),
    );
  }, []);
  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (await action.run(target, { kind: 'assign', assigneeId: assignee || null })) onDone();
  };
  return (
    <Dialog
      title={`Assign ${alertsWord(count)}`}
      onClose={onClose}
      size="sm"
      testId="assign-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form="assign-form" variant="primary" busy={action.pending} data-testid="assign-confirm">
            Assign
          </Button>
        </>
      }
    >
      <form id="assign-form" className="form-stack" onSubmit={(event) => void submit(event)}>
        <ErrorBanner message={loadError ?? action.error?.message} />
        <SelectField label="Assignee" value={assignee} onChange={(event) => setAssignee(event.target.value)} data-autofocus data-testid="assign-user">
          <option value="">{users === null && !loadError ? 'Loading…' : 'Nobody (unassign)'}</option>
          {(users ?? []).map((user) => (
            <option key={user.id} value={user.id}>
              {user.displayName} ({user.username})
            </option>
          ))}
        </SelectField>
      </form>
    </Dialog>
  );
}

export function PromoteDialog({ target, count, onClose, onDone }: VerdictDialogProps & { onDone(investigationId: string): void }) {
  const promote = useTriageStore((state) => state.promote);
  const [created, setCreated] = useState<string | null>(null);
  const action = useAction(async (draft: Parameters<typeof promote>[1]) => setCreated((await promote(target, draft)).id));
  const [templates, setTemplates] = useState<InvestigationTemplate[]>([]);
  const [title, setTitle] = useState('');
  const [templateId, setTemplateId] = useState<TemplateId | ''>('');
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [assignee, setAssignee] = useState(PROMOTE_TO_ME);
  useEffect(() => {
    // Without templates the dialog still works: "No template" is always offered.
    api.invoke('investigations.templates', {}).then(setTemplates, () => undefined);
  }, []);
  useEffect(() => {
    if (created) onDone(created);
  }, [created, onDone]);
  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    await action.run({ title, templateId: templateId || undefined, severity: severity || undefined, ...promotedAssignee(assignee) });
  };
  return (
    <Dialog
      title={`Promote ${alertsWord(count)} to a new investigation`}
      onClose={onClose}
      testId="promote-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form="promote-form" variant="primary" busy={action.pending} data-testid="promote-confirm">
            Create investigation
          </Button>
        </>
      }
    >
      <form id="promote-form" className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorBanner message={action.error && !action.error.fields['investigation.title'] ? action.error.message : null} />
        <TextField
          label="Title"
          value={title}
          maxLength={200}
          required
          onChange={(event) => setTitle(event.target.value)}
          error={action.error?.fields['investigation.title']}
          data-autofocus
          data-testid="promote-title"
        />
        <div className="form-row">
          <SelectField label="Template" value={templateId} onChange={(event) => setTemplateId(event.target.value as TemplateId | '')} data-testid="promote-template">
            <option value="">No template</option>
            {templates.map((template) => (
              <option key={template.id} value={template.id} title={template.description}>
                {template.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="Severity" value={severity} onChange={(event) => setSeverity(event.target.value as Severity | '')} data-testid="promote-severity">
            <option value="">From the alerts / template</option>
            {SEVERITIES.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </SelectField>
          <PromoteAssigneeField value={assignee} onChange={setAssignee} />
        </div>
      </form>
    </Dialog>
  );
}

export function MergeDialog({ target, count, onClose, onDone }: VerdictDialogProps & { onDone(): void }) {
  const merge = useTriageStore((state) => state.merge);
  const action = useAction(merge);
  const [text, setText] = useState('');
  const [found, setFound] = useState<InvestigationSummary[] | null>(null);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<string>('');

  useEffect(() => {
    // A short pause after typing, so each keystroke does not become a query.
    let current = true;
    const timer = window.setTimeout(() => {
      api.invoke('investigations.list', { text: text.trim() || undefined, status: ['open', 'in_progress', 'pending'], limit: 20 }).then(
        (page) => {
          if (!current) return;
          setFound(page.rows);
          setSearchError(null);
        },
        (error: unknown) => current && setSearchError(describeError(error).message),
      );
    }, 200);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [text]);

  const picked = found?.find((candidate) => candidate.id === chosen) ?? null;
  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!picked) return;
    if (await action.run(target, picked.id, picked.key)) onDone();
  };
  return (
    <Dialog
      title={`Merge ${alertsWord(count)} into an investigation`}
      onClose={onClose}
      testId="merge-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form="merge-form" variant="primary" busy={action.pending} aria-disabled={!picked || undefined} data-testid="merge-confirm">
            Merge
          </Button>
        </>
      }
    >
      <form id="merge-form" className="form-stack" onSubmit={(event) => void submit(event)}>
        <ErrorBanner message={searchError ?? action.error?.message} />
        <TextField label="Find an open investigation" value={text} onChange={(event) => setText(event.target.value)} placeholder="Key or words in the title" data-autofocus data-testid="merge-search" />
        <fieldset className="merge-list" aria-label="Investigations">
          <legend className="visually-hidden">Investigations</legend>
          {found === null && <p className="muted">Loading…</p>}
          {found?.length === 0 && <p className="muted">No open investigation matches.</p>}
          {found?.map((candidate) => (
            <label key={candidate.id} className="choice merge-list__item">
              <input type="radio" name="investigation" value={candidate.id} checked={chosen === candidate.id} onChange={() => setChosen(candidate.id)} />
              <span className="mono">{candidate.key}</span>
              <span className="truncate" title={candidate.title}>
                {candidate.title}
              </span>
              <span className="muted">{candidate.status.replace('_', ' ')}</span>
            </label>
          ))}
        </fieldset>
      </form>
    </Dialog>
  );
}
