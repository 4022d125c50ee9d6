// The dialogs behind verdicts that need an answer first: dismiss (reason), assign (who), promote to a
// new investigation (title, template, severity) and add to an existing one (pick by text; the
// channel is alerts.merge).
import { useEffect, useState, type KeyboardEvent, type SubmitEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useAction } from '../../kit/use-action';
import { api } from '../../api/client';
import { describeError } from '../../format/error-message';
import { SEVERITIES, SEVERITY_LABELS, type Severity } from '../../../src-shared/model';
import type { PromotionSeverityPreview } from '../../../src-shared/promotion-contract';
import {
  DEFAULT_DISMISS_REASON, DISMISS_REASONS, type DirectoryUser, type DismissReason, type InvestigationSummary, type InvestigationTemplate, type TemplateId,
} from '../../../src-shared/workspace-model';
import { useSessionStore } from '../../kit/session-store';
import { useTriageStore, type AlertSelectionInput } from './store';
import { assigneeChoices, signedInUser, UNASSIGN } from './assignee-choices';
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
  const [reason, setReason] = useState<DismissReason>(DEFAULT_DISMISS_REASON);
  const [comment, setComment] = useState('');
  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (await action.run(target, { kind: 'dismiss', reason, comment: comment.trim() || undefined })) onDone();
  };
  // Focus starts on Dismiss, so `d` then Enter dismisses with the reason shown checked; the reasons
  // are radios (all visible, arrow keys move between them), where a <select> took Enter to open its list.
  return (
    <Dialog
      title={`Dismiss ${alertsWord(count)}`}
      onClose={onClose}
      size="sm"
      testId="dismiss-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form="dismiss-form" variant="primary" busy={action.pending} data-autofocus data-testid="dismiss-confirm">
            Dismiss as {REASON_LABELS[reason].toLowerCase()}
          </Button>
        </>
      }
    >
      <form id="dismiss-form" className="form-stack" onSubmit={(event) => void submit(event)} onKeyDown={submitOnEnterInChoice}>
        <ErrorBanner message={action.error?.message} />
        <fieldset className="choice-group dismiss-reasons" data-testid="dismiss-reason">
          <legend>Reason</legend>
          {DISMISS_REASONS.map((option) => (
            <label key={option} className="choice">
              <input type="radio" name="reason" value={option} checked={reason === option} onChange={() => setReason(option)} data-testid={`dismiss-reason-${option}`} />
              {REASON_LABELS[option]}
            </label>
          ))}
        </fieldset>
        <TextField label="Comment (optional)" value={comment} maxLength={500} onChange={(event) => setComment(event.target.value)} />
      </form>
    </Dialog>
  );
}

/** Enter on a radio confirms the form, as it does in a text field (browsers differ on radios). */
function submitOnEnterInChoice(event: KeyboardEvent<HTMLFormElement>) {
  if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement) || event.target.type !== 'radio') return;
  event.preventDefault();
  event.currentTarget.requestSubmit();
}

export function AssignDialog({ target, count, onClose, onDone }: VerdictDialogProps & { onDone(): void }) {
  const bulk = useTriageStore((state) => state.bulk);
  const action = useAction(bulk);
  // Who is signed in when the dialog opens (a lock or sign-out unmounts the screen, dialog and all).
  const [me] = useState(() => signedInUser(useSessionStore.getState().session));
  const [users, setUsers] = useState<DirectoryUser[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Assigning is mostly "I take these": the analyst at the keyboard is preselected, never "nobody".
  const [picked, setAssignee] = useState<string | null>(null);
  const assignee = picked ?? me?.id ?? UNASSIGN;
  const choices = assigneeChoices(me, users);
  useEffect(() => {
    api.invoke('users.directory', {}).then(
      (list) => setUsers(list),
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
          <Button type="submit" form="assign-form" variant="primary" busy={action.pending} data-autofocus data-testid="assign-confirm">
            {assignee === UNASSIGN ? 'Unassign' : 'Assign'}
          </Button>
        </>
      }
    >
      <form id="assign-form" className="form-stack" onSubmit={(event) => void submit(event)}>
        <ErrorBanner message={loadError ?? action.error?.message} />
        <SelectField
          label="Assignee"
          value={assignee}
          onChange={(event) => setAssignee(event.target.value)}
          hint={users === null && !loadError ? 'Loading the other users…' : undefined}
          data-testid="assign-user"
        >
          {choices.map((choice) => (
            <option key={choice.value || 'nobody'} value={choice.value}>
              {choice.label}
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
  // The preview answered for a template; one for the template picked before is not shown.
  const [answered, setAnswered] = useState<{ templateId: TemplateId | ''; preview: PromotionSeverityPreview } | null>(null);
  const preview = answered?.templateId === templateId ? answered.preview : null;
  useEffect(() => {
    // Main reads the same selection the promotion will: what "from the alerts / template" comes to.
    let current = true;
    api.invoke('alerts.promotionSeverity', { selection: target, templateId: templateId || undefined }).then(
      (answer) => current && setAnswered({ templateId, preview: answer }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [target, templateId]);
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
          <SelectField
            label="Severity"
            value={severity}
            onChange={(event) => setSeverity(event.target.value as Severity | '')}
            hint={severity === '' ? promotionSeverityHint(preview) : undefined}
            data-testid="promote-severity"
          >
            <option value="">{preview ? `${SEVERITY_LABELS[preview.severity]} (from the alerts / template)` : 'From the alerts / template'}</option>
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

/** Why the default severity is what it is: raised to the alerts' when the template's is lower. */
export function promotionSeverityHint(preview: PromotionSeverityPreview | null): string | undefined {
  if (!preview) return undefined;
  if (preview.highestAlert && preview.severity !== preview.template) {
    return `${SEVERITY_LABELS[preview.severity]}: the highest alert's severity, above the template's ${SEVERITY_LABELS[preview.template].toLowerCase()}.`;
  }
  return `${SEVERITY_LABELS[preview.severity]}: the template's, at or above every alert's.`;
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
      title={`Add ${alertsWord(count)} to an investigation`}
      onClose={onClose}
      testId="merge-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form="merge-form" variant="primary" busy={action.pending} aria-disabled={!picked || undefined} data-testid="merge-confirm">
            Add to investigation
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
