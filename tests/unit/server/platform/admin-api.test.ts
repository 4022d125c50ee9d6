import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS } from '../support/server-dbs';
import { PlatformFixture, VERSIONS, bearer, type EnrolledDevice } from './platform-fixture';

describe.each(DIALECTS)('the admin API on %s', (dialect) => {
  let fixture: PlatformFixture;
  let app: FastifyInstance;
  let orgA: string;
  let orgB: string;
  let adminA: string;
  let analystA: string;
  let adminB: string;
  let analystB: string;
  let adminDeviceA: EnrolledDevice;
  let analystDeviceA: EnrolledDevice;
  let analystDeviceB: EnrolledDevice;
  let adminTokenA: string;

  beforeEach(async () => {
    fixture = await PlatformFixture.open(dialect);
    app = await fixture.server();
    orgA = await fixture.organisation('Org A');
    orgB = await fixture.organisation('Org B');
    adminA = await fixture.member(orgA, 'Alice', 'admin');
    analystA = await fixture.member(orgA, 'Arne', 'analyst');
    adminB = await fixture.member(orgB, 'Bob', 'admin');
    analystB = await fixture.member(orgB, 'Bea', 'analyst');
    adminDeviceA = await fixture.enrol(app, orgA, adminA, 'a-admin');
    analystDeviceA = await fixture.enrol(app, orgA, analystA, 'a-analyst');
    analystDeviceB = await fixture.enrol(app, orgB, analystB, 'b-analyst');
    adminTokenA = await fixture.accessToken(app, adminDeviceA);
  });
  afterEach(async () => {
    await fixture.close();
  });

  const asAdminA = (method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url, headers: bearer(adminTokenA), ...(payload === undefined ? {} : { payload }) });

  it('refuses every admin route to a device whose member lacks admin access', async () => {
    const token = await fixture.accessToken(app, analystDeviceA);
    const calls = [
      { method: 'POST' as const, url: '/v1/admin/enrol-tokens', payload: { memberId: analystA } },
      { method: 'GET' as const, url: '/v1/admin/devices' },
      { method: 'POST' as const, url: '/v1/admin/devices/a-admin/revoke' },
      { method: 'GET' as const, url: '/v1/admin/members' },
      { method: 'POST' as const, url: '/v1/admin/members', payload: { name: 'Eve', role: 'admin' } },
      { method: 'POST' as const, url: `/v1/admin/members/${adminA}/state`, payload: { disabled: true } },
    ];
    for (const call of calls) {
      const response = await app.inject({ ...call, headers: bearer(token) });
      expect(response.statusCode, call.url).toBe(403);
      expect(response.json().error.code).toBe('FORBIDDEN');
    }
    const devices = await fixture.db.selectFrom('devices').select(['id', 'revoked_at']).orderBy('id').execute();
    expect(devices.every((device) => device.revoked_at === null)).toBe(true);
    expect(await fixture.db.selectFrom('members').select('id').where('name', '=', 'Eve').execute()).toEqual([]);
  });

  it('issues an enrolment token an admin hands to a member of their organisation, which enrols a device', async () => {
    const response = await asAdminA('POST', '/v1/admin/enrol-tokens', { memberId: analystA });
    expect(response.statusCode).toBe(200);
    const { token } = response.json<{ token: string }>();
    const enrolled = await app.inject({ method: 'POST', url: '/v1/enrol', payload: { token, deviceId: 'a-second', deviceName: 'Desktop' } });
    expect(enrolled.json()).toMatchObject({ orgId: orgA, memberId: analystA, deviceId: 'a-second' });
  });

  it('lists only the caller organisation\'s devices', async () => {
    const response = await asAdminA('GET', '/v1/admin/devices');
    expect(response.statusCode).toBe(200);
    const { devices } = response.json<{ devices: { id: string; memberName: string; pushedSeq: number; revokedAt: number | null }[] }>();
    expect(devices.map((device) => device.id).sort()).toEqual(['a-admin', 'a-analyst']);
    expect(devices.find((device) => device.id === 'a-analyst')).toMatchObject({ memberName: 'Arne', pushedSeq: 0, revokedAt: null });
    expect(JSON.stringify(devices)).not.toContain('credential');
  });

  it('answers NOT_FOUND for another organisation\'s device or member, exactly as for one that does not exist', async () => {
    const revokeB = await asAdminA('POST', '/v1/admin/devices/b-analyst/revoke');
    const revokeNone = await asAdminA('POST', '/v1/admin/devices/no-such/revoke');
    expect(revokeB.statusCode).toBe(404);
    expect(revokeB.body).toBe(revokeNone.body);
    const tokenB = await asAdminA('POST', '/v1/admin/enrol-tokens', { memberId: analystB });
    const tokenNone = await asAdminA('POST', '/v1/admin/enrol-tokens', { memberId: 'no-such' });
    expect(tokenB.statusCode).toBe(404);
    expect(tokenB.body).toBe(tokenNone.body);
    const disableB = await asAdminA('POST', `/v1/admin/members/${adminB}/state`, { disabled: true });
    expect(disableB.statusCode).toBe(404);

    // B is untouched: its device still syncs and no token was made for its member.
    const tokenOfB = await fixture.accessToken(app, analystDeviceB);
    const hello = await app.inject({ method: 'POST', url: '/v1/hello', headers: bearer(tokenOfB), payload: { ...VERSIONS, app: 'x' } });
    expect(hello.statusCode).toBe(200);
    expect(await fixture.db.selectFrom('enrol_tokens').select('member_id').where('org_id', '=', orgB).where('used_at', 'is', null).execute()).toEqual([]);
    const members = await asAdminA('GET', '/v1/admin/members');
    expect(members.json<{ members: { id: string }[] }>().members.map((member) => member.id).sort()).toEqual([adminA, analystA].sort());
  });

  it('revokes a device of its own organisation, which is refused at its next call', async () => {
    const analystToken = await fixture.accessToken(app, analystDeviceA);
    const response = await asAdminA('POST', '/v1/admin/devices/a-analyst/revoke');
    expect(response.json()).toEqual({ deviceId: 'a-analyst', revokedAt: fixture.now });
    const pull = await app.inject({ method: 'POST', url: '/v1/pull', headers: bearer(analystToken), payload: { ...VERSIONS, after: 0, limit: 10 } });
    expect(pull.json().error.code).toBe('DEVICE_REVOKED');
    expect(fixture.sync.pulls).toEqual([]);
  });

  it('adds members with roles up to the admin\'s own, and disables them', async () => {
    const added = await asAdminA('POST', '/v1/admin/members', { name: 'Vic', role: 'viewer' });
    expect(added.statusCode).toBe(200);
    expect(added.json()).toMatchObject({ name: 'Vic', role: 'viewer', disabledAt: null });
    const above = await asAdminA('POST', '/v1/admin/members', { name: 'Sam', role: 'super_admin' });
    expect(above.statusCode).toBe(403);
    const badRole = await asAdminA('POST', '/v1/admin/members', { name: 'Sam', role: 'overlord' });
    expect(badRole.json().error).toMatchObject({ code: 'INVALID_REQUEST', details: { issues: [{ path: ['role'] }] } });

    const analystToken = await fixture.accessToken(app, analystDeviceA);
    const disabled = await asAdminA('POST', `/v1/admin/members/${analystA}/state`, { disabled: true });
    expect(disabled.json()).toMatchObject({ id: analystA, disabledAt: fixture.now });
    const hello = await app.inject({ method: 'POST', url: '/v1/hello', headers: bearer(analystToken), payload: { ...VERSIONS, app: 'x' } });
    expect(hello.json().error.code).toBe('DEVICE_REVOKED');
  });
});
