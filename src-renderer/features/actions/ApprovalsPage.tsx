// Approvals (#approvals, approve_actions): destructive actions proposed by others, across every
// investigation, each with its dry run, Approve / Reject, and a link to its investigation.
import { useEffect } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { PageHeader } from '../../components/PageHeader';
import { useNavigationStore } from '../../kit/navigation';
import { ActionCard } from './ActionCard';
import { useActionsStore } from './store';
import '../investigation/workspace-parts.css';
import './actions.css';

export function ApprovalsPage() {
  const { data: awaiting, status, error } = useActionsStore((state) => state.awaiting);
  const loadAwaiting = useActionsStore((state) => state.loadAwaiting);
  const lastDecision = useActionsStore((state) => state.lastDecision);
  const navigate = useNavigationStore((state) => state.navigate);

  useEffect(() => {
    void loadAwaiting();
  }, [loadAwaiting]);

  const sorted = [...awaiting].sort((a, b) => a.proposedAt - b.proposedAt);
  return (
    <div className="page--narrow approvals-page">
      <PageHeader
        title="Approvals"
        description="Destructive actions proposed by someone else wait here for a second person. Read the dry run before deciding."
        actions={
          <Button onClick={() => void loadAwaiting()} busy={status === 'loading'}>
            Refresh
          </Button>
        }
      />
      <ErrorBanner message={error} />
      {lastDecision && (
        <Alert tone="success" testId="approvals-notice">
          {lastDecision.status === 'approved' ? 'Approved: it can now be executed from its investigation. ' : 'Rejected: the proposer sees your comment. '}
          <a
            href={`#investigation/${encodeURIComponent(lastDecision.investigationId)}`}
            onClick={(event) => {
              event.preventDefault();
              navigate('investigation', lastDecision.investigationId);
            }}
          >
            Open the investigation
          </a>
        </Alert>
      )}
      {status === 'loading' && awaiting.length === 0 && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      {status === 'ready' && awaiting.length === 0 && <p className="muted">Nothing is waiting for your approval.</p>}
      {sorted.length > 0 && (
        <ol className="inv-cards" data-testid="approvals-list">
          {sorted.map((action) => (
            <ActionCard key={action.id} action={action} investigationLink={{ id: action.investigationId, label: 'Open the investigation' }} />
          ))}
        </ol>
      )}
    </div>
  );
}
