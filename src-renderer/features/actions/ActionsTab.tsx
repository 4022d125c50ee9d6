// Actions of the investigation: propose, and the list with each action's moves.
import { useEffect, useState } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { usePermission } from '../../kit/use-permission';
import { ActionCard } from './ActionCard';
import { ProposeActionForm } from './ProposeActionForm';
import { useActionsStore } from './store';
import '../investigation/workspace-parts.css';
import './actions.css';

export function ActionsTab({ investigationId }: { investigationId: string }) {
  const { actions: { data: actions, status, error }, load, investigationId: loadedFor } = useActionsStore();
  const mayModify = usePermission('modify_investigations');
  const [proposing, setProposing] = useState(false);

  // Always re-read on opening the tab: someone else may have approved or executed meanwhile.
  useEffect(() => {
    void load(investigationId, true);
  }, [investigationId, load]);

  const shown = loadedFor === investigationId ? actions : [];
  return (
    <div className="inv-section">
      <div className="toolbar toolbar--spread">
        <h2>Actions</h2>
        <div className="toolbar">
          <Button size="sm" onClick={() => void load(investigationId, true)} busy={status === 'loading'}>
            Refresh
          </Button>
          {mayModify && !proposing && (
            <Button size="sm" variant="primary" onClick={() => setProposing(true)} data-testid="action-propose">
              Propose action
            </Button>
          )}
        </div>
      </div>
      {proposing && <ProposeActionForm onDone={() => setProposing(false)} />}
      <ErrorBanner message={error} />
      {status === 'loading' && shown.length === 0 && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      {status === 'ready' && shown.length === 0 && <p className="muted">No actions proposed yet.</p>}
      {shown.length > 0 && (
        <ol className="inv-cards" data-testid="actions-list">
          {[...shown].sort((a, b) => b.proposedAt - a.proposedAt).map((action) => (
            <ActionCard key={action.id} action={action} />
          ))}
        </ol>
      )}
    </div>
  );
}
