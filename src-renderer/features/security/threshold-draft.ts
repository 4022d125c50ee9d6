// The thresholds form's draft: every value as the text its field holds (a checkbox's as a boolean),
// one group per rule, and back to the shape main checks. Main parses and bounds it.
import type { SecurityThresholds } from '../../../src-shared/security-model';

export type Draft = Record<string, Record<string, string | boolean>>;

export function toDraft(thresholds: SecurityThresholds): Draft {
  const draft: Draft = {};
  for (const [group, value] of Object.entries(thresholds)) {
    draft[group] = typeof value === 'object'
      ? Object.fromEntries(Object.entries(value).map(([field, v]) => [field, typeof v === 'boolean' ? v : String(v)]))
      : { [group]: String(value) };
  }
  return draft;
}

export function fromDraft(draft: Draft): SecurityThresholds {
  const parsed: Record<string, unknown> = {};
  for (const [group, fields] of Object.entries(draft)) {
    const values = Object.fromEntries(Object.entries(fields).map(([field, v]) => [field, typeof v === 'boolean' ? v : Number(v)]));
    parsed[group] = group === 'riskHalfLifeDays' ? values[group] : values;
  }
  return parsed as unknown as SecurityThresholds;
}
