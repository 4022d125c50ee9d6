// One action: kind, status, targets, reason and its history; the dry run and Approve / Reject for a
// second person deciding a destructive action; Execute and Revert (with a reason) when allowed.
import { useState, type SubmitEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { MaskedValue } from '../pii/MaskedValue';
import { fieldText } from '../../components/native-form';
import { useAction } from '../../kit/use-action';
import { formatDateTime } from '../../format/time';
import type { ActionItem } from '../../../src-shared/workspace-model';
import { useSessionStore } from '../../kit/session-store';
import { useNavigationStore } from '../../kit/navigation';
import { TextAreaField } from '../investigation/TextAreaField';
import { ACTION_KIND_LABELS, ACTION_STATUS_LABELS, actionMoves, actionStatusTone } from './action-rules';
import { DryRunView } from './DryRunView';
import { ExecuteDialog } from './ExecuteDialog';
import { useActionsStore } from './store';
import { api } from '../../api/client';

type Asking = 'approve' | 'reject' | 'revert' | null;

export function ActionCard({ action, investigationLink }: { action: ActionItem; investigationLink?: { id: string; label: string } }) {
  const session = useSessionStore((state) => state.session);
  const navigate = useNavigationStore((state) => state.navigate);
  const execute = useActionsStore((state) => state.execute);
  const executeAction = useAction(execute);
  const [asking, setAsking] = useState<Asking>(null);
  const [confirmingExecute, setConfirmingExecute] = useState(false);
  const [hooked, setHooked] = useState<boolean | null>(null);
  if (!session) return null;
  const confirmExecute = () => {
    setConfirmingExecute(true);
    setHooked(null);
    // Whether a webhook follows the record, asked now: an administrator may have changed it since.
    api.invoke('actionHooks.configured', {}).then(
      ({ kinds }) => setHooked(kinds.includes(action.kind)),
      () => setHooked(false),
    );
  };
  const moves = actionMoves(action, { userId: session.userId, permissions: session.permissions });
  const kind = ACTION_KIND_LABELS[action.kind];

  return (
    <li className="inv-card action-card" data-testid="action-card" data-action-status={action.status}>
      <div className="inv-card__head">
        <h3>
          {kind}
          {action.destructive && (
            <Badge tone="danger" title="Needs approval by a second person">
              Destructive
            </Badge>
          )}
        </h3>
        <Badge tone={actionStatusTone(action.status)}>{ACTION_STATUS_LABELS[action.status]}</Badge>
      </div>
      {investigationLink && (
        <p>
          <a
            href={`#investigation/${encodeURIComponent(investigationLink.id)}`}
            onClick={(event) => {
              event.preventDefault();
              navigate('investigation', investigationLink.id);
            }}
          >
            {investigationLink.label}
          </a>
        </p>
      )}
      <p className="action-card__reason">{action.reason}</p>
      <div className="action-card__targets">
        <span className="muted">Targets ({action.targets.length}):</span>
        <ul className="entity-chips">
          {action.targets.map((target) => (
            <li key={target.id}>
              <MaskedValue entity={target} onOpen={() => navigate('entity', target.id)} />
            </li>
          ))}
        </ul>
      </div>
      <ActionHistory action={action} />
      {moves.dryRun && moves.approve && <DryRunView actionId={action.id} />}
      {moves.waitingNote && <p className="muted action-card__waiting">{moves.waitingNote}</p>}
      <ErrorBanner message={executeAction.error?.message} />
      {(moves.approve || moves.reject || moves.execute || moves.revert) && !asking && (
        <div className="form-actions">
          {moves.approve && (
            <Button variant="primary" size="sm" onClick={() => setAsking('approve')} data-testid="action-approve" aria-label={`Approve: ${kind}`}>
              Approve…
            </Button>
          )}
          {moves.reject && (
            <Button variant="danger" size="sm" onClick={() => setAsking('reject')} data-testid="action-reject" aria-label={`Reject: ${kind}`}>
              Reject…
            </Button>
          )}
          {moves.execute && (
            <Button variant="primary" size="sm" busy={executeAction.pending} onClick={confirmExecute} data-testid="action-execute" aria-label={`Execute: ${kind}`}>
              Execute…
            </Button>
          )}
          {moves.revert && (
            <Button size="sm" onClick={() => setAsking('revert')} data-testid="action-revert" aria-label={`Revert: ${kind}`}>
              Revert…
            </Button>
          )}
        </div>
      )}
      {asking && <DecisionForm actionId={action.id} kind={asking} onDone={() => setAsking(null)} />}
      {confirmingExecute && (
        <ExecuteDialog
          action={action}
          pending={executeAction.pending}
          hooked={hooked}
          error={executeAction.error?.message}
          onConfirm={async () => {
            if (await executeAction.run(action.id)) setConfirmingExecute(false);
          }}
          onClose={() => setConfirmingExecute(false)}
        />
      )}
    </li>
  );
}

function ActionHistory({ action }: { action: ActionItem }) {
  const line = (verb: string, by: ActionItem['proposedBy'], at: number | null) =>
    at === null ? null : (
      <li>
        {verb} by {by?.displayName ?? 'Unknown'}, {formatDateTime(at)}
      </li>
    );
  const decidedVerb = action.status === 'rejected' ? 'Rejected' : 'Approved';
  return (
    <ul className="action-card__history">
      {line('Proposed', action.proposedBy, action.proposedAt)}
      {line(decidedVerb, action.decidedBy, action.decidedAt)}
      {action.decisionComment && <li className="muted">“{action.decisionComment}”</li>}
      {line('Executed', action.executedBy, action.executedAt)}
      {line('Reverted', action.revertedBy, action.revertedAt)}
      {action.revertReason && <li className="muted">“{action.revertReason}”</li>}
    </ul>
  );
}

const DECISION_WORDING = {
  approve: { label: 'Comment (optional)', button: 'Approve', required: false, testId: 'action-approve-confirm' },
  reject: { label: 'Why it is rejected', button: 'Reject', required: true, testId: 'action-reject-confirm' },
  revert: { label: 'Why it is reverted', button: 'Revert', required: true, testId: 'action-revert-confirm' },
} as const;

function DecisionForm({ actionId, kind, onDone }: { actionId: string; kind: Exclude<Asking, null>; onDone(): void }) {
  const store = useActionsStore();
  const run = (text: string) => (kind === 'approve' ? store.approve(actionId, text) : kind === 'reject' ? store.reject(actionId, text) : store.revert(actionId, text));
  const action = useAction(run);
  const wording = DECISION_WORDING[kind];
  const [missing, setMissing] = useState<string | null>(null);

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = fieldText(new FormData(event.currentTarget), 'comment').trim();
    if (wording.required && text.length < 3) return setMissing('Say why (at least 3 characters)');
    setMissing(null);
    if (await action.run(text)) onDone();
  };

  return (
    <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate aria-label={wording.button}>
      <ErrorBanner message={action.error?.message} />
      <TextAreaField
        label={wording.label}
        name="comment"
        rows={2}
        maxLength={1000}
        autoFocus
        error={missing ?? action.error?.fields['comment'] ?? action.error?.fields['reason']}
        data-testid="action-comment"
      />
      <div className="form-actions">
        <Button type="submit" variant={kind === 'reject' ? 'danger' : 'primary'} size="sm" busy={action.pending} data-testid={wording.testId}>
          {wording.button}
        </Button>
        <Button size="sm" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
