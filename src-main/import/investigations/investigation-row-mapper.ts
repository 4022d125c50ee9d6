// The investigation import's mapper (import-driver.ts): how another case tool's export maps onto
// investigations under the mapping profile (auto-detected from the headers by column-mapping.ts, or
// saved): the tool's states onto ours, its labels onto tags, and a case's row onto an
// investigation's fields. A case export has several rows per case, so the mapper keeps a row's mapped
// values and its case number; the resolver (latest-case-rows.ts) picks each case's latest row and
// maps that one onto fields (caseFields).
import type { Severity } from '../../../src-shared/model';
import { INVESTIGATION_STATUSES, type InvestigationStatus } from '../../../src-shared/workspace-model';
import type { InvestigationField, MappingProfile } from '../column-mapping';
import type { RowValues } from '../file-reader';
import type { RowMapper } from '../import-driver';
import { resolveSeverity } from '../severity';
import { isEmptyValue, parseTimestamp } from '../timestamps';

export type InvestigationProfile = Extract<MappingProfile, { kind: 'investigations' }>;

// Common case-tool states (ServiceNow, Jira, Zendesk, TheHive…), compared lowercased with runs of
// spaces, dashes and underscores as one space. "Awaiting …" / "Waiting for …" are all pending.
const STATUS_WORDS: Record<string, InvestigationStatus> = {
  new: 'open', open: 'open', opened: 'open', unassigned: 'open', triage: 'open', created: 'open', todo: 'open', 'to do': 'open',
  submitted: 'open', reported: 'open', backlog: 'open',
  active: 'in_progress', 'in progress': 'in_progress', investigating: 'in_progress', 'work in progress': 'in_progress',
  assigned: 'in_progress', working: 'in_progress', ongoing: 'in_progress', 'in review': 'in_progress', escalated: 'in_progress',
  pending: 'pending', 'on hold': 'pending', hold: 'pending', blocked: 'pending', deferred: 'pending', suspended: 'pending',
  closed: 'closed', resolved: 'closed', done: 'closed', complete: 'closed', completed: 'closed', cancelled: 'closed',
  canceled: 'closed', fixed: 'closed', rejected: 'closed', duplicate: 'closed', "won't fix": 'closed', archived: 'closed',
};

const normaliseWord = (text: string) => text.trim().toLowerCase().replace(/[\s_-]+/g, ' ');

export type Checked<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The profile's own status map first (case-insensitive), then the common vocabulary. */
export function mapCaseStatus(text: string, statusMap?: Record<string, string>): Checked<InvestigationStatus> {
  const word = normaliseWord(text);
  for (const [from, to] of Object.entries(statusMap ?? {})) {
    if (normaliseWord(from) !== word) continue;
    const target = normaliseWord(to).replace(/ /g, '_');
    if ((INVESTIGATION_STATUSES as readonly string[]).includes(target)) return { ok: true, value: target as InvestigationStatus };
    return { ok: false, reason: `the status map sends "${from}" to "${to}", which is not open, in_progress, pending or closed` };
  }
  const known = STATUS_WORDS[word];
  if (known) return { ok: true, value: known };
  if (/^(awaiting|waiting)\b/.test(word)) return { ok: true, value: 'pending' };
  return { ok: false, reason: `unrecognised status "${text.trim()}" (map it with the profile's statusMap)` };
}

/** Labels as tags: split on commas, semicolons and pipes, lowercased, other characters as dashes. */
export function caseTags(text: string): string[] {
  const tags = text.split(/[,;|]/).map((label) => label.trim().toLowerCase().replace(/[^a-z0-9:_-]+/g, '-').replace(/^[^a-z0-9]+|-+$/g, '').slice(0, 40));
  return [...new Set(tags.filter((t) => t.length > 0))].slice(0, 20);
}

/** One source row's mapped values, before "latest row wins" picks a row per case. */
export type CaseValues = Partial<Record<InvestigationField, string>>;

export function pickMapped(values: RowValues, profile: InvestigationProfile): CaseValues {
  const picked: CaseValues = {};
  for (const [field, header] of Object.entries(profile.columns) as [InvestigationField, string][]) {
    const value = values[header];
    if (value !== undefined) picked[field] = value;
  }
  return picked;
}

export interface CaseFields {
  externalRef: string;
  title: string;
  status: InvestigationStatus;
  severity: Severity;
  assigneeName: string | null;
  tags: string[];
  openedAt: number | null;
  closedAt: number | null;
  /** When the source says the case was resolved (ServiceNow's resolved_at, apart from closed_at). */
  resolvedAt: number | null;
  updatedAt: number | null;
}

/** A case's latest row as investigation fields, or why it cannot be one. */
export function caseFields(values: CaseValues, profile: InvestigationProfile): Checked<CaseFields> {
  const externalRef = values.externalId?.trim() ?? '';
  if (isEmptyValue(externalRef)) return { ok: false, reason: 'no case number' };
  const time = (field: 'openedAt' | 'closedAt' | 'resolvedAt' | 'updatedAt'): Checked<number | null> => {
    const text = values[field];
    if (text === undefined || isEmptyValue(text)) return { ok: true, value: null };
    const parsed = parseTimestamp(text, profile.timestamp);
    return parsed.ok ? { ok: true, value: parsed.ms } : { ok: false, reason: `${field}: ${parsed.reason}` };
  };
  const openedAt = time('openedAt');
  const closedAt = time('closedAt');
  const resolvedAt = time('resolvedAt');
  const updatedAt = time('updatedAt');
  for (const t of [openedAt, closedAt, resolvedAt, updatedAt]) if (!t.ok) return t;
  if (!openedAt.ok || !closedAt.ok || !resolvedAt.ok || !updatedAt.ok) return { ok: false, reason: 'unreachable' };

  let status: InvestigationStatus = 'open';
  if (values.status !== undefined && !isEmptyValue(values.status)) {
    const mapped = mapCaseStatus(values.status, profile.statusMap);
    if (!mapped.ok) return mapped;
    status = mapped.value;
  }
  let severity: Severity = 'medium';
  if (values.severity !== undefined && !isEmptyValue(values.severity)) {
    const resolved = resolveSeverity(values.severity, profile.severityMap);
    if (!resolved.ok) return { ok: false, reason: `severity: ${resolved.reason}` };
    severity = resolved.severity;
  }
  const title = values.title !== undefined && !isEmptyValue(values.title) ? values.title.trim().slice(0, 200) : externalRef;
  const assignee = values.assignee !== undefined && !isEmptyValue(values.assignee) ? values.assignee.trim() : null;
  return {
    ok: true,
    value: {
      externalRef, title, status, severity, assigneeName: assignee,
      tags: values.tags !== undefined && !isEmptyValue(values.tags) ? caseTags(values.tags) : [],
      openedAt: openedAt.value, closedAt: closedAt.value, resolvedAt: resolvedAt.value, updatedAt: updatedAt.value,
    },
  };
}

/** One row of a case, as the resolver weighs it against the case's other rows. */
export interface CaseRow {
  /** The case number: the rows of one case share it. */
  ref: string;
  /** The row's updated time when mapped and readable: the latest wins. */
  updatedAt: number | null;
  values: CaseValues;
}

/** Keeps only the mapped values (memory follows the cases, not the file); a row without a case number is rejected. */
export function caseRowMapper(profile: InvestigationProfile): RowMapper<CaseRow> {
  return (record) => {
    const values = pickMapped(record, profile);
    const ref = values.externalId?.trim() ?? '';
    if (ref === '' || ref === '?') return { ok: false, reason: 'no case number' };
    return { ok: true, row: { ref, updatedAt: updatedTime(values, profile), values } };
  };
}

function updatedTime(values: CaseValues, profile: InvestigationProfile): number | null {
  const text = values.updatedAt;
  if (text === undefined || isEmptyValue(text)) return null;
  const parsed = parseTimestamp(text, profile.timestamp);
  return parsed.ok ? parsed.ms : null;
}
