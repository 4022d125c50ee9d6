// Vault-wide idle lock and session lifetime, for holders of system_config.
import { useEffect, useState, type SubmitEvent } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import { useAction } from '../../kit/use-action';
import type { SystemSettings } from '../../../src-shared/model';
import { useSecurityPolicyStore } from './store';
import { checkSecurityPolicy, type PolicyProblems } from './policy-limits';

export function SecurityPolicySection() {
  const { settings: { data: settings, status, error }, load } = useSecurityPolicyStore();
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="panel" aria-labelledby="settings-policy">
      <h2 id="settings-policy">Security policy</h2>
      <p className="panel__description">
        Applies to every account in this vault. A new idle lock applies to open sessions at once; a new lifetime applies
        from the next sign-in.
      </p>
      <ErrorBanner message={error} />
      {status === 'loading' && !settings && <p role="status">Loading…</p>}
      {/* Drafts start from the first settings read; after a save the store and the drafts agree. */}
      {settings && <PolicyForm saved={settings} />}
    </section>
  );
}

function PolicyForm({ saved }: { saved: SystemSettings }) {
  const update = useSecurityPolicyStore((state) => state.update);
  const action = useAction(update);
  const [idle, setIdle] = useState(String(saved.idleLockSeconds));
  const [lifetime, setLifetime] = useState(String(saved.sessionLifetimeHours));
  const [problems, setProblems] = useState<PolicyProblems>({});
  const [justSaved, setJustSaved] = useState(false);

  const idleSeconds = Number(idle);
  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const found = checkSecurityPolicy(idle, lifetime);
    setProblems(found);
    if (found.idleLockSeconds || found.sessionLifetimeHours) return;
    if (await action.run({ idleLockSeconds: idleSeconds, sessionLifetimeHours: Number(lifetime) })) setJustSaved(true);
  };

  return (
    <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
      <ErrorBanner message={action.error?.message} />
      {justSaved && <Alert tone="success">Security policy saved.</Alert>}
      <div className="form-row">
        <TextField
          label="Idle lock (seconds)"
          name="idleLockSeconds"
          type="number"
          inputMode="numeric"
          min={5}
          value={idle}
          onChange={(event) => {
            setIdle(event.target.value);
            setJustSaved(false);
          }}
          hint={idleHint(idleSeconds)}
          error={problems.idleLockSeconds ?? action.error?.fields['idleLockSeconds']}
        />
        <TextField
          label="Session lifetime (hours)"
          name="sessionLifetimeHours"
          type="number"
          inputMode="numeric"
          min={1}
          max={336}
          value={lifetime}
          onChange={(event) => {
            setLifetime(event.target.value);
            setJustSaved(false);
          }}
          hint="A session ends this long after sign-in, active or not. 1 to 336 hours."
          error={problems.sessionLifetimeHours ?? action.error?.fields['sessionLifetimeHours']}
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

/** The seconds also as minutes, which is how people think about idle lock. */
function idleHint(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds <= 0) return 'At least 5 seconds.';
  const minutes = Number((seconds / 60).toFixed(1));
  return `= ${minutes} min. Locks after this long without activity; at least 5 seconds.`;
}
