// The Sync screen's server-side reads through the channels, against a real server: the enrolment's
// details (what the server says of this device), the organisation's devices for an admin, revoking
// one (audited, and the revoked device's next round stops), and the refusals a non-admin meets.
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../../src-shared/permissions';
import { DIALECTS } from '../../server/support/server-dbs';
import { signedInVault, type SyncVault } from '../support/sync-vaults';
import { SyncHarness } from './sync-harness';

describe.each(DIALECTS)('the sync devices channels against a real server on %s', (dialect) => {
  let harness: SyncHarness;
  afterEach(async () => harness.close());

  const enrolled = (name: string, role?: Role): Promise<SyncVault> => harness.enrolledThroughApp(name, role);

  /** Access tokens the server has issued so far, from its own request counter (/metrics). */
  async function tokensIssued(): Promise<number> {
    const metrics = await (await fetch(`${harness.serverUrl}/metrics`)).text();
    return [...metrics.matchAll(/^vigil_http_requests_total\{[^}]*route="\/v1\/token"[^}]*status="200"[^}]*\} (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
  }

  it('answers the Sync screen\'s requests with one access token, not a new one per request', async () => {
    harness = await SyncHarness.open(dialect);
    const a = await enrolled('Ana');
    const before = await tokensIssued();
    await a.cli.invoke('sync.enrolment', {});
    await a.cli.invoke('sync.devices.list', {});
    await a.cli.invoke('sync.enrolment', {});
    expect(await tokensIssued() - before).toBe(1);
  });

  it('lists the organisation\'s devices for an admin, revokes one with an audit entry, and the revoked device stops syncing', async () => {
    harness = await SyncHarness.open(dialect);
    const a = await enrolled('Ana');
    const b = await enrolled('Ben');

    const detail = await a.cli.invoke('sync.enrolment', {});
    expect(detail).toMatchObject({
      serverUrl: harness.serverUrl, organisation: { name: 'Acme' }, device: { name: "Ana's laptop", memberName: 'Ana', role: 'admin' }, deviceError: null,
    });

    const devices = await a.cli.invoke('sync.devices.list', {});
    expect(devices.map((d) => [d.name, d.memberName, d.revokedAt]).sort()).toEqual([["Ana's laptop", 'Ana', null], ["Ben's laptop", 'Ben', null]]);
    const ben = devices.find((d) => d.memberName === 'Ben');
    if (!ben) throw new Error('no device of Ben');

    const revoked = await a.cli.invoke('sync.devices.revoke', { deviceId: ben.id });
    expect(revoked.deviceId).toBe(ben.id);
    expect((await a.cli.invoke('sync.devices.list', {})).find((d) => d.id === ben.id)?.revokedAt).toBe(revoked.revokedAt);
    const audit = await a.cli.invoke('audit.list', { limit: 5, action: 'sync.devices.revoke' });
    expect(audit.entries.map((entry) => entry.target)).toEqual([ben.id]);

    const after = await b.cli.invoke('sync.syncNow', {});
    expect(after.state).toBe('error');
    expect(after.lastError?.code).toBe('DEVICE_REVOKED');
  });

  it('refuses the device list to a device whose member is not an admin at the server, and to a vault not enrolled', async () => {
    harness = await SyncHarness.open(dialect);
    const analyst = await enrolled('Ana', 'analyst');
    await expect(analyst.cli.invoke('sync.devices.list', {})).rejects.toMatchObject({ code: 'FORBIDDEN', details: { code: 'FORBIDDEN' } });

    const loose = await signedInVault(harness.vaults);
    expect(await loose.cli.invoke('sync.enrolment', {})).toBeNull();
    await expect(loose.cli.invoke('sync.devices.list', {})).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('says the server did not answer when it is down, keeping the stored server and device', async () => {
    harness = await SyncHarness.open(dialect);
    const a = await enrolled('Ana');
    const deviceId = (await a.cli.invoke('sync.enrolment', {}))?.deviceId;
    await harness.stopServer();
    const detail = await a.cli.invoke('sync.enrolment', {});
    expect(detail).toMatchObject({ serverUrl: harness.serverUrl, deviceId, device: null, deviceError: { code: 'OFFLINE' } });
    await expect(a.cli.invoke('sync.devices.list', {})).rejects.toMatchObject({ code: 'UNAVAILABLE', details: { code: 'OFFLINE' } });
  });
});
