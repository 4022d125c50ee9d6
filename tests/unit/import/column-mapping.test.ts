import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ALERT_FIELDS, autoDetectMapping, mappingProfileSchema, normaliseHeader } from '../../../src-main/import/column-mapping';
import { csvRecords } from '../../../src-main/import/csv-records';

const SERVICENOW = '/work/shared/data/servicenow-incident-event-log.csv.gz';

async function firstRecord(path: string): Promise<string[]> {
  // Leaving the loop early returns the generator, which destroys the streams behind it.
  for await (const record of csvRecords(createReadStream(path).pipe(createGunzip()))) return record.fields;
  throw new Error('empty file');
}

describe('normaliseHeader', () => {
  it('turns spaced, camel-cased, dotted and prefixed names into snake_case', () => {
    expect(['Client IP', 'clientIP', 'client.ip', '@timestamp', 'IPAddress', ' Alert-ID ', '\uFEFFnumber'].map(normaliseHeader)).toEqual([
      'client_ip',
      'client_ip',
      'client_ip',
      'timestamp',
      'ip_address',
      'alert_id',
      'number',
    ]);
  });
});

describe('autoDetectMapping', () => {
  it('maps the real ServiceNow incident export for an investigation import', async () => {
    const headers = await firstRecord(SERVICENOW);
    expect(headers).toHaveLength(36);
    const detected = autoDetectMapping(headers, 'investigations');
    expect(detected.columns).toEqual({
      externalId: 'number',
      status: 'incident_state',
      severity: 'priority',
      assignee: 'assigned_to',
      openedAt: 'opened_at',
      closedAt: 'closed_at',
      // Resolved is not closed: ServiceNow resolves first and closes days later.
      resolvedAt: 'resolved_at',
      updatedAt: 'sys_updated_at',
    });
    // The weaker candidates lost to the stronger ones rather than being mapped twice.
    expect(detected.unmappedHeaders).toEqual(expect.arrayContaining(['sys_created_at', 'impact', 'urgency', 'assignment_group']));
    expect(detected.matches.find((match) => match.field === 'openedAt')).toEqual({ field: 'openedAt', header: 'opened_at', index: 9, confidence: 1 });
    expect(detected.matches.find((match) => match.field === 'updatedAt')?.confidence).toBe(0.9);
  });

  it('maps a typical alert export header, whatever its spelling', () => {
    const headers = [
      'Alert ID',
      '@timestamp',
      'Severity',
      'Rule Name',
      'src_ip',
      'username',
      'Email Address',
      'hostname',
      'URL',
      'Title',
      'Message',
      'Status',
      'vendor',
      'domain',
      'phone_number',
      'card_number',
      'payload',
      'unrelated_column',
    ];
    const detected = autoDetectMapping(headers, 'alerts');
    expect(detected.columns).toEqual({
      externalId: 'Alert ID',
      occurredAt: '@timestamp',
      severity: 'Severity',
      rule: 'Rule Name',
      ip: 'src_ip',
      account: 'username',
      email: 'Email Address',
      device: 'hostname',
      url: 'URL',
      title: 'Title',
      description: 'Message',
      status: 'Status',
      source: 'vendor',
      domain: 'domain',
      phone: 'phone_number',
      payment: 'card_number',
      content: 'payload',
    });
    expect(detected.unmappedHeaders).toEqual(['unrelated_column']);
  });

  it('recognises the synonyms named in the issue', () => {
    const alertField = (header: string): string | undefined => autoDetectMapping([header], 'alerts').matches[0]?.field;
    const investigationField = (header: string): string | undefined => autoDetectMapping([header], 'investigations').matches[0]?.field;
    for (const header of ['id', 'alert_id', 'number']) expect(alertField(header)).toBe('externalId');
    for (const header of ['timestamp', 'created_at', 'event_time', 'time', '@timestamp', 'eventTime']) expect(alertField(header)).toBe('occurredAt');
    for (const header of ['src_ip', 'client_ip', 'ip_address', 'clientIP', 'source.ip']) expect(alertField(header)).toBe('ip');
    for (const header of ['user', 'username', 'account_id', 'User Name']) expect(alertField(header)).toBe('account');
    expect(investigationField('opened_at')).toBe('openedAt');
    expect(investigationField('assigned_to')).toBe('assignee');
    for (const header of ['incident_state', 'state']) expect(investigationField(header)).toBe('status');
    expect(investigationField('priority')).toBe('severity');
    expect(investigationField('sys_updated_at')).toBe('updatedAt');
  });

  it('scores the field name above a synonym, and a qualified name lower still', () => {
    const confidence = (header: string): number | undefined => autoDetectMapping([header], 'alerts').matches[0]?.confidence;
    expect(confidence('severity')).toBe(1);
    expect(confidence('priority')).toBe(0.9);
    expect(confidence('alert_severity')).toBe(0.8);
    expect(confidence('impact')).toBe(0.5);
  });

  it('gives a contested field to the surer header, then to the earlier one', () => {
    expect(autoDetectMapping(['impact', 'priority'], 'alerts').columns).toEqual({ severity: 'priority' });
    expect(autoDetectMapping(['time', 'timestamp'], 'alerts')).toMatchObject({ columns: { occurredAt: 'time' }, unmappedHeaders: ['timestamp'] });
    // 'message' could be a title, a description or content: it feeds one of them only.
    expect(autoDetectMapping(['message'], 'alerts').columns).toEqual({ description: 'message' });
  });

  it('considers a repeated header name once', () => {
    expect(autoDetectMapping(['id', 'id'], 'alerts')).toEqual({
      columns: { externalId: 'id' },
      matches: [{ field: 'externalId', header: 'id', index: 0, confidence: 0.9 }],
      unmappedHeaders: ['id'],
    });
  });

  it('never maps one header twice nor one field twice, for any set of headers', () => {
    const pool = ['id', 'number', 'title', 'name', 'message', 'description', 'severity', 'priority', 'impact', 'status', 'state', 'time', 'timestamp', 'created_at', 'user', 'username', 'email', 'ip', 'src_ip', 'dst_ip', 'host', 'hostname', 'domain', 'url', 'path', 'phone', 'device', 'payload', 'content', 'card', 'rule', 'type', 'category', 'source', 'vendor', 'x', 'assigned_to', 'owner', 'tags', 'closed_at', 'resolved_at', 'opened_at', 'sys_updated_at'];
    fc.assert(
      fc.property(fc.shuffledSubarray(pool), fc.constantFrom('alerts' as const, 'investigations' as const), (headers, kind) => {
        const { matches, columns, unmappedHeaders } = autoDetectMapping(headers, kind);
        expect(new Set(matches.map((match) => match.field)).size).toBe(matches.length);
        expect(new Set(matches.map((match) => match.header)).size).toBe(matches.length);
        expect(Object.keys(columns)).toHaveLength(matches.length);
        expect(matches.length + unmappedHeaders.length).toBe(headers.length);
        for (const match of matches) expect(headers[match.index]).toBe(match.header);
      }),
    );
  });
});

describe('mappingProfileSchema', () => {
  const alerts = {
    name: 'Splunk notable events',
    kind: 'alerts',
    columns: { externalId: 'event_id', occurredAt: '_time', severity: 'urgency', ip: 'src' },
    timestamp: { format: 'epoch_s', timeZone: 'UTC' },
    severityMap: { informational: 'low', unknown: 'medium' },
  };

  it('accepts saved profiles for both kinds', () => {
    expect(mappingProfileSchema.parse(alerts)).toEqual(alerts);
    const servicenow = {
      name: ' ServiceNow incidents ',
      kind: 'investigations',
      columns: autoDetectMapping(['number', 'opened_at', 'incident_state'], 'investigations').columns,
      timestamp: { format: 'dmy', timeZone: 'Europe/Paris' },
      statusMap: { 'Awaiting User Info': 'waiting' },
    };
    expect(mappingProfileSchema.parse(servicenow)).toMatchObject({ name: 'ServiceNow incidents', columns: { openedAt: 'opened_at' } });
  });

  it('refuses profiles that are wrong in ways a hand-edited file often is', () => {
    const refused = (change: Record<string, unknown>): boolean => !mappingProfileSchema.safeParse({ ...alerts, ...change }).success;
    expect(refused({ kind: 'tickets' })).toBe(true);
    expect(refused({ columns: { assignee: 'owner' } })).toBe(true); // an investigation field in an alert profile
    expect(refused({ columns: { occuredAt: 'time' } })).toBe(true); // a typo
    expect(refused({ columns: {} })).toBe(true);
    expect(refused({ columns: { title: '' } })).toBe(true);
    expect(refused({ timestamp: { format: 'epoch_s' } })).toBe(true); // a time zone is required
    expect(refused({ timestamp: { format: 'epoch_s', timeZone: 'Paris' } })).toBe(true);
    expect(refused({ timestamp: { format: 'yyyy', timeZone: 'UTC' } })).toBe(true);
    expect(refused({ severityMap: { bad: 'severe' } })).toBe(true);
    expect(refused({ name: '  ' })).toBe(true);
    expect(refused({ extra: true })).toBe(true);
  });

  it('lists every alert field as a possible column', () => {
    const columns = Object.fromEntries(ALERT_FIELDS.map((field) => [field, field]));
    expect(mappingProfileSchema.safeParse({ ...alerts, columns }).success).toBe(true);
  });
});
