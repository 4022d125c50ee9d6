// Proposes an action: its kind, targets picked from the investigation's entities, and the reason.
// Destructive kinds say up front that a second person must approve them.
import { useEffect, useMemo, useState, type SubmitEvent } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { fieldText } from '../../components/native-form';
import { useAction } from '../../kit/use-action';
import type { ActionKind } from '../../../src-shared/workspace-model';
import { ACTION_KINDS } from '../../../src-shared/workspace-model';
import { useInvestigationStore } from '../investigation/store';
import { TextAreaField } from '../investigation/TextAreaField';
import { ACTION_KIND_LABELS } from './action-rules';
import { useActionsStore } from './store';

/** Kinds main treats as destructive (four eyes); the list shows the flag main returns. */
const DESTRUCTIVE: ReadonlySet<ActionKind> = new Set(['suspend_account', 'remove_content', 'block_ip', 'escalate_law_enforcement']);

export function ProposeActionForm({ onDone }: { onDone(): void }) {
  const propose = useActionsStore((state) => state.propose);
  const graph = useInvestigationStore((state) => state.parts.graph);
  const loadPart = useInvestigationStore((state) => state.loadPart);
  const action = useAction(propose);
  const [kind, setKind] = useState<ActionKind>('suspend_account');
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [filter, setFilter] = useState('');
  const [missing, setMissing] = useState<string | null>(null);

  useEffect(() => {
    void loadPart('graph');
  }, [loadPart]);

  const entities = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    const nodes = graph.data?.nodes ?? [];
    return nodes.filter((node) => needle === '' || node.value.toLowerCase().includes(needle) || node.kind.includes(needle));
  }, [graph.data, filter]);

  const toggle = (id: string) =>
    setPicked((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = fieldText(new FormData(event.currentTarget), 'reason').trim();
    if (picked.size === 0) return setMissing('Pick at least one target');
    setMissing(null);
    if (await action.run({ kind, targetEntityIds: [...picked], reason })) {
      void useInvestigationStore.getState().reload();
      onDone();
    }
  };

  return (
    <form className="form-stack panel" onSubmit={(event) => void submit(event)} noValidate aria-label="Propose an action">
      <ErrorBanner message={action.error?.message} />
      <SelectField label="Action" value={kind} onChange={(event) => setKind(event.target.value as ActionKind)} data-testid="action-kind">
        {ACTION_KINDS.map((option) => (
          <option key={option} value={option}>
            {ACTION_KIND_LABELS[option]}
          </option>
        ))}
      </SelectField>
      {DESTRUCTIVE.has(kind) && (
        <Alert tone="info" role="note">
          Destructive: someone else who may approve actions must approve it before it can be executed.
        </Alert>
      )}
      <fieldset className="target-picker" aria-describedby={missing ? 'target-picker-error' : undefined}>
        <legend>
          Targets <span className="muted">({picked.size} picked)</span>
        </legend>
        <TextField label="Filter entities" value={filter} onChange={(event) => setFilter(event.target.value)} placeholder="Kind or value" />
        {graph.status === 'failed' && <Alert tone="error">{graph.error}</Alert>}
        {graph.status === 'loading' && <p className="muted">Loading the investigation's entities…</p>}
        {graph.data && graph.data.nodes.length === 0 && <p className="muted">This investigation has no entities yet: add alerts to it first.</p>}
        <ul className="target-picker__list" data-testid="action-targets">
          {entities.map((entity) => (
            <li key={entity.id}>
              <label className="choice">
                <input type="checkbox" checked={picked.has(entity.id)} onChange={() => toggle(entity.id)} data-testid="action-target" />
                <span className="target-picker__kind">{entity.kind}</span>
                <span className="truncate mono" title={entity.masked ? `${entity.kind}: masked for your role` : entity.value}>
                  {entity.value}
                </span>
                <span className="muted">{entity.alertCount} alerts</span>
              </label>
            </li>
          ))}
        </ul>
        {missing && (
          <p id="target-picker-error" className="field__error">
            {missing}
          </p>
        )}
      </fieldset>
      <TextAreaField label="Reason" name="reason" rows={3} maxLength={1000} required error={action.error?.fields['reason']} hint="At least 3 characters; the approver reads this." data-testid="action-reason" />
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={action.pending} data-testid="action-propose-submit">
          Propose action
        </Button>
        <Button onClick={onDone}>Cancel</Button>
      </div>
    </form>
  );
}
