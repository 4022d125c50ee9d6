// What the mapping step calls each importer field, in the order an analyst checks them (time and
// what the alert is first, then the entity columns), which field the import cannot do without, and
// the words for each time format.
import { MAPPING_FIELDS, type MappingKind, type MappingTimeFormat } from '../../../src-shared/import-profile-contract';

const ALERT_ORDER = ['occurredAt', 'title', 'rule', 'severity', 'externalId', 'description', 'status', 'source',
  'account', 'email', 'ip', 'domain', 'url', 'phone', 'device', 'payment', 'content'] as const;
const INVESTIGATION_ORDER = ['externalId', 'title', 'openedAt', 'updatedAt', 'resolvedAt', 'closedAt', 'status', 'severity', 'assignee', 'tags'] as const;

const LABELS: Record<MappingKind, Record<string, string>> = {
  alerts: {
    occurredAt: 'Time', title: 'Title', rule: 'Rule', severity: 'Severity', externalId: 'External id', description: 'Description',
    status: 'Status', source: 'Source', account: 'Account', email: 'Email', ip: 'IP address', domain: 'Domain', url: 'URL',
    phone: 'Phone', device: 'Device', payment: 'Payment id', content: 'Content',
  },
  investigations: {
    externalId: 'Case number', title: 'Title', openedAt: 'Opened', updatedAt: 'Updated', resolvedAt: 'Resolved', closedAt: 'Closed', status: 'Status',
    severity: 'Severity', assignee: 'Assignee', tags: 'Tags',
  },
};

/** Fields in display order; a field the contract adds later still shows, at the end. */
export function fieldsOf(kind: MappingKind): string[] {
  const order: readonly string[] = kind === 'alerts' ? ALERT_ORDER : INVESTIGATION_ORDER;
  return [...order, ...MAPPING_FIELDS[kind].filter((f) => !order.includes(f))];
}

export const fieldLabel = (kind: MappingKind, field: string): string => LABELS[kind][field] ?? field;

/** The field without which every row is rejected. */
export const REQUIRED_FIELD: Record<MappingKind, string> = { alerts: 'occurredAt', investigations: 'externalId' };

export const TIME_FORMAT_LABELS: Record<MappingTimeFormat, string> = {
  auto: 'Detect per value',
  iso: 'ISO 8601 (2026-05-01T10:00:00Z)',
  epoch_s: 'Epoch seconds',
  epoch_ms: 'Epoch milliseconds',
  dmy: 'Day/month/year (31/12/2026)',
  mdy: 'Month/day/year (12/31/2026)',
  apache: 'Apache log (01/May/2026:10:00:00 +0000)',
  rfc2822: 'RFC 2822 (Fri, 01 May 2026 10:00:00 +0000)',
};

/** True for a zone Intl knows (the same test main applies); an empty or half-typed zone is not. */
export function isKnownTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
