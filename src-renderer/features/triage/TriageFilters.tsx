// The triage filter bar: status, severity, source, rule, time range (or the local days a link gave),
// words, and the order.
// Applying happens on submit (Enter or the button) and on each select change, never per keystroke.
import { type RefObject, type SubmitEvent } from 'react';
import { Button } from '../../components/Button';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { ALERT_STATUSES, SEVERITIES, type AlertStatus, type Severity } from '../../../src-shared/model';
import { activeFilterCount, EMPTY_DRAFT, TIME_RANGES, type FilterDraft, type TimeRangeId } from './filter-form';
import { localDaysLabel, userTimeZone } from '../../kit/route-query';
import type { AlertOrder } from './store';

export interface TriageFiltersProps {
  draft: FilterDraft;
  order: AlertOrder;
  onDraftChange(draft: FilterDraft): void;
  onApply(draft: FilterDraft, order: AlertOrder): void;
  textRef: RefObject<HTMLInputElement | null>;
}

export function TriageFilters({ draft, order, onDraftChange, onApply, textRef }: TriageFiltersProps) {
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply(draft, order);
  };
  const choose = (next: FilterDraft, nextOrder: AlertOrder = order) => {
    onDraftChange(next);
    onApply(next, nextOrder);
  };
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
      <TextField
        label="Source"
        name="source"
        className="triage-filters__short"
        value={draft.source}
        onChange={(event) => onDraftChange({ ...draft, source: event.target.value })}
        autoComplete="off"
        data-testid="triage-filter-source"
      />
      <TextField
        label="Rule"
        name="rule"
        className="triage-filters__short"
        value={draft.rule}
        onChange={(event) => onDraftChange({ ...draft, rule: event.target.value })}
        autoComplete="off"
        data-testid="triage-filter-rule"
      />
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
      <SelectField label="Order" value={order} onChange={(event) => choose(draft, event.target.value as AlertOrder)} data-testid="triage-order">
        <option value="newest">Newest first</option>
        <option value="oldest">Oldest first</option>
      </SelectField>
      <Button type="submit" data-testid="triage-apply">
        Apply
      </Button>
      {activeFilterCount(draft) > 0 && (
        <Button variant="ghost" onClick={() => choose(EMPTY_DRAFT)}>
          Clear filters
        </Button>
      )}
    </form>
  );
}
