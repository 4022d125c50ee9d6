import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { setMemberDisabled } from '../../../../src-server/admin/members';
import { authenticate } from '../../../../src-server/auth/access-tokens';
import { revokeDevice } from '../../../../src-server/auth/devices';
import { createEnrolToken, enrolDevice } from '../../../../src-server/auth/enrolment';
import { accessTokenKey } from '../../../../src-server/auth/token-secret';
import { SyncError } from '../../../../src-server/errors';
import { DIALECTS } from '../support/server-dbs';
import { PlatformFixture, VERSIONS, bearer } from './platform-fixture';

const hello = (app: FastifyInstance, token: string) =>
  app.inject({ method: 'POST', url: '/v1/hello', headers: bearer(token), payload: { ...VERSIONS, app: 'vigil 0.1.0' } });

async function refusal(promise: Promise<unknown>): Promise<SyncError> {
  const error: unknown = await promise.then(() => null, (caught: unknown) => caught);
  if (!(error instanceof SyncError)) throw new Error(`expected a SyncError, got ${String(error)}`);
  return error;
}

describe.each(DIALECTS)('enrolment and access tokens on %s', (dialect) => {
  let fixture: PlatformFixture;
  let app: FastifyInstance;
  let orgId: string;
  let memberId: string;

  beforeEach(async () => {
    fixture = await PlatformFixture.open(dialect);
    app = await fixture.server();
    orgId = await fixture.organisation('Acme');
    memberId = await fixture.member(orgId, 'Ana', 'analyst');
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('stores the enrolment token only as its hash, and enrols a device with it once', async () => {
    const { token, expiresAt } = await createEnrolToken(fixture.db, orgId, memberId, fixture.now);
    expect(expiresAt).toBe(fixture.now + 24 * 60 * 60_000);
    const stored = await fixture.db.selectFrom('enrol_tokens').selectAll().execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(token);

    const first = await app.inject({ method: 'POST', url: '/v1/enrol', payload: { token, deviceId: 'dev-1', deviceName: 'Laptop' } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ deviceId: 'dev-1', orgId, memberId });
    const device = await fixture.db.selectFrom('devices').selectAll().where('id', '=', 'dev-1').executeTakeFirstOrThrow();
    expect(device.credential_hash).not.toContain(first.json<{ credential: string }>().credential);

    const second = await app.inject({ method: 'POST', url: '/v1/enrol', payload: { token, deviceId: 'dev-2', deviceName: 'Other' } });
    expect(second.statusCode).toBe(401);
    expect(second.json().error.code).toBe('ENROL_TOKEN_INVALID');
    expect(await fixture.db.selectFrom('devices').select('id').execute()).toEqual([{ id: 'dev-1' }]);
  });

  it('gives an unknown, a used and an expired enrolment token the very same answer', async () => {
    const used = await createEnrolToken(fixture.db, orgId, memberId, fixture.now);
    await enrolDevice(fixture.db, { token: used.token, deviceId: 'dev-1', deviceName: 'Laptop' }, fixture.now);
    const expiring = await createEnrolToken(fixture.db, orgId, memberId, fixture.now);
    fixture.now += 24 * 60 * 60_000;
    const bodies: string[] = [];
    for (const token of [used.token, expiring.token, 'A'.repeat(43)]) {
      const response = await app.inject({ method: 'POST', url: '/v1/enrol', payload: { token, deviceId: `d-${bodies.length}`, deviceName: 'x' } });
      expect(response.statusCode).toBe(401);
      bodies.push(response.body);
    }
    expect(new Set(bodies).size).toBe(1);
    expect(JSON.parse(bodies[0] ?? '{}').error.code).toBe('ENROL_TOKEN_INVALID');
    expect(await fixture.db.selectFrom('devices').select('id').execute()).toEqual([{ id: 'dev-1' }]);
  });

  it('lets exactly one of two simultaneous enrolments with one token through', async () => {
    const { token } = await createEnrolToken(fixture.db, orgId, memberId, fixture.now);
    const outcomes = await Promise.allSettled([
      enrolDevice(fixture.db, { token, deviceId: 'race-a', deviceName: 'A' }, fixture.now),
      enrolDevice(fixture.db, { token, deviceId: 'race-b', deviceName: 'B' }, fixture.now),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const failed = outcomes.find((outcome) => outcome.status === 'rejected');
    expect(failed?.status === 'rejected' && failed.reason instanceof SyncError && failed.reason.code).toBe('ENROL_TOKEN_INVALID');
    expect(await fixture.db.selectFrom('devices').select('id').execute()).toHaveLength(1);
  });

  it('refuses to make an enrolment token for a disabled member, and a token made before disabling no longer enrols', async () => {
    const { token } = await createEnrolToken(fixture.db, orgId, memberId, fixture.now);
    await setMemberDisabled(fixture.db, orgId, memberId, true, fixture.now);
    expect((await refusal(createEnrolToken(fixture.db, orgId, memberId, fixture.now))).code).toBe('NOT_FOUND');
    expect((await refusal(enrolDevice(fixture.db, { token, deviceId: 'dev-1', deviceName: 'x' }, fixture.now))).code).toBe('ENROL_TOKEN_INVALID');
  });

  it('turns the credential into an access token that authenticates calls for 15 minutes, then not', async () => {
    const device = await fixture.enrol(app, orgId, memberId, 'dev-1');
    const token = await fixture.accessToken(app, device);
    expect(token).toMatch(/^v1\.dev-1\.\d+\.[A-Za-z0-9_-]+$/);

    const ok = await hello(app, token);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ protocol: 1, serverTime: fixture.now, device: { id: 'dev-1', memberId, role: 'analyst', pushedSeq: 0, auditHead: null } });

    fixture.now += 15 * 60_000 - 1;
    expect((await hello(app, token)).statusCode).toBe(200);
    fixture.now += 1;
    const expired = await hello(app, token);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a wrong credential, a missing token and a token whose signature or claims were altered', async () => {
    const device = await fixture.enrol(app, orgId, memberId, 'dev-1');
    const wrong = await app.inject({ method: 'POST', url: '/v1/token', payload: { deviceId: 'dev-1', credential: `${device.credential.slice(0, -2)}xx` } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('UNAUTHENTICATED');
    const unknown = await app.inject({ method: 'POST', url: '/v1/token', payload: { deviceId: 'nobody', credential: device.credential } });
    expect(unknown.body).toBe(wrong.body);

    const token = await fixture.accessToken(app, device);
    const [version, id, expiry, mac] = token.split('.') as [string, string, string, string];
    const longer = `${version}.${id}.${Number(expiry) + 3_600_000}.${mac}`;
    const otherDevice = `${version}.dev-2.${expiry}.${mac}`;
    const flipped = `${version}.${id}.${expiry}.${mac.startsWith('A') ? 'B' : 'A'}${mac.slice(1)}`;
    for (const forged of [longer, otherDevice, flipped, 'v1.dev-1', '']) {
      const response = await hello(app, forged);
      expect(response.statusCode).toBe(401);
      expect(response.json().error.code).toBe('UNAUTHENTICATED');
    }
    const noHeader = await app.inject({ method: 'POST', url: '/v1/hello', payload: { ...VERSIONS, app: 'x' } });
    expect(noHeader.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a revoked device at its next call, before its token expires, and gives it no new token', async () => {
    const device = await fixture.enrol(app, orgId, memberId, 'dev-1');
    const token = await fixture.accessToken(app, device);
    expect((await hello(app, token)).statusCode).toBe(200);

    await revokeDevice(fixture.db, orgId, 'dev-1', fixture.now);
    const refused = await hello(app, token);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('DEVICE_REVOKED');
    const newToken = await app.inject({ method: 'POST', url: '/v1/token', payload: { deviceId: 'dev-1', credential: device.credential } });
    expect(newToken.json().error.code).toBe('DEVICE_REVOKED');
  });

  it('refuses every device of a disabled member at once, and lets them back when enabled again', async () => {
    const device = await fixture.enrol(app, orgId, memberId, 'dev-1');
    const token = await fixture.accessToken(app, device);
    await setMemberDisabled(fixture.db, orgId, memberId, true, fixture.now);
    expect((await hello(app, token)).json().error.code).toBe('DEVICE_REVOKED');
    await setMemberDisabled(fixture.db, orgId, memberId, false, fixture.now);
    expect((await hello(app, token)).statusCode).toBe(200);
  });

  it('records when a device was last seen, without a write on every call', async () => {
    const device = await fixture.enrol(app, orgId, memberId, 'dev-1');
    const token = await fixture.accessToken(app, device);
    const lastSeen = async () => (await fixture.db.selectFrom('devices').select('last_seen_at').executeTakeFirstOrThrow()).last_seen_at;
    const enrolledAt = fixture.now;
    fixture.now += 30_000;
    await authenticate(fixture.db, token, fixture.now);
    expect(await lastSeen()).toBe(enrolledAt);
    fixture.now += 60_000;
    await authenticate(fixture.db, token, fixture.now);
    expect(await lastSeen()).toBe(fixture.now);
  });

  it('creates one signing key however many callers ask for it at once', async () => {
    const keys = await Promise.all([accessTokenKey(fixture.db), accessTokenKey(fixture.db), accessTokenKey(fixture.db)]);
    expect(keys[0]?.length).toBe(32);
    expect(new Set(keys.map((key) => key.toString('hex'))).size).toBe(1);
    expect(await fixture.db.selectFrom('server_secrets').select('name').execute()).toHaveLength(1);
  });
});
