// The retention policy for administrators: days and mode per kind, the grace period and the daily
// run; the dry run's exact counts; and "Apply now", confirmed with those counts in front of the person.
import { useEffect, useState, type SubmitEvent } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useAction } from '../../kit/use-action';
import { RETENTION_KINDS, retentionPolicySchema, type RetentionKind, type RetentionPolicy, type RetentionPreview } from '../../../src-shared/retention-contract';
import { useComplianceStore } from './store';

const KIND_LABELS: Record<RetentionKind, string> = {
  closedInvestigations: 'Closed investigations (from closing)',
  dismissedAlerts: 'Dismissed alerts (from dismissal)',
  evidence: 'Evidence files of closed investigations (from upload)',
};

interface Draft {
  enabled: boolean;
  graceDays: string;
  kinds: Record<RetentionKind, { days: string; mode: 'purge' | 'anonymise' }>;
}

function draftOf(policy: RetentionPolicy): Draft {
  const kind = (k: RetentionKind) => ({ days: policy[k].days === null ? '' : String(policy[k].days), mode: policy[k].mode });
  return { enabled: policy.enabled, graceDays: String(policy.graceDays), kinds: { closedInvestigations: kind('closedInvestigations'), dismissedAlerts: kind('dismissedAlerts'), evidence: kind('evidence') } };
}

function policyOf(draft: Draft): RetentionPolicy | string {
  const days = (text: string) => (text.trim() === '' ? null : Number(text));
  const parsed = retentionPolicySchema.safeParse({
    enabled: draft.enabled,
    graceDays: Number(draft.graceDays),
    closedInvestigations: { days: days(draft.kinds.closedInvestigations.days), mode: draft.kinds.closedInvestigations.mode },
    dismissedAlerts: { days: days(draft.kinds.dismissedAlerts.days), mode: draft.kinds.dismissedAlerts.mode },
    evidence: { days: days(draft.kinds.evidence.days), mode: 'purge' },
  });
  return parsed.success ? parsed.data : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
}

export function RetentionSection() {
  const { policy, preview, lastRun, loadRetention } = useComplianceStore();
  useEffect(() => {
    void loadRetention();
  }, [loadRetention]);
  return (
    <section className="panel compliance__retention" aria-labelledby="compliance-retention" data-testid="retention-section">
      <h2 id="compliance-retention">Retention</h2>
      <p className="panel__description">
        Purge removes items with everything hanging off them; anonymise keeps the rows for statistics without their text or personal data.
        An item past its days stays listed as due for the grace period, then the next run removes it. Investigations on legal hold are kept.
      </p>
      <ErrorBanner message={policy.error ?? preview.error} />
      {policy.data && <RetentionForm key={JSON.stringify(policy.data)} saved={policy.data} />}
      {preview.data && <PreviewTable preview={preview.data} />}
      {lastRun && (
        <Alert tone="success" testId="retention-last-run">
          Applied: {lastRun.kinds.closedInvestigations.items} investigations ({lastRun.kinds.closedInvestigations.alerts} alerts), {lastRun.kinds.dismissedAlerts.items} dismissed alerts,
          {' '}{lastRun.kinds.evidence.items} evidence files; audit entry #{lastRun.auditSeq}.
        </Alert>
      )}
      {preview.data && <ApplyNow preview={preview.data} />}
    </section>
  );
}

function RetentionForm({ saved }: { saved: RetentionPolicy }) {
  const saveRetention = useComplianceStore((state) => state.saveRetention);
  const [draft, setDraft] = useState(() => draftOf(saved));
  const [problem, setProblem] = useState<string | null>(null);
  const saving = useAction(saveRetention);
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next = policyOf(draft);
    if (typeof next === 'string') {
      setProblem(next);
      return;
    }
    setProblem(null);
    void saving.run(next);
  };
  const setKind = (kind: RetentionKind, change: Partial<Draft['kinds'][RetentionKind]>) =>
    setDraft({ ...draft, kinds: { ...draft.kinds, [kind]: { ...draft.kinds[kind], ...change } } });
  return (
    <form className="compliance__retention-form" onSubmit={submit} data-testid="retention-form">
      <label className="choice">
        <input type="checkbox" checked={draft.enabled} onChange={(event) => setDraft({ ...draft, enabled: event.target.checked })} data-testid="retention-enabled" />
        Run daily
      </label>
      <TextField label="Grace period (days)" inputMode="numeric" value={draft.graceDays} onChange={(event) => setDraft({ ...draft, graceDays: event.target.value })} />
      {RETENTION_KINDS.map((kind) => (
        <div key={kind} className="compliance__retention-kind">
          <TextField
            label={`${KIND_LABELS[kind]}: keep (days)`}
            hint="Empty: kept for ever"
            inputMode="numeric"
            value={draft.kinds[kind].days}
            onChange={(event) => setKind(kind, { days: event.target.value })}
            data-testid={`retention-days-${kind}`}
          />
          {kind !== 'evidence' && (
            <SelectField label="Then" value={draft.kinds[kind].mode} onChange={(event) => setKind(kind, { mode: event.target.value === 'anonymise' ? 'anonymise' : 'purge' })}>
              <option value="purge">Purge</option>
              <option value="anonymise">Anonymise</option>
            </SelectField>
          )}
        </div>
      ))}
      <ErrorBanner message={problem ?? saving.error?.message} />
      <Button type="submit" busy={saving.pending} data-testid="retention-save">Save policy</Button>
    </form>
  );
}

function PreviewTable({ preview }: { preview: RetentionPreview }) {
  return (
    <table className="table" data-testid="retention-preview">
      <caption>Dry run: what a run would do now</caption>
      <thead>
        <tr><th scope="col">Kind</th><th scope="col">Mode</th><th scope="col">Removed now</th><th scope="col">With alerts</th><th scope="col">Due (in grace)</th><th scope="col">On legal hold</th></tr>
      </thead>
      <tbody>
        {RETENTION_KINDS.map((kind) => {
          const counts = preview.kinds[kind];
          const kept = preview.policy[kind].days === null;
          return (
            <tr key={kind} data-testid="retention-preview-row" data-kind={kind} data-items={counts.items}>
              <th scope="row">{KIND_LABELS[kind]}</th>
              <td>{kept ? 'kept' : counts.mode}</td>
              <td>{kept ? '—' : counts.items}</td>
              <td>{counts.alerts}</td>
              <td>{counts.due}</td>
              <td>{counts.held}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function ApplyNow({ preview }: { preview: RetentionPreview }) {
  const applyRetention = useComplianceStore((state) => state.applyRetention);
  const [confirming, setConfirming] = useState(false);
  const applying = useAction(applyRetention);
  const total = RETENTION_KINDS.reduce((sum, kind) => sum + preview.kinds[kind].items, 0);
  if (!confirming) {
    return <Button variant="danger" onClick={() => setConfirming(true)} data-testid="retention-apply">Apply now…</Button>;
  }
  return (
    <Alert tone="warning" title="Apply the retention policy now?">
      <p>This removes or anonymises {total} items as listed above, and cannot be undone (backups keep them until their own retention prunes them).</p>
      <ErrorBanner message={applying.error?.message} />
      <Button variant="danger" busy={applying.pending} onClick={() => void applying.run().then((ok) => ok && setConfirming(false))} data-testid="retention-apply-confirm">
        Apply to {total} items
      </Button>
      <Button variant="ghost" onClick={() => setConfirming(false)}>Cancel</Button>
    </Alert>
  );
}
