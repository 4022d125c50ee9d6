// Which column of an imported file feeds which field: a first guess from header names, and the
// schema of a saved mapping profile (profiles come from files, so zod checks them).

import { z } from 'zod';
import { SEVERITIES } from './severity';
import { isValidTimeZone, TIMESTAMP_FORMATS } from './timestamps';

export const ALERT_FIELDS = [
  'externalId',
  'title',
  'description',
  'severity',
  'status',
  'source',
  'rule',
  'occurredAt',
  'account',
  'email',
  'ip',
  'domain',
  'url',
  'phone',
  'device',
  'content',
  'payment',
] as const;
export type AlertField = (typeof ALERT_FIELDS)[number];

export const INVESTIGATION_FIELDS = ['externalId', 'title', 'status', 'severity', 'assignee', 'openedAt', 'closedAt', 'resolvedAt', 'updatedAt', 'tags'] as const;
export type InvestigationField = (typeof INVESTIGATION_FIELDS)[number];

export type ImportKind = 'alerts' | 'investigations';

// Header names (snake_case) per field, by how sure a match makes us. The field's own name scores
// 1 without being listed. Weak names lose to stronger ones because a header is used only once.
type Synonyms<F extends string> = Record<F, [confidence: number, names: string][]>;

const ALERT_SYNONYMS: Synonyms<AlertField> = {
  externalId: [
    [0.9, 'id alert_id event_id external_id uid uuid detection_id finding_id'],
    [0.7, 'number key ref reference ticket_id incident_id record_id'],
  ],
  title: [
    [0.9, 'title alert_name alert_title summary subject short_description headline'],
    [0.7, 'name event_name'],
    [0.5, 'message msg'],
  ],
  description: [
    [0.9, 'description details detail long_description desc'],
    [0.7, 'message msg notes comment comments'],
  ],
  severity: [
    [0.9, 'severity sev severity_label severity_name priority criticality risk_level'],
    [0.7, 'risk level urgency risk_score'],
    [0.5, 'impact'],
  ],
  status: [[0.9, 'status state incident_state alert_status disposition workflow_status'], [0.5, 'resolution']],
  source: [
    [0.9, 'source vendor product provider detector sensor data_source log_source feed tool source_name'],
    [0.6, 'origin system integration'],
  ],
  rule: [
    [0.9, 'rule rule_name rule_id signature signature_name detection detection_name policy policy_name use_case alert_type'],
    [0.6, 'type category check technique'],
  ],
  occurredAt: [
    [0.9, 'timestamp created_at event_time time occurred_at datetime event_timestamp detected_at ts _time time_generated event_date'],
    [0.7, 'date created first_seen start_time observed_at reported_at logged_at received_at'],
    [0.5, 'opened_at last_seen updated_at'],
  ],
  account: [
    [0.9, 'account user username user_name account_id user_id userid login account_name principal'],
    [0.7, 'actor customer_id member_id subscriber user_principal_name upn src_user'],
  ],
  email: [
    [0.9, 'email email_address mail e_mail user_email sender_email'],
    [0.6, 'sender from recipient to'],
  ],
  ip: [
    [0.9, 'ip src_ip client_ip ip_address source_ip remote_addr remote_ip ip_addr srcip src_addr c_ip source_address'],
    [0.6, 'x_forwarded_for ipv4 ipv6 address'],
    [0.4, 'dst_ip dest_ip destination_ip'],
  ],
  domain: [
    [0.9, 'domain domain_name fqdn dns_name query_name'],
    [0.5, 'host hostname site'],
  ],
  url: [
    [0.9, 'url uri link request_url full_url href request_uri'],
    [0.5, 'path request referrer referer'],
  ],
  phone: [
    [0.9, 'phone phone_number msisdn mobile telephone tel mobile_number cell'],
    [0.5, 'caller number_called'],
  ],
  device: [
    [0.9, 'device device_id device_name hostname host computer computer_name machine endpoint asset workstation'],
    [0.7, 'mac mac_address imei serial_number agent_id cmdb_ci'],
  ],
  content: [
    [0.9, 'content text body payload message_body raw raw_log snippet post'],
    [0.5, 'message msg'],
  ],
  payment: [
    [0.9, 'payment payment_id card card_number pan transaction_id txn_id iban payment_method card_hash'],
    [0.6, 'order_id invoice_id amount'],
  ],
};

const INVESTIGATION_SYNONYMS: Synonyms<InvestigationField> = {
  externalId: [
    [0.9, 'id number case_id incident_id investigation_id ticket ticket_id case_number incident_number key'],
    [0.7, 'reference ref uid'],
  ],
  title: [
    [0.9, 'title name summary short_description subject case_name incident_name'],
    [0.5, 'description'],
  ],
  status: [[0.9, 'status state incident_state case_status stage workflow_status'], [0.5, 'resolution']],
  severity: [
    [0.9, 'severity priority sev criticality risk_level'],
    [0.5, 'urgency impact risk'],
  ],
  assignee: [
    [0.9, 'assignee assigned_to owner analyst investigator handler assigned_user responsible'],
    [0.4, 'assignment_group team'],
  ],
  openedAt: [
    [0.9, 'created_at opened created open_date date_opened start_time reported_at opened_on created_on'],
    [0.6, 'sys_created_at sys_created_on timestamp date'],
  ],
  closedAt: [[0.9, 'closed closed_on close_date date_closed completed_at end_time']],
  resolvedAt: [[0.9, 'resolved_at resolved_on resolution_date resolved date_resolved resolved_time']],
  updatedAt: [
    [0.9, 'updated_at sys_updated_at sys_updated_on last_updated modified_at last_modified updated modified changed_at'],
  ],
  tags: [[0.9, 'tags labels tag label keywords'], [0.5, 'categories']],
};

// Prefixes that qualify a name without changing its meaning ("alert_severity", ServiceNow "u_…").
const QUALIFIERS = new Set(['alert', 'event', 'incident', 'case', 'investigation', 'ticket', 'sys', 'u', 'x']);
const QUALIFIED_FACTOR = 0.8;

/** 'Client IP', 'clientIP', 'client.ip', '@client_ip' → 'client_ip'. */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

// Matching ignores underscores too, so "username", "user_name" and "UserName" agree.
const compact = (snake: string): string => snake.replace(/_/g, '');

function lookupTable<F extends string>(fields: readonly F[], synonyms: Synonyms<F>): Map<string, { field: F; confidence: number }[]> {
  const table = new Map<string, { field: F; confidence: number }[]>();
  const add = (name: string, field: F, confidence: number): void => {
    const key = compact(name);
    const entries = table.get(key) ?? [];
    const existing = entries.find((entry) => entry.field === field);
    if (existing === undefined) entries.push({ field, confidence });
    else existing.confidence = Math.max(existing.confidence, confidence);
    table.set(key, entries);
  };
  for (const field of fields) {
    add(normaliseHeader(field), field, 1);
    for (const [confidence, names] of synonyms[field]) for (const name of names.split(' ')) add(name, field, confidence);
  }
  return table;
}

const ALERT_TABLE = lookupTable(ALERT_FIELDS, ALERT_SYNONYMS);
const INVESTIGATION_TABLE = lookupTable(INVESTIGATION_FIELDS, INVESTIGATION_SYNONYMS);

export interface ColumnMatch<F extends string> {
  field: F;
  header: string;
  /** Position of the header in the file's header row. */
  index: number;
  /** 1 for the field's own name, about 0.9 for a common synonym, lower for looser ones. */
  confidence: number;
}

export interface DetectedMapping<F extends string> {
  /** field → header, ready to become a profile's `columns`. */
  columns: Partial<Record<F, string>>;
  matches: ColumnMatch<F>[];
  /** Headers no field took, in file order. */
  unmappedHeaders: string[];
}

/**
 * Guesses field → header from the header names. Each header feeds at most one field and each
 * field takes at most one header: the surest pairs are taken first, ties going to the header that
 * comes first. A header name that repeats in the file is only considered the first time, since a
 * profile refers to columns by name.
 */
export function autoDetectMapping(headers: string[], kind: 'alerts'): DetectedMapping<AlertField>;
export function autoDetectMapping(headers: string[], kind: 'investigations'): DetectedMapping<InvestigationField>;
export function autoDetectMapping(headers: string[], kind: ImportKind): DetectedMapping<AlertField> | DetectedMapping<InvestigationField>;
export function autoDetectMapping(headers: string[], kind: ImportKind): DetectedMapping<AlertField> | DetectedMapping<InvestigationField> {
  return kind === 'alerts' ? detect(headers, ALERT_FIELDS, ALERT_TABLE) : detect(headers, INVESTIGATION_FIELDS, INVESTIGATION_TABLE);
}

function detect<F extends string>(headers: string[], fields: readonly F[], table: Map<string, { field: F; confidence: number }[]>): DetectedMapping<F> {
  const candidates: ColumnMatch<F>[] = [];
  const seen = new Set<string>();
  headers.forEach((header, index) => {
    if (seen.has(header)) return;
    seen.add(header);
    const snake = normaliseHeader(header);
    if (snake === '') return;
    for (const entry of table.get(compact(snake)) ?? []) candidates.push({ field: entry.field, header, index, confidence: entry.confidence });
    const [first, ...rest] = snake.split('_');
    if (first !== undefined && QUALIFIERS.has(first) && rest.length > 0) {
      for (const entry of table.get(compact(rest.join('_'))) ?? []) {
        candidates.push({ field: entry.field, header, index, confidence: Math.round(entry.confidence * QUALIFIED_FACTOR * 100) / 100 });
      }
    }
  });
  candidates.sort((a, b) => b.confidence - a.confidence || a.index - b.index || fields.indexOf(a.field) - fields.indexOf(b.field));

  const matches: ColumnMatch<F>[] = [];
  const takenFields = new Set<F>();
  const takenHeaders = new Set<number>();
  for (const candidate of candidates) {
    if (takenFields.has(candidate.field) || takenHeaders.has(candidate.index)) continue;
    takenFields.add(candidate.field);
    takenHeaders.add(candidate.index);
    matches.push(candidate);
  }
  matches.sort((a, b) => fields.indexOf(a.field) - fields.indexOf(b.field));
  const columns: Partial<Record<F, string>> = {};
  for (const match of matches) columns[match.field] = match.header;
  const unmappedHeaders = headers.filter((_header, index) => !takenHeaders.has(index));
  return { columns, matches, unmappedHeaders };
}

const timestampSettingsSchema = z.strictObject({
  format: z.enum(TIMESTAMP_FORMATS),
  // Required, not defaulted: a wall-clock time read in the wrong zone is silently wrong evidence.
  timeZone: z.string().refine(isValidTimeZone, { message: 'Unknown IANA time zone' }),
});

const profileName = z.string().trim().min(1).max(120);
const header = z.string().min(1).max(500);
// Keys are the values as they appear in the file; matching is case-insensitive (resolveSeverity).
const severityMap = z.record(z.string().min(1).max(200), z.enum(SEVERITIES)).optional();
// Target statuses are the alert and investigation domains' vocabularies, not fixed here yet.
const statusMap = z.record(z.string().min(1).max(200), z.string().trim().min(1).max(100)).optional();

const nonEmpty = (columns: Record<string, unknown>): boolean => Object.keys(columns).length > 0;

/** A saved mapping profile. The same header may feed two fields (say email and account) on purpose. */
export const mappingProfileSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    name: profileName,
    kind: z.literal('alerts'),
    columns: z.partialRecord(z.enum(ALERT_FIELDS), header).refine(nonEmpty, { message: 'Map at least one column' }),
    timestamp: timestampSettingsSchema,
    severityMap,
    statusMap,
  }),
  z.strictObject({
    name: profileName,
    kind: z.literal('investigations'),
    columns: z.partialRecord(z.enum(INVESTIGATION_FIELDS), header).refine(nonEmpty, { message: 'Map at least one column' }),
    timestamp: timestampSettingsSchema,
    severityMap,
    statusMap,
  }),
]);
export type MappingProfile = z.infer<typeof mappingProfileSchema>;
