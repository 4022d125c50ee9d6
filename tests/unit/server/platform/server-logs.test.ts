import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { DIALECTS } from '../support/server-dbs';
import { PlatformFixture, VERSIONS, bearer } from './platform-fixture';

const SECRET_VALUE = 'Suspect-home-address-221B';

describe.each(DIALECTS)('the server logs on %s', (dialect) => {
  let fixture: PlatformFixture;
  let app: FastifyInstance;
  const lines: string[] = [];

  beforeEach(async () => {
    lines.length = 0;
    fixture = await PlatformFixture.open(dialect);
    app = await fixture.server({ logger: { level: 'trace', stream: { write: (line) => lines.push(line) } } });
  });
  afterEach(async () => {
    await fixture.close();
  });

  it('are JSON lines with ids and counts, and never carry a token, a credential or a record value', async () => {
    const orgId = await fixture.organisation('Acme');
    const adminId = await fixture.member(orgId, 'Alice', 'admin');
    const admin = await fixture.enrol(app, orgId, adminId, 'dev-admin');
    const adminToken = await fixture.accessToken(app, admin);
    const issued = await app.inject({ method: 'POST', url: '/v1/admin/enrol-tokens', headers: bearer(adminToken), payload: { memberId: adminId } });
    const { token: enrolToken } = issued.json<{ token: string }>();
    const enrolled = await app.inject({ method: 'POST', url: '/v1/enrol', payload: { token: enrolToken, deviceId: 'dev-2', deviceName: 'Laptop' } });
    const { credential } = enrolled.json<{ credential: string }>();
    const accessToken = await fixture.accessToken(app, { deviceId: 'dev-2', credential });
    const push = await app.inject({
      method: 'POST', url: '/v1/push', headers: bearer(accessToken),
      payload: {
        ...VERSIONS, batch: { after: 0, upto: 1 }, auditHead: null,
        changes: [{ table: 'entities', id: 'ent-1', seq: 1, fields: { value: { value: SECRET_VALUE, hlc: '001796547600000-000001', base: null } } }],
      },
    });
    expect(push.statusCode).toBe(200);
    // A refused request: a bad token and a body that does not parse, both carrying secrets.
    await app.inject({ method: 'POST', url: '/v1/push', headers: bearer(`${accessToken}x`), payload: { secret: SECRET_VALUE } });
    await app.inject({ method: 'POST', url: '/v1/token', headers: { 'content-type': 'application/json' }, payload: `{"credential":"${credential}"` });
    fixture.sync.failWith = new Error('boom');
    await app.inject({ method: 'POST', url: '/v1/pull', headers: bearer(accessToken), payload: { ...VERSIONS, after: 0, limit: 5 } });

    expect(lines.length).toBeGreaterThan(10);
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const text = lines.join('\n');
    for (const secret of [enrolToken, credential, admin.credential, accessToken, adminToken, SECRET_VALUE]) {
      expect(text).not.toContain(secret);
    }
    // Tokens are also not logged in part (their signature is the secret half).
    expect(text).not.toContain(accessToken.split('.')[3]);
    const pushLine = entries.find((entry) => entry.msg === 'push');
    expect(pushLine).toMatchObject({ orgId, deviceId: 'dev-2', changes: 1, applied: true });
    expect(entries.find((entry) => entry.msg === 'device enrolled' && entry.deviceId === 'dev-2')).toMatchObject({ orgId, memberId: adminId });
    expect(entries.some((entry) => entry.msg === 'request failed')).toBe(true);
    expect(entries.every((entry) => typeof entry.level === 'number' && typeof entry.time === 'number')).toBe(true);
  });

  it('redact the authorization header, bodies and secret-named fields even when a handler passes them', async () => {
    app.log.info({
      req: { headers: { authorization: 'Bearer v1.dev.1.SIGNATURE' } },
      body: { title: SECRET_VALUE },
      credential: 'CREDENTIAL-VALUE',
      nested: { token: 'ENROL-TOKEN-VALUE', accessToken: 'ACCESS-VALUE' },
      deviceId: 'dev-1',
    }, 'probe');
    const probe = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.msg === 'probe');
    expect(probe).toMatchObject({ deviceId: 'dev-1', credential: '[redacted]', body: '[redacted]', nested: { token: '[redacted]', accessToken: '[redacted]' } });
    const text = lines.join('\n');
    for (const secret of ['SIGNATURE', SECRET_VALUE, 'CREDENTIAL-VALUE', 'ENROL-TOKEN-VALUE', 'ACCESS-VALUE']) expect(text).not.toContain(secret);
  });
});
