// How another case tool's export maps onto investigations: the mapping profile (auto-detected from
// the headers by src-main/import/column-mapping.ts, or saved), the tool's states onto ours, its
// labels onto tags, and one imported row onto an investigation's fields.
import { VigilError } from '../../src-shared/errors';
import type { Severity } from '../../src-shared/model';
import { INVESTIGATION_STATUSES, type InvestigationStatus } from '../../src-shared/workspace-model';
import type { ByteSource, FileFormat } from '../alerts/import-file';
import { fileRecords, readHeaders } from '../alerts/import-file';
import { autoDetectMapping, mappingProfileSchema, type InvestigationField, type MappingProfile } from '../import/column-mapping';
import { resolveSeverity } from '../import/severity';
import { detectTimestampFormat, isEmptyValue, parseTimestamp } from '../import/timestamps';

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

export type Mapped<T> = { ok: true; value: T } | { ok: false; reason: string };

/** The profile's own status map first (case-insensitive), then the common vocabulary. */
export function mapCaseStatus(text: string, statusMap?: Record<string, string>): Mapped<InvestigationStatus> {
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

export function pickMapped(values: Readonly<Record<string, string>>, profile: InvestigationProfile): CaseValues {
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
export function caseFields(values: CaseValues, profile: InvestigationProfile): Mapped<CaseFields> {
  const externalRef = values.externalId?.trim() ?? '';
  if (isEmptyValue(externalRef)) return { ok: false, reason: 'no case number' };
  const time = (field: 'openedAt' | 'closedAt' | 'resolvedAt' | 'updatedAt'): Mapped<number | null> => {
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

export function parseInvestigationProfile(mapping: unknown): InvestigationProfile {
  const parsed = mappingProfileSchema.safeParse(mapping);
  if (!parsed.success) {
    throw new VigilError('VALIDATION', `The mapping profile is not valid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`, {
      issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    });
  }
  if (parsed.data.kind !== 'investigations') throw new VigilError('VALIDATION', 'That mapping profile is for alerts, not investigations');
  return parsed.data;
}

/** Columns from the headers; the time format from the first rows of the opened (else updated, closed) column. */
export async function detectInvestigationProfile(source: ByteSource, format: FileFormat, timeZone: string): Promise<InvestigationProfile> {
  const headers = await readHeaders(source, format);
  const { columns } = autoDetectMapping(headers, 'investigations');
  if (!columns.externalId) throw new VigilError('VALIDATION', 'No case number column found: pass a mapping profile', { headers });
  const timeHeader = columns.openedAt ?? columns.updatedAt ?? columns.closedAt;
  if (!timeHeader) return { name: 'auto-detected', kind: 'investigations', columns, timestamp: { format: 'iso', timeZone } };
  const samples: string[] = [];
  for await (const record of fileRecords(source, format)) {
    if ('values' in record) {
      const value = record.values[timeHeader] ?? '';
      if (!isEmptyValue(value)) samples.push(value);
    }
    if (samples.length >= 200) break;
  }
  const detected = detectTimestampFormat(samples);
  if (!detected.ok) throw new VigilError('VALIDATION', `Cannot tell the time format of "${timeHeader}": ${detected.reason}`);
  return { name: 'auto-detected', kind: 'investigations', columns, timestamp: { format: detected.format, timeZone } };
}
