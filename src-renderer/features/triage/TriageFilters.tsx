// The triage filter bar: words, status, severity, assignee (me, unassigned, one person), source and
// rule (prefixes, completed from the values present), time range (or the local days a link gave),
// and the sort (also a header click).
// Applying happens on submit (Enter or the button) and on each select change, never per keystroke.
import { useEffect, useId, type RefObject, type SubmitEvent } from 'react';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { ALERT_STATUSES, SEVERITIES, type AlertStatus, type Severity } from '../../../src-shared/model';
import type { AlertSort } from '../../../src-shared/my-work-contract';
import { activeFilterCount, EMPTY_DRAFT, TIME_RANGES, type FilterDraft, type TimeRangeId } from './filter-form';
import { localDaysLabel, userTimeZone } from '../../kit/route-query';
import { useSessionStore } from '../../kit/session-store';
import { assignableUsers, useDirectoryStore } from '../investigations/directory-store';
import { useFacetValues } from './use-facet-values';
import type { AlertOrder } from './store';

export interface TriageFiltersProps {
  draft: FilterDraft;
  onDraftChange(draft: FilterDraft): void;
  onApply(draft: FilterDraft): void;
  textRef: RefObject<HTMLInputElement | null>;
}

/** The sorts the Sort menu offers: each one main serves from an index (see ALERT_SORTS). */
const SORT_CHOICES: readonly { value: string; sort: AlertSort; order: AlertOrder; label: string }[] = [
  { value: 'occurred-newest', sort: 'occurred', order: 'newest', label: 'Newest first' },
  { value: 'occurred-oldest', sort: 'occurred', order: 'oldest', label: 'Oldest first' },
  { value: 'severity-newest', sort: 'severity', order: 'newest', label: 'Severity: critical first' },
  { value: 'severity-oldest', sort: 'severity', order: 'oldest', label: 'Severity: low first' },
  { value: 'status-oldest', sort: 'status', order: 'oldest', label: 'Status: new first' },
  { value: 'status-newest', sort: 'status', order: 'newest', label: 'Status: dismissed first' },
];

export function TriageFilters({ draft, onDraftChange, onApply, textRef }: TriageFiltersProps) {
  const users = useDirectoryStore((state) => state.directory.data.users);
  const ensureDirectory = useDirectoryStore((state) => state.ensureLoaded);
  const myId = useSessionStore((state) => state.session?.userId);
  const sources = useFacetValues('source', draft.source);
  const rules = useFacetValues('rule', draft.rule);
  const listId = useId();
  useEffect(() => {
    void ensureDirectory();
  }, [ensureDirectory]);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(draft);
  };
  const choose = (next: FilterDraft) => {
    onDraftChange(next);
    onApply(next);
  };
  const sortValue = `${draft.sort}-${draft.order}`;
  return (
    <form className="toolbar triage-filters" role="search" aria-label="Filter alerts" onSubmit={submit}>
      <TextField
        ref={textRef}
        label="Words"
        name="text"
        className="triage-filters__text"
        value={draft.text}
        onChange={(event) => onDraftChange({ ...draft, text: event.target.value })}
        placeholder="Title or description (press /)"
        autoComplete="off"
        data-testid="triage-filter-text"
      />
      <SelectField label="Status" value={draft.status} onChange={(event) => choose({ ...draft, status: event.target.value as AlertStatus | '' })} data-testid="triage-filter-status">
        <option value="">Any status</option>
        {ALERT_STATUSES.map((status) => (
          <option key={status} value={status}>
            {status}
          </option>
        ))}
      </SelectField>
      <SelectField label="Severity" value={draft.severity} onChange={(event) => choose({ ...draft, severity: event.target.value as Severity | '' })} data-testid="triage-filter-severity">
        <option value="">Any severity</option>
        {SEVERITIES.map((severity) => (
          <option key={severity} value={severity}>
            {severity}
          </option>
        ))}
      </SelectField>
      <SelectField label="Assignee" value={draft.assignee} onChange={(event) => choose({ ...draft, assignee: event.target.value })} data-testid="triage-filter-assignee">
        <option value="">Anyone</option>
        <option value="me">Assigned to me</option>
        <option value="none">Unassigned</option>
        {assignableUsers(users).filter((user) => user.id !== myId).map((user) => (
          <option key={user.id} value={user.id}>
            {user.displayName}
          </option>
        ))}
        {/* A shared link may name someone this directory no longer lists: still shown, so the filter is visible. */}
        {draft.assignee !== '' && draft.assignee !== 'me' && draft.assignee !== 'none' && !users.some((user) => user.id === draft.assignee) && (
          <option value={draft.assignee}>Someone else</option>
        )}
      </SelectField>
      <TextField
        label="Source"
        name="source"
        className="triage-filters__short"
        value={draft.source}
        list={`${listId}-sources`}
        title={draft.sourceExact ? 'This exact source' : 'Sources starting with this'}
        onChange={(event) => onDraftChange({ ...draft, source: event.target.value, sourceExact: false })}
        autoComplete="off"
        data-testid="triage-filter-source"
      />
      <datalist id={`${listId}-sources`}>
        {sources.map((value) => <option key={value} value={value} />)}
      </datalist>
      <TextField
        label="Rule"
        name="rule"
        className="triage-filters__short"
        value={draft.rule}
        list={`${listId}-rules`}
        title={draft.ruleExact ? 'This exact rule' : 'Rules starting with this'}
        onChange={(event) => onDraftChange({ ...draft, rule: event.target.value, ruleExact: false })}
        autoComplete="off"
        data-testid="triage-filter-rule"
      />
      <datalist id={`${listId}-rules`}>
        {rules.map((value) => <option key={value} value={value} />)}
      </datalist>
      <SelectField
        label="Time"
        value={draft.days ? 'days' : draft.range}
        onChange={(event) => { if (event.target.value !== 'days') choose({ ...draft, days: null, range: event.target.value as TimeRangeId }); }}
        data-testid="triage-filter-time"
      >
        {/* Days opened from a link (an analytics chart) show here, so the user sees why the list is short. */}
        {draft.days && <option value="days" title={`Alerts that occurred on these days in ${draft.days.timeZone}`}>Occurred {localDaysLabel(draft.days, userTimeZone())}</option>}
        {TIME_RANGES.map((range) => (
          <option key={range.id} value={range.id}>
            {range.label}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Sort"
        value={sortValue}
        onChange={(event) => {
          const choice = SORT_CHOICES.find((candidate) => candidate.value === event.target.value);
          if (choice) choose({ ...draft, sort: choice.sort, order: choice.order });
        }}
        data-testid="triage-order"
      >
        {SORT_CHOICES.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </SelectField>
      <Button type="submit" data-testid="triage-apply">
        Apply
      </Button>
      {activeFilterCount(draft) > 0 && (
        <Button variant="ghost" onClick={() => choose({ ...EMPTY_DRAFT, sort: draft.sort, order: draft.order })}>
          Clear filters
        </Button>
      )}
    </form>
  );
}
