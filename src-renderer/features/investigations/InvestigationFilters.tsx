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
        {users.map((user) => (
          <option key={user.id} value={user.id}>
            {user.displayName}
          </option>
        ))}
      </SelectField>
      {draft.opened && (
        // Days opened from a link (an analytics chart): shown, so the user sees why the list is short, and clearable.
        <SelectField label="Opened" value="days" onChange={(event) => { if (event.target.value === '') choose({ ...draft, opened: null }); }} data-testid="investigations-filter-opened">
          <option value="days" title={`Opened on these days in ${draft.opened.timeZone}`}>{localDaysLabel(draft.opened, userTimeZone())}</option>
          <option value="">Any time</option>
        </SelectField>
      )}
      {draft.resolution && (
        <SelectField label="Resolution" value="set" onChange={(event) => { if (event.target.value === '') choose({ ...draft, resolution: undefined }); }} data-testid="investigations-filter-resolution">
          <option value="set">{draft.resolution === 'not_recorded' ? 'Not recorded' : RESOLUTION_LABELS[draft.resolution]}</option>
          <option value="">Any resolution</option>
        </SelectField>
      )}
      {draft.resolved && (
        <SelectField label="Resolved" value="days" onChange={(event) => { if (event.target.value === '') choose({ ...draft, resolved: null }); }} data-testid="investigations-filter-resolved">
          <option value="days" title={`Resolved on these days in ${draft.resolved.timeZone}`}>{localDaysLabel(draft.resolved, userTimeZone())}</option>
          <option value="">Any time</option>
        </SelectField>
      )}
      <TextField label="Tag" value={draft.tag} onChange={(event) => onDraftChange({ ...draft, tag: event.target.value })} autoComplete="off" maxLength={40} data-testid="investigations-filter-tag" />
      <Button type="submit">Apply</Button>
      <Button variant="ghost" onClick={() => choose(DEFAULT_LIST_FILTER)}>
        Reset
      </Button>
    </form>
  );
}
