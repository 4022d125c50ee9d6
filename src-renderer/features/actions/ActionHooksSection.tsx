// Settings → Action hooks (administrators): per action kind, the webhook Vigil calls when an action
// of that kind is executed. Without one, executing only records what the analyst did elsewhere.
import { useEffect, useState, type SubmitEvent } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';
import { api } from '../../api/client';
import { describeError } from '../../format/error-message';
import { useAction } from '../../kit/use-action';
import type { ActionHookPolicy } from '../../../src-shared/action-hooks';
import { ACTION_KINDS, type ActionKind } from '../../../src-shared/workspace-model';
import { ACTION_KIND_LABELS } from './action-rules';
import { checkHookDrafts, hookDraftsOf, type HookDrafts, type HookProblems } from './hook-form';

export function ActionHooksSection() {
  const [saved, setSaved] = useState<ActionHookPolicy | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    api.invoke('actionHooks.get', {}).then(setSaved, (error: unknown) => setLoadError(describeError(error).message));
  }, []);
  return (
    <section className="panel" aria-labelledby="settings-action-hooks" data-testid="action-hooks">
      <h2 id="settings-action-hooks">Action hooks</h2>
      <p className="panel__description">
        When an action is executed, Vigil records it; it does not act on other systems by itself. Give a kind a webhook and
        Vigil also POSTs the action (its kind, case, reason and target values) there, waits up to the timeout, and adds the
        answer to the investigation as a note. Addresses are https://, or http:// to this machine only.
      </p>
      <ErrorBanner message={loadError} />
      {saved && <ActionHooksForm saved={saved} onSaved={setSaved} />}
    </section>
  );
}

function ActionHooksForm({ saved, onSaved }: { saved: ActionHookPolicy; onSaved(policy: ActionHookPolicy): void }) {
  const action = useAction(async (policy: ActionHookPolicy) => onSaved(await api.invoke('actionHooks.update', policy)));
  const [drafts, setDrafts] = useState<HookDrafts>(() => hookDraftsOf(saved));
  const [problems, setProblems] = useState<HookProblems>({});
  const [justSaved, setJustSaved] = useState(false);
  const edit = (kind: ActionKind, field: 'url' | 'timeout', text: string) => {
    setDrafts((current) => ({ ...current, [kind]: { ...current[kind], [field]: text } }));
    setJustSaved(false);
  };
  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkHookDrafts(drafts);
    if ('problems' in checked) return setProblems(checked.problems);
    setProblems({});
    if (await action.run(checked.policy)) setJustSaved(true);
  };
  return (
    <form className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
      <ErrorBanner message={action.error?.message} />
      {justSaved && <Alert tone="success">Action hooks saved.</Alert>}
      {ACTION_KINDS.map((kind) => (
        <div key={kind} className="form-row">
          <TextField
            label={`${ACTION_KIND_LABELS[kind]}: webhook`}
            value={drafts[kind].url}
            placeholder="None"
            onChange={(event) => edit(kind, 'url', event.target.value)}
            error={problems[kind] ?? action.error?.fields[`hooks.${kind}.url`]}
            data-testid={`action-hook-url-${kind}`}
          />
          <TextField
            label="Timeout (s)"
            inputMode="numeric"
            value={drafts[kind].timeout}
            onChange={(event) => edit(kind, 'timeout', event.target.value)}
            error={action.error?.fields[`hooks.${kind}.timeoutSeconds`]}
          />
        </div>
      ))}
      <div className="form-actions">
        <Button type="submit" variant="primary" busy={action.pending} data-testid="action-hooks-save">
          Save
        </Button>
      </div>
    </form>
  );
}
