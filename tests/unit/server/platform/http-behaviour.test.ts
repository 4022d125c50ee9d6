import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../../../src-server/http/server';
import { SyncError } from '../../../../src-server/errors';
import { DIALECTS } from '../support/server-dbs';
import { openPlatformDb } from './platform-db';
import { FakeSync, PlatformFixture, VERSIONS, bearer, type EnrolledDevice } from './platform-fixture';

const HLC = '001796547600000-000001';

function pushBody(after: number, upto: number, value = 'Phishing wave') {
  return {
    ...VERSIONS,
    batch: { after, upto },
    changes: [{ table: 'investigations', id: 'inv-1', seq: upto, fields: { title: { value, hlc: HLC, base: null } } }],
    auditHead: null,
  };
}

describe.each(DIALECTS)('the HTTP app on %s', (dialect) => {
  let fixture: PlatformFixture;
  let app: FastifyInstance;
  let orgId: string;
  let device: EnrolledDevice;
  let token: string;

  beforeEach(async () => {
    fixture = await PlatformFixture.open(dialect);
    app = await fixture.server();
    orgId = await fixture.organisation('Acme');
    const memberId = await fixture.member(orgId, 'Ana', 'analyst');
    device = await fixture.enrol(app, orgId, memberId, 'dev-1');
    token = await fixture.accessToken(app, device);
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('hands a parsed push to the sync core with the caller established from the token, never from the body', async () => {
    const response = await app.inject({
      method: 'POST', url: '/v1/push', headers: bearer(token), payload: { ...pushBody(0, 4), orgId: 'someone-else', deviceId: 'dev-9' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ applied: true, pushedSeq: 4, serverSeq: 0, conflicts: 0 });
    expect(fixture.sync.pushes).toHaveLength(1);
    const [push] = fixture.sync.pushes;
    expect(push?.context).toEqual({ orgId, deviceId: 'dev-1', memberId: device.memberId, role: 'analyst' });
    expect(push?.request).toEqual(pushBody(0, 4));
    expect(push?.now).toBe(fixture.now);
  });

  it('hands a parsed pull to the sync core and returns its page', async () => {
    const response = await app.inject({ method: 'POST', url: '/v1/pull', headers: bearer(token), payload: { ...VERSIONS, after: 7, limit: 100 } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ items: [], next: 7, more: false, head: 7 });
    expect(fixture.sync.pulls[0]?.request).toEqual({ ...VERSIONS, after: 7, limit: 100 });
  });

  it('sends a sync core refusal with its status, code and details', async () => {
    fixture.sync.failWith = new SyncError('PUSH_GAP', 'The batch does not start where the server stopped.', { expectedAfter: 3 });
    const response = await app.inject({ method: 'POST', url: '/v1/push', headers: bearer(token), payload: pushBody(5, 6) });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({ error: { code: 'PUSH_GAP', message: 'The batch does not start where the server stopped.', details: { expectedAfter: 3 } } });
  });

  it('answers an unexpected failure with INTERNAL, no message of its own and no stack', async () => {
    fixture.sync.failWith = new Error('connection to /var/secret/db refused');
    const response = await app.inject({ method: 'POST', url: '/v1/pull', headers: bearer(token), payload: { ...VERSIONS, after: 0, limit: 10 } });
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe('INTERNAL');
    expect(response.body).not.toContain('/var/secret');
    expect(response.body).not.toContain('stack');
    expect(response.body).not.toMatch(/\.ts:\d+/);
  });

  it('refuses a body that is not JSON with INVALID_REQUEST, quoting nothing of it', async () => {
    const response = await app.inject({
      method: 'POST', url: '/v1/enrol', headers: { 'content-type': 'application/json' }, payload: '{"token": "hunter2-secret-token-value", ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('INVALID_REQUEST');
    expect(response.body).not.toContain('hunter2');
  });

  it('names where a body fails to parse, never the values sent', async () => {
    const response = await app.inject({
      method: 'POST', url: '/v1/push', headers: bearer(token),
      payload: { ...pushBody(0, 1), changes: [{ table: 'investigations', id: 'inv 1!', seq: 1, fields: { title: { value: 'x', hlc: 'secret-stamp-value', base: null } } }] },
    });
    expect(response.statusCode).toBe(400);
    const { error } = response.json<{ error: { code: string; details: { issues: { path: string[] }[] } } }>();
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.details.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['changes.0.fields.title.hlc', 'changes.0.id']);
    expect(response.body).not.toContain('secret-stamp-value');
    expect(response.body).not.toContain('inv 1!');
    expect(fixture.sync.pushes).toEqual([]);
  });

  it('refuses a body over 8 MiB with PAYLOAD_TOO_LARGE and a typed body, before the sync core sees it', async () => {
    const payload = JSON.stringify(pushBody(0, 1, 'x'.repeat(8 * 1024 * 1024)));
    const response = await app.inject({ method: 'POST', url: '/v1/push', headers: { ...bearer(token), 'content-type': 'application/json' }, payload });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.any(String), details: { limitBytes: 8 * 1024 * 1024 } } });
    expect(fixture.sync.pushes).toEqual([]);
  });

  it('answers an unknown route with a typed NOT_FOUND', async () => {
    const response = await app.inject({ method: 'GET', url: '/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });

  it('tells an old client to update (426) and a newer one that the server is too old, keeping its push out of the core', async () => {
    const later = await fixture.server({ versions: { protocol: 3, schema: 3 } });
    const old = await later.inject({ method: 'POST', url: '/v1/push', headers: bearer(token), payload: pushBody(0, 1) });
    expect(old.statusCode).toBe(426);
    expect(old.json().error).toMatchObject({ code: 'UPDATE_REQUIRED', details: { minimum: { protocol: 2, schema: 2 } } });
    const previous = await later.inject({ method: 'POST', url: '/v1/hello', headers: bearer(token), payload: { protocol: 2, schema: 2, app: 'x' } });
    expect(previous.statusCode).toBe(200);
    expect(previous.json()).toMatchObject({ protocol: 3, served: [2, 3], schema: 3 });

    const newer = await app.inject({ method: 'POST', url: '/v1/pull', headers: bearer(token), payload: { protocol: 2, schema: 1, after: 0, limit: 1 } });
    expect(newer.json().error.code).toBe('SERVER_TOO_OLD');
    expect(fixture.sync.pushes).toEqual([]);
    expect(fixture.sync.pulls).toEqual([]);
  });

  it('limits requests per device, with Retry-After, leaving other devices their own allowance', async () => {
    const limited = await fixture.server({ limits: { requestsPerMinute: 3 } });
    const other = await fixture.enrol(app, orgId, device.memberId, 'dev-2');
    const otherToken = await fixture.accessToken(app, other);
    const hello = (as: string) => limited.inject({ method: 'POST', url: '/v1/hello', headers: bearer(as), payload: { ...VERSIONS, app: 'x' } });
    for (let i = 0; i < 3; i += 1) expect((await hello(token)).statusCode).toBe(200);
    const refused = await hello(token);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await hello(otherToken)).statusCode).toBe(200);
    // Health checks are never limited: a load balancer polls them.
    for (let i = 0; i < 5; i += 1) expect((await limited.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });

  it('gives pulls an allowance of their own, so a first sync\'s pages do not spend the other calls\' limit', async () => {
    const limited = await fixture.server({ limits: { requestsPerMinute: 3, pullsPerMinute: 6 } });
    const pull = () => limited.inject({ method: 'POST', url: '/v1/pull', headers: bearer(token), payload: { ...VERSIONS, after: 0, limit: 1 } });
    const hello = () => limited.inject({ method: 'POST', url: '/v1/hello', headers: bearer(token), payload: { ...VERSIONS, app: 'x' } });
    for (let i = 0; i < 6; i += 1) expect((await pull()).statusCode).toBe(200);
    expect((await pull()).json().error.code).toBe('RATE_LIMITED');
    for (let i = 0; i < 3; i += 1) expect((await hello()).statusCode).toBe(200);
    expect((await hello()).statusCode).toBe(429);
  });

  it('reports health once the database answers', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', db: 'ok' });
  });

  it('counts requests, changes applied, conflicts and refused pushes by code in its own registry', async () => {
    fixture.sync.pushResponse = { applied: true, pushedSeq: 0, serverSeq: 9, conflicts: 2 };
    await app.inject({ method: 'POST', url: '/v1/push', headers: bearer(token), payload: pushBody(0, 1) });
    fixture.sync.failWith = new SyncError('CLOCK_AHEAD', 'Clock ahead', { serverTime: fixture.now, aheadMs: 400_000 });
    await app.inject({ method: 'POST', url: '/v1/push', headers: bearer(token), payload: pushBody(1, 2) });
    await app.inject({ method: 'POST', url: '/v1/push', payload: pushBody(1, 2) });

    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    const text = metrics.body;
    expect(text).toContain('vigil_sync_push_changes_applied_total 1');
    expect(text).toContain('vigil_sync_conflicts_total 2');
    expect(text).toContain('vigil_sync_push_rejected_total{code="CLOCK_AHEAD"} 1');
    expect(text).toContain('vigil_sync_push_rejected_total{code="UNAUTHENTICATED"} 1');
    expect(text).toContain('vigil_http_requests_total{route="/v1/push",method="POST",status="200"} 1');
    expect(text).toContain('vigil_http_requests_total{route="/v1/push",method="POST",status="422"} 1');
    expect(text).toMatch(/vigil_http_request_duration_seconds_count\{route="\/v1\/push"\} 3/);

    const fresh = await fixture.server();
    const freshText = (await fresh.inject({ method: 'GET', url: '/metrics' })).body;
    expect(freshText).not.toContain('vigil_sync_conflicts_total 2');
  });
});

describe.each(DIALECTS)('health on %s when the database is gone', (dialect) => {
  it('answers 503', async () => {
    const { database: opened, dispose } = await openPlatformDb(dialect);
    const app = await buildServer({ db: opened.db, clock: () => 0, sync: new FakeSync(), logger: false });
    try {
      expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
      await opened.db.destroy();
      const response = await app.inject({ method: 'GET', url: '/health' });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toEqual({ status: 'unavailable', db: 'unavailable' });
    } finally {
      await app.close();
      await dispose();
    }
  });
});
