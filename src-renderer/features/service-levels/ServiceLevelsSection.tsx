// The vault's service levels on the Settings page: a target per severity and the at-risk window.
// Administrators change them; everyone else sees the values the analytics and the due badges use.
import { useEffect, useState, type SubmitEvent } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import { SEVERITY_LABELS } from '../../components/severity';
import { useAction } from '../../kit/use-action';
import { usePermission } from '../../kit/use-permission';
import { SEVERITIES } from '../../../src-shared/model';
import type { SlaPolicy } from '../../../src-shared/sla';
import { formatDurationText } from './duration-text';
import { checkPolicyDrafts, draftsOf, type PolicyDrafts, type PolicyField, type PolicyProblems } from './policy-form';
import { useSlaPolicyStore } from './store';
import './service-levels.css';

/** Most urgent first, as a team reads its service levels. */
const BY_URGENCY = [...SEVERITIES].reverse();
/** Long enough to read, short enough that an old "saved" does not sit beside new edits. */
const SAVED_MESSAGE_MS = 5000;

export function ServiceLevelsSection() {
  const { policy: { data: policy, status, error }, ensureLoaded } = useSlaPolicyStore();
  const mayChange = usePermission('admin_access');
  useEffect(() => {
    void ensureLoaded();
  }, [ensureLoaded]);

  return (
    <section className="panel" aria-labelledby="settings-sla" data-testid="service-levels">
      <h2 id="settings-sla">Service levels</h2>
      <p className="panel__description">
        How long an investigation may take from its creation, by severity, and how early an open one is flagged at risk
        (“due soon”). The analytics count compliance against these; a case&apos;s own due time, set by its template, wins.
      </p>
      <ErrorBanner message={error} />
      {status === 'loading' && !policy && <p role="status">Loading…</p>}
      {policy && (mayChange ? <ServiceLevelsForm saved={policy} /> : <ServiceLevelsFacts policy={policy} />)}
    </section>
  );
}

function ServiceLevelsFacts({ policy }: { policy: SlaPolicy }) {
  return (
    <>
      <dl className="sla-facts">
        {BY_URGENCY.map((severity) => (
          <div key={severity}>
            <dt>{SEVERITY_LABELS[severity]}</dt>
            <dd>{formatDurationText(policy.targetsMs[severity])}</dd>
          </div>
        ))}
        <div>
          <dt>At risk within</dt>
          <dd>{formatDurationText(policy.atRiskWindowMs)}</dd>
        </div>
      </dl>
      <p className="field__hint">Only an administrator can change these.</p>
    </>
  );
}

function ServiceLevelsForm({ saved }: { saved: SlaPolicy }) {
  const update = useSlaPolicyStore((state) => state.update);
  const action = useAction(update);
  const [drafts, setDrafts] = useState<PolicyDrafts>(() => draftsOf(saved));
  const [problems, setProblems] = useState<PolicyProblems>({});
  const [justSaved, setJustSaved] = useState(false);

  useEffect(() => {
    if (!justSaved) return undefined;
    const timer = window.setTimeout(() => setJustSaved(false), SAVED_MESSAGE_MS);
    return () => window.clearTimeout(timer);
  }, [justSaved]);

  const edit = (field: PolicyField, text: string) => {
    setDrafts((current) => ({ ...current, [field]: text }));
    setJustSaved(false);
  };
  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkPolicyDrafts(drafts);
    if ('problems' in checked) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    if (await action.run(checked.policy)) {
      setDrafts(draftsOf(checked.policy));
      setJustSaved(true);
    }
  };

  return (
    <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
      <ErrorBanner message={action.error?.message} />
      {justSaved && <Alert tone="success">Service levels saved.</Alert>}
      <fieldset className="sla-fieldset">
        <legend>Target from creation</legend>
        <p className="field__hint">Hours (“4”), or with a unit: “30 min”, “4 h”, “3 d”. From 15 min to 90 d.</p>
        <div className="sla-grid">
          {BY_URGENCY.map((severity) => (
            <TextField
              key={severity}
              label={SEVERITY_LABELS[severity]}
              name={`sla-${severity}`}
              value={drafts[severity]}
              onChange={(event) => edit(severity, event.target.value)}
              error={problems[severity] ?? action.error?.fields[`targetsMs.${severity}`]}
            />
          ))}
        </div>
      </fieldset>
      <div className="sla-grid">
        <TextField
          className="sla-grid__wide"
          label="At risk within"
          name="sla-at-risk-window"
          value={drafts.atRiskWindow}
          onChange={(event) => edit('atRiskWindow', event.target.value)}
          hint="An open case due within this long is flagged due soon. 0 h to 7 d."
          error={problems.atRiskWindow ?? action.error?.fields['atRiskWindowMs']}
        />
      </div>
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={action.pending}>
          Save
        </Button>
      </div>
    </form>
  );
}
