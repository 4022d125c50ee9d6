// The alert import's mapper (import-driver.ts): one mapped source row into an alert, or a rejection
// with its reason. Entity columns must
// hold valid values of their kind (a bad email rejects the row rather than inventing an entity);
// free text is mined for further entities. Rows without an id column get one from a hash of the
// row itself, so re-importing the same file stays idempotent.
import { createHash } from 'node:crypto';
import type { EntityKind } from '../../entities/entity-kinds';
import { extractEntities } from '../../entities/extract';
import { normalizeEntity, urlHost } from '../../entities/normalize';
import type { AlertEntityInput, NewAlert } from '../../alerts/alert-writer';
import type { SourceRow } from '../../store/source-row';
import type { AlertField, MappingProfile } from '../column-mapping';
import type { RowMapper } from '../import-driver';
import type { RowValues } from '../file-reader';
import { resolveSeverity } from '../severity';
import { isEmptyValue, parseTimestamp } from '../timestamps';

export type AlertProfile = Extract<MappingProfile, { kind: 'alerts' }>;
export type RowResult = { ok: true; alert: NewAlert } | { ok: false; reason: string };

/** Entity columns, in the order that picks the alert's primary entity. */
const ENTITY_FIELDS: readonly (AlertField & EntityKind)[] = ['account', 'email', 'ip', 'device', 'payment', 'phone', 'domain', 'url', 'content'];
const MAX_TEXT = 8_192;
const MAX_RAW = 16_384;

export function alertFromRow(values: RowValues, profile: AlertProfile, source: string, importId: string | null): RowResult {
  const field = (name: AlertField): string | null => {
    const header = profile.columns[name];
    const value = header === undefined ? undefined : values[header];
    return value === undefined || isEmptyValue(value) ? null : value.trim();
  };

  const when = field('occurredAt');
  if (when === null) return { ok: false, reason: 'no time: the time column is empty or not mapped' };
  const time = parseTimestamp(when, profile.timestamp);
  if (!time.ok) return { ok: false, reason: `time "${when.slice(0, 40)}": ${time.reason}` };

  const rule = field('rule');
  const title = field('title') ?? rule;
  if (title === null) return { ok: false, reason: 'no title: map a title or rule column' };

  const severityText = field('severity');
  const severity = severityText === null ? { ok: true as const, severity: 'medium' as const } : resolveSeverity(severityText, profile.severityMap);
  if (!severity.ok) return { ok: false, reason: `severity: ${severity.reason}` };

  const entities = new Map<string, AlertEntityInput>();
  const add = (entity: AlertEntityInput) => {
    const key = `${entity.kind}\u0000${entity.value}`;
    if (!entities.has(key)) entities.set(key, entity);
  };
  let primary: AlertEntityInput | null = null;
  for (const kind of ENTITY_FIELDS) {
    const text = field(kind);
    if (text === null) continue;
    const value = normalizeEntity(kind, text);
    if (value === null) return { ok: false, reason: `${kind} "${text.slice(0, 60)}" is not a valid ${kind}` };
    const entity: AlertEntityInput = { kind, value, origin: 'mapped' };
    add(entity);
    primary ??= entity;
    const host = kind === 'url' ? urlHost(value) : null;
    const hostKind = host && normalizeEntity('ip', host) ? 'ip' : 'domain';
    const hostValue = host ? normalizeEntity(hostKind, host) : null;
    if (hostValue) add({ kind: hostKind, value: hostValue, origin: 'mapped' });
  }
  const description = (field('description') ?? '').slice(0, MAX_TEXT);
  for (const found of extractEntities(`${title}\n${description}`)) add({ ...found, origin: 'extracted' });

  return {
    ok: true,
    alert: {
      source, externalId: field('externalId') ?? rowHash(values), rule, title: title.slice(0, 500), description, severity: severity.severity,
      occurredAt: time.ms, entities: [...entities.values()], primaryEntity: primary, importId, raw: sourceRow(values),
    },
  };
}

/** The mapper an import of `source` runs: every row under the profile, its alert carrying the import's id. */
export function alertRowMapper(profile: AlertProfile, source: string, importId: string): RowMapper<NewAlert> {
  return (values) => {
    const result = alertFromRow(values, profile, source, importId);
    return result.ok ? { ok: true, row: result.alert } : result;
  };
}

function rowHash(values: RowValues): string {
  return `row:${createHash('sha256').update(JSON.stringify(Object.entries(values))).digest('base64url')}`;
}

/** The row as kept with its alert; one longer than MAX_RAW as JSON keeps that much of its text. */
function sourceRow(values: RowValues): SourceRow {
  const text = JSON.stringify(values);
  return text.length <= MAX_RAW ? values : { truncated: 'true', prefix: text.slice(0, MAX_RAW) };
}
