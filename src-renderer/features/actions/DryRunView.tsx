// What a destructive action would touch, shown to the person deciding on it: accounts, content, IPs
// and other targets (masked per role), and how many alerts mention them.
import { useEffect } from 'react';
import { Alert } from '../../components/Alert';
import { MaskedValue } from '../pii/MaskedValue';
import type { EntityRef } from '../../../src-shared/workspace-model';
import { useActionsStore } from './store';

export function DryRunView({ actionId }: { actionId: string }) {
  const slot = useActionsStore((state) => state.dryRuns[actionId]);
  const loadDryRun = useActionsStore((state) => state.loadDryRun);

  useEffect(() => {
    void loadDryRun(actionId);
  }, [actionId, loadDryRun]);

  if (!slot || slot.status === 'loading') {
    return (
      <p className="muted" role="status">
        Working out what this action would touch…
      </p>
    );
  }
  if (slot.error) return <Alert tone="error" title="Dry run unavailable">{slot.error}</Alert>;
  const dryRun = slot.data;
  if (!dryRun) return null;

  return (
    <section className="dry-run" aria-label="Dry run" data-testid="dry-run">
      <p className="dry-run__summary">
        <strong>Dry run:</strong> {dryRun.summary}
      </p>
      <dl className="dry-run__counts">
        <DryRunGroup label="Accounts" entities={dryRun.accounts} testId="dry-run-accounts" />
        <DryRunGroup label="Content" entities={dryRun.content} testId="dry-run-content" />
        <DryRunGroup label="IPs" entities={dryRun.ips} testId="dry-run-ips" />
        {dryRun.other.length > 0 && <DryRunGroup label="Other" entities={dryRun.other} testId="dry-run-other" />}
        <div>
          <dt>Alerts mentioning them</dt>
          <dd data-testid="dry-run-alerts">{dryRun.alertCount.toLocaleString()}</dd>
        </div>
      </dl>
    </section>
  );
}

const SHOWN = 12;

function DryRunGroup({ label, entities, testId }: { label: string; entities: EntityRef[]; testId: string }) {
  return (
    <div>
      <dt>
        {label} <span className="dry-run__n">({entities.length})</span>
      </dt>
      <dd data-testid={testId}>
        {entities.length === 0 ? (
          <span className="muted">None</span>
        ) : (
          <ul className="entity-chips">
            {entities.slice(0, SHOWN).map((entity) => (
              <li key={entity.id}>
                <MaskedValue entity={entity} />
              </li>
            ))}
            {entities.length > SHOWN && <li className="muted">and {entities.length - SHOWN} more</li>}
          </ul>
        )}
      </dd>
    </div>
  );
}
