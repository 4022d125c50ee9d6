// Filters the log to one action. Main matches the action name exactly, so the field suggests the
// actions already on screen.
import { useState, type SubmitEvent } from 'react';
import { Button } from '../../components/Button';
import { TextField } from '../../components/TextField';

export function AuditFilter({ applied, knownActions, onApply }: { applied: string; knownActions: readonly string[]; onApply(action: string): void }) {
  const [draft, setDraft] = useState(applied);
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(draft.trim());
  };
  return (
    <form className="toolbar" role="search" aria-label="Filter the audit log" onSubmit={submit}>
      <TextField
        label="Action"
        name="action"
        className="audit-filter__field"
        mono
        value={draft}
        onChange={(event) => setDraft(event.target.value)}
        list="audit-known-actions"
        autoComplete="off"
        spellCheck={false}
        placeholder="e.g. auth.login"
      />
      <datalist id="audit-known-actions">
        {knownActions.map((action) => (
          <option key={action} value={action} />
        ))}
      </datalist>
      <Button type="submit">Filter</Button>
      {applied && (
        <Button
          variant="ghost"
          onClick={() => {
            setDraft('');
            onApply('');
          }}
        >
          Show all actions
        </Button>
      )}
    </form>
  );
}
