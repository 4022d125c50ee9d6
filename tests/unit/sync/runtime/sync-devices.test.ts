// The Sync screen's server-side reads through the channels, against a real server: the enrolment's
// details (what the server says of this device), the organisation's devices for an admin (with a
// device whose audit log no longer matches the server's copy), revoking one (audited, and the revoked
// device's next round stops), and the refusals a non-admin meets.
import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../../../src-shared/permissions';
import type { SyncDeviceView } from '../../../../src-shared/sync-contract';
import { readSyncState } from '../../../../src-main/sync/sync-state';
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

  /** The last of the vault's audit rows the server holds, from the server's own table. */
  async function heldAuditSeq(v: SyncVault): Promise<number> {
    const held = await harness.fixture.db.selectFrom('audit_rows').select('seq').where('device_id', '=', readSyncState(v.db()).deviceId ?? '')
      .orderBy('seq', 'desc').limit(1).executeTakeFirst();
    return held?.seq ?? 0;
  }

  async function syncNow(v: SyncVault): Promise<void> {
    const status = await v.cli.invoke('sync.syncNow', {});
    expect(status.lastError).toBeNull();
    expect(status.state).toBe('idle');
  }

  const deviceOf = (devices: readonly SyncDeviceView[], member: string): SyncDeviceView => {
    const device = devices.find((d) => d.memberName === member);
    if (!device) throw new Error(`no device of ${member}`);
    return device;
  };

  it('shows a device whose audit log changed after it was sent, with the row the server refused and why, and none for a log that matches', async () => {
    harness = await SyncHarness.open(dialect);
    const a = await enrolled('Ana');
    const b = await enrolled('Ben');
    const c = await enrolled('Chidi');
    const worked = await Promise.all([a, b, c].map(async (v) => {
      const created = await v.cli.invoke('investigations.create', { title: 'Mule accounts' });
      await syncNow(v);
      return { v, investigationId: created.id, held: await heldAuditSeq(v) };
    }));
    const [ana, ben, chidi] = worked;
    if (!ana || !ben || !chidi) throw new Error('no work of Ana, Ben or Chidi');
    for (const { held } of worked) expect(held).toBeGreaterThan(0);

    // Ben works on; someone with his vault key edits the first new row in place, its hash as it was.
    await b.cli.invoke('investigations.update', { investigationId: ben.investigationId, title: 'Mule accounts, wave 2' });
    b.db().exec('DROP TRIGGER audit_log_no_update');
    b.db().prepare('UPDATE audit_log SET details = ? WHERE seq = ?').run('{"edited":true}', ben.held + 1);
    await syncNow(b);
    // Chidi's newest rows the server holds are deleted, and more work written past them.
    c.db().exec('DROP TRIGGER audit_log_no_delete');
    c.db().prepare('DELETE FROM audit_log WHERE seq > ?').run(chidi.held - 2);
    for (let n = 2; n <= 5; n += 1) await c.cli.invoke('investigations.update', { investigationId: chidi.investigationId, title: `Mule accounts, wave ${n}` });
    await syncNow(c);
    // Ana syncs again with her log as it was.
    await a.cli.invoke('investigations.update', { investigationId: ana.investigationId, title: 'Mule accounts, wave 2' });
    await syncNow(a);

    const devices = await a.cli.invoke('sync.devices.list', {});
    expect(deviceOf(devices, 'Ben').auditMismatch).toEqual({ at: harness.serverNow(), seq: ben.held + 1, reason: 'broken' });
    expect(deviceOf(devices, 'Chidi').auditMismatch).toEqual({ at: harness.serverNow(), seq: chidi.held + 1, reason: 'rewritten' });
    expect(deviceOf(devices, 'Ana').auditMismatch).toBeNull();
    // Revoking a device keeps its mark: the admins still see what its log did.
    await a.cli.invoke('sync.devices.revoke', { deviceId: deviceOf(devices, 'Ben').id });
    expect(deviceOf(await a.cli.invoke('sync.devices.list', {}), 'Ben')).toMatchObject({ revokedAt: harness.serverNow(), auditMismatch: { seq: ben.held + 1, reason: 'broken' } });
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
