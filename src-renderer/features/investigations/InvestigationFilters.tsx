// The investigations filter bar: status (Active by default), severity, assignee, the days opened,
// the resolution and the days resolved (only when a link gave them), tag and words.
// Selects apply at once; text fields on Enter or the Apply button.
import { type SubmitEvent } from 'react';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { SEVERITIES, type Severity } from '../../../src-shared/model';
import { INVESTIGATION_STATUSES } from '../../../src-shared/workspace-model';
import { RESOLUTION_LABELS, STATUS_LABELS } from '../investigation/status-transitions';
import { assignableUsers, useDirectoryStore } from './directory-store';
import { DEFAULT_LIST_FILTER, type ListFilterDraft, type StatusChoice } from './list-filter';
import { SEVERITY_LABELS } from '../../components/severity';
import { localDaysLabel, userTimeZone } from '../../kit/route-query';

export interface InvestigationFiltersProps {
  draft: ListFilterDraft;
  onDraftChange(draft: ListFilterDraft): void;
  onApply(draft: ListFilterDraft): void;
}

export function InvestigationFilters({ draft, onDraftChange, onApply }: InvestigationFiltersProps) {
  const users = assignableUsers(useDirectoryStore((state) => state.directory.data.users));
  const choose = (next: ListFilterDraft) => {
    onDraftChange(next);
    onApply(next);
  };
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(draft);
  };

  return (
    <form className="toolbar" role="search" aria-label="Filter investigations" onSubmit={submit}>
      <TextField
        label="Words"
        value={draft.text}
        onChange={(event) => onDraftChange({ ...draft, text: event.target.value })}
        placeholder="Key, title or summary"
        autoComplete="off"
        maxLength={200}
        data-testid="investigations-filter-text"
      />
      <SelectField label="Status" value={draft.status} onChange={(event) => choose({ ...draft, status: event.target.value as StatusChoice })} data-testid="investigations-filter-status">
        <option value="active">Active (not closed)</option>
        <option value="">Any status</option>
        {INVESTIGATION_STATUSES.map((status) => (
          <option key={status} value={status}>
            {STATUS_LABELS[status]}
          </option>
        ))}
      </SelectField>
      <SelectField label="Severity" value={draft.severity} onChange={(event) => choose({ ...draft, severity: event.target.value as Severity | '' })} data-testid="investigations-filter-severity">
        <option value="">Any severity</option>
        {SEVERITIES.map((severity) => (
          <option key={severity} value={severity}>
            {SEVERITY_LABELS[severity]}
          </option>
        ))}
      </SelectField>
      <SelectField label="Assignee" value={draft.assigneeId} onChange={(event) => choose({ ...draft, assigneeId: event.target.value })} data-testid="investigations-filter-assignee">
        <option value="">Anyone</option>
        {/* "me" is resolved by main against the session, so a shared link means whoever opens it. */}
        <option value="me">Assigned to me</option>
        <option value="none">Unassigned</option>
        {users.map((user) => (
          <option key={user.id} value={user.id}>
            {user.displayName}
          </option>
        ))}
      </SelectField>
      {draft.opened && (
        // Days opened from a link (an analytics chart): shown, so the user sees why the list is short, and clearable.
        <LinkedFilter label="Opened" anyLabel="Any time" testId="investigations-filter-opened" onClear={() => choose({ ...draft, opened: null })}
          value={localDaysLabel(draft.opened, userTimeZone())} title={`Opened on these days in ${draft.opened.timeZone}`} />
      )}
      {draft.resolution && (
        <LinkedFilter label="Resolution" anyLabel="Any resolution" testId="investigations-filter-resolution" onClear={() => choose({ ...draft, resolution: undefined })}
          value={draft.resolution === 'not_recorded' ? 'Not recorded' : RESOLUTION_LABELS[draft.resolution]} />
      )}
      {draft.resolved && (
        <LinkedFilter label="Resolved" anyLabel="Any time" testId="investigations-filter-resolved" onClear={() => choose({ ...draft, resolved: null })}
          value={localDaysLabel(draft.resolved, userTimeZone())} title={`Resolved on these days in ${draft.resolved.timeZone}`} />
      )}
      <TextField label="Tag" value={draft.tag} onChange={(event) => onDraftChange({ ...draft, tag: event.target.value })} autoComplete="off" maxLength={40} data-testid="investigations-filter-tag" />
      <Button type="submit">Apply</Button>
      <Button variant="ghost" onClick={() => choose(DEFAULT_LIST_FILTER)}>
        Reset
      </Button>
    </form>
  );
}

/** A filter that came with a link (a chart's day, a resolution): it shows what it holds, and its one other choice clears it. */
function LinkedFilter({ label, value, title, anyLabel, testId, onClear }: {
  label: string; value: string; title?: string; anyLabel: string; testId: string; onClear(): void;
}) {
  return (
    <SelectField label={label} value="set" onChange={(event) => { if (event.target.value === '') onClear(); }} data-testid={testId}>
      <option value="set" title={title}>{value}</option>
      <option value="">{anyLabel}</option>
    </SelectField>
  );
}
