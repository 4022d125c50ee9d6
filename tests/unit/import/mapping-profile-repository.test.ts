import { afterEach, describe, expect, it } from 'vitest';
import { makeTestVault, setUpVault, addUser, type TestVault } from '../support/test-core';
import { errorCodeOf, vigilErrorOf } from '../support/errors';
import { ALERT_FIELDS, INVESTIGATION_FIELDS } from '../../../src-main/import/column-mapping';
import { TIMESTAMP_FORMATS } from '../../../src-main/import/timestamps';
import { MAPPING_FIELDS, MAPPING_TIME_FORMATS, type MappingDraft } from '../../../src-shared/import-profile-contract';
import { contract } from '../../../src-shared/contract';

let vault: TestVault;
afterEach(() => vault?.dispose());

const SPLUNK: MappingDraft = {
  kind: 'alerts',
  columns: { occurredAt: 'When (local)', title: 'Alarm', account: 'Who' },
  timestamp: { format: 'dmy', timeZone: 'Europe/Paris' },
};

async function start() {
  vault = makeTestVault();
  const { admin } = await setUpVault(vault);
  const db = vault.core.services.custody.vault.db;
  const changes = (rowId: string) =>
    (db.prepare('SELECT fields FROM change_log WHERE table_name = ? AND row_id = ? ORDER BY seq').all('mapping_profiles', rowId) as { fields: string }[])
      .map((r) => JSON.parse(r.fields) as string[]);
  const audit = (action: string) =>
    db.prepare('SELECT target, outcome, details FROM audit_log WHERE action = ? ORDER BY seq').all(action) as { target: string; outcome: string; details: string }[];
  return { admin, changes, audit, db };
}

describe('saved mapping profiles', () => {
  it('saves a profile the CLI could read, lists it by kind, and writes the change log and an audit row', async () => {
    const { admin, changes, audit } = await start();
    const saved = await admin.invoke('importProfiles.save', { name: '  Splunk export ', profile: SPLUNK });
    expect(saved).toMatchObject({ name: 'Splunk export', kind: 'alerts' });
    // The stored body is a complete `--mapping FILE` profile: the name inside it is the saved name.
    expect(saved.profile).toEqual({ ...SPLUNK, name: 'Splunk export' });
    expect((await admin.invoke('importProfiles.list', { kind: 'alerts' })).map((p) => p.name)).toEqual(['Splunk export']);
    expect(await admin.invoke('importProfiles.list', { kind: 'investigations' })).toEqual([]);
    expect(changes(saved.id)).toEqual([['name', 'kind', 'profile']]);
    expect(audit('importProfiles.save')).toMatchObject([{ target: 'Splunk export', outcome: 'success' }]);
  });

  it('refuses a second profile of the same name (any case) unless asked to replace it, then replaces it in place', async () => {
    const { admin, changes } = await start();
    const first = await admin.invoke('importProfiles.save', { name: 'Splunk export', profile: SPLUNK });
    const conflict = await vigilErrorOf(admin.invoke('importProfiles.save', { name: 'SPLUNK EXPORT', profile: SPLUNK }));
    expect(conflict.code).toBe('CONFLICT');
    expect(conflict.details).toMatchObject({ field: 'name', profileId: first.id });

    vault.clock.advance(60_000);
    const changed: MappingDraft = { ...SPLUNK, timestamp: { format: 'mdy', timeZone: 'America/New_York' } };
    const replaced = await admin.invoke('importProfiles.save', { name: 'SPLUNK EXPORT', profile: changed, replace: true });
    expect(replaced.id).toBe(first.id);
    expect(replaced.name).toBe('SPLUNK EXPORT');
    expect(replaced.profile.timestamp).toEqual({ format: 'mdy', timeZone: 'America/New_York' });
    expect(replaced.updatedAt).toBeGreaterThan(first.updatedAt);
    expect(await admin.invoke('importProfiles.list', {})).toHaveLength(1);
    expect(changes(first.id)).toHaveLength(2);
  });

  it('deletes a profile (a tombstone in the change log) and lets its name be used again', async () => {
    const { admin, changes, audit } = await start();
    const saved = await admin.invoke('importProfiles.save', { name: 'Old tool', profile: SPLUNK });
    expect(await admin.invoke('importProfiles.delete', { profileId: saved.id })).toBeNull();
    expect(await admin.invoke('importProfiles.list', {})).toEqual([]);
    expect(changes(saved.id)).toEqual([['name', 'kind', 'profile'], ['deleted_at']]);
    expect(audit('importProfiles.delete')).toMatchObject([{ target: saved.id, outcome: 'success' }]);
    expect(JSON.parse(audit('importProfiles.delete')[0]?.details ?? '{}')).toMatchObject({ name: 'Old tool' });
    expect(await errorCodeOf(admin.invoke('importProfiles.delete', { profileId: saved.id }))).toBe('NOT_FOUND');

    // The name column is unique over tombstones too: saving the name again revives the row, no replace needed.
    const again = await admin.invoke('importProfiles.save', { name: 'Old tool', profile: SPLUNK });
    expect(again.id).toBe(saved.id);
    expect(await admin.invoke('importProfiles.list', {})).toHaveLength(1);
  });

  it('refuses an invalid profile with a VALIDATION error that names the field', async () => {
    const { admin, db } = await start();
    const zone = await vigilErrorOf(admin.invoke('importProfiles.save', {
      name: 'Bad zone', profile: { ...SPLUNK, timestamp: { format: 'iso', timeZone: 'Mars/Olympus' } },
    }));
    expect(zone.code).toBe('VALIDATION');
    expect(zone.message).toBe('The mapping profile is not valid: timestamp.timeZone: Unknown IANA time zone');
    expect(zone.details).toMatchObject({ issues: [{ path: 'timestamp.timeZone', message: 'Unknown IANA time zone' }] });

    const empty = await vigilErrorOf(admin.invoke('importProfiles.save', { name: 'Nothing', profile: { ...SPLUNK, columns: {} } }));
    expect(empty.code).toBe('VALIDATION');
    expect(empty.message).toContain('Map at least one column');

    // A field the alerts importer does not have (it is an investigation field).
    const field = await vigilErrorOf(admin.invoke('importProfiles.save', { name: 'Wrong field', profile: { ...SPLUNK, columns: { assignee: 'Who' } } }));
    expect(field.code).toBe('VALIDATION');
    expect(await errorCodeOf(admin.invoke('importProfiles.save', { name: '   ', profile: SPLUNK }))).toBe('VALIDATION');
    expect((db.prepare('SELECT count(*) AS n FROM mapping_profiles').get() as { n: number }).n).toBe(0);
  });

  it('lets a viewer list profiles but not save or delete them', async () => {
    const { admin } = await start();
    const saved = await admin.invoke('importProfiles.save', { name: 'Shared', profile: SPLUNK });
    const viewer = await addUser(vault, admin, 'vera', 'viewer');
    expect((await viewer.invoke('importProfiles.list', {})).map((p) => p.id)).toEqual([saved.id]);
    expect(await errorCodeOf(viewer.invoke('importProfiles.save', { name: 'Mine', profile: SPLUNK }))).toBe('FORBIDDEN');
    expect(await errorCodeOf(viewer.invoke('importProfiles.delete', { profileId: saved.id }))).toBe('FORBIDDEN');
    expect(contract['importProfiles.list'].access).toEqual({ kind: 'permission', permission: 'read_investigations' });
    for (const name of ['importProfiles.save', 'importProfiles.delete', 'imports.preview'] as const) {
      expect(contract[name].access).toEqual(contract['alerts.importUpload'].access);
    }
  });

  it('keeps the window\'s field and format lists equal to the importer\'s', () => {
    expect([...MAPPING_FIELDS.alerts]).toEqual([...ALERT_FIELDS]);
    expect([...MAPPING_FIELDS.investigations]).toEqual([...INVESTIGATION_FIELDS]);
    expect([...MAPPING_TIME_FORMATS]).toEqual([...TIMESTAMP_FORMATS]);
  });
});
