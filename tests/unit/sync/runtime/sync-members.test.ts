// The Sync screen's members through the channels, against a real server: an administrator lists the
// organisation's members, adds one, hands them a one-time enrolment token that a new vault enrols
// with (the audit entry names the member, never the token), and disables them, which stops their
// device at its next round. The server's own rules hold through the app: an admin grants no role
// above their own, and a member who is not an admin at the server is refused.
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../../src-shared/permissions';
import { DIALECTS } from '../../server/support/server-dbs';
import { signedInVault, type SyncVault } from '../support/sync-vaults';
import { SyncHarness } from './sync-harness';

describe.each(DIALECTS)('the sync members channels against a real server on %s', (dialect) => {
  let harness: SyncHarness;
  afterEach(async () => harness.close());

  const enrolled = (name: string, role?: Role): Promise<SyncVault> => harness.enrolledThroughApp(name, role);

  it('adds a member, enrols their device with a token made on the Sync screen, and disabling them stops it', async () => {
    harness = await SyncHarness.open(dialect);
    const admin = await enrolled('Ana');
    expect((await admin.cli.invoke('sync.members.list', {})).map((m) => [m.name, m.role, m.disabledAt])).toEqual([['Ana', 'admin', null]]);

    const cleo = await admin.cli.invoke('sync.members.add', { name: '  Cleo  ', role: 'analyst' });
    expect(cleo).toMatchObject({ name: 'Cleo', role: 'analyst', disabledAt: null });
    expect((await admin.cli.invoke('sync.members.list', {})).map((m) => m.name).sort()).toEqual(['Ana', 'Cleo']);

    const { token, expiresAt, memberId } = await admin.cli.invoke('sync.enrolTokens.create', { memberId: cleo.id });
    expect(memberId).toBe(cleo.id);
    // The server's clock here is the harness's: the token outlives the moment it was made.
    expect(expiresAt).toBeGreaterThan(cleo.createdAt);
    const audit = await admin.cli.invoke('audit.list', { limit: 5, action: 'sync.enrolTokens.create' });
    expect(audit.entries.map((entry) => entry.target)).toEqual([cleo.id]);
    expect(JSON.stringify(audit.entries)).not.toContain(token);

    const cleoVault = await signedInVault(harness.vaults);
    await cleoVault.cli.invoke('sync.enrol', { serverUrl: harness.serverUrl, token, deviceName: "Cleo's laptop" });
    expect((await cleoVault.cli.invoke('sync.syncNow', {})).state).toBe('idle');
    expect((await admin.cli.invoke('sync.devices.list', {})).find((d) => d.memberId === cleo.id)?.name).toBe("Cleo's laptop");
    // One token, one device.
    const again = await signedInVault(harness.vaults);
    await expect(again.cli.invoke('sync.enrol', { serverUrl: harness.serverUrl, token, deviceName: 'Another' })).rejects.toMatchObject({ code: 'VALIDATION', details: { code: 'ENROL_TOKEN_INVALID' } });

    const disabled = await admin.cli.invoke('sync.members.setDisabled', { memberId: cleo.id, disabled: true });
    expect(disabled.disabledAt).not.toBeNull();
    const stopped = await cleoVault.cli.invoke('sync.syncNow', {});
    expect(stopped.lastError?.code).toBe('DEVICE_REVOKED');
    expect((await admin.cli.invoke('sync.members.setDisabled', { memberId: cleo.id, disabled: false })).disabledAt).toBeNull();
    expect((await admin.cli.invoke('audit.list', { limit: 5, action: 'sync.members.setDisabled' })).entries).toHaveLength(2);
  });

  it('grants no role above the admin\'s own, and refuses members to a member who is not an admin at the server', async () => {
    harness = await SyncHarness.open(dialect);
    const admin = await enrolled('Ana');
    await expect(admin.cli.invoke('sync.members.add', { name: 'Root', role: 'super_admin' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(admin.cli.invoke('sync.enrolTokens.create', { memberId: 'no-such-member' })).rejects.toMatchObject({ details: { code: 'NOT_FOUND' } });

    const analyst = await enrolled('Ben', 'analyst');
    await expect(analyst.cli.invoke('sync.members.list', {})).rejects.toMatchObject({ code: 'FORBIDDEN', details: { code: 'FORBIDDEN' } });
    await expect(analyst.cli.invoke('sync.enrolTokens.create', { memberId: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
