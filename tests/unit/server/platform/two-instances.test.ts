import { afterEach, describe, expect, it } from 'vitest';
import type { ServerDatabase } from '../../../../src-server/db/open';
import { buildServer } from '../../../../src-server/http/server';
import { addMember } from '../../../../src-server/admin/members';
import { createOrganisation } from '../../../../src-server/admin/organisations';
import { createEnrolToken } from '../../../../src-server/auth/enrolment';
import { revokeDevice } from '../../../../src-server/auth/devices';
import { freshServerDbConfig } from '../support/server-dbs';
import { createSchema, openPostgresInSchema } from './platform-db';
import { FakeSync, START, VERSIONS, bearer } from './platform-fixture';

// Several instances behind a load balancer serve one PostgreSQL (docs/SYNC.md, "Scaling"): each opens
// its own pool on the same schema, and any one accepts what another issued.
describe('two server instances on one PostgreSQL schema', () => {
  const opened: ServerDatabase[] = [];
  let remove: (() => Promise<void>) | null = null;
  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close();
    await remove?.();
  });

  it('start together on one fresh schema, and a token issued by one is accepted by the other', async () => {
    const place = freshServerDbConfig('postgres');
    remove = place.remove;
    // The schema stands in for the operator's database, which exists before any instance starts.
    if (place.config.kind !== 'postgres' || place.config.schema === undefined) throw new Error('expected a PostgreSQL schema');
    const { schema } = place.config;
    await createSchema(schema);
    const [one, two] = await Promise.all([openPostgresInSchema(schema), openPostgresInSchema(schema)]);
    opened.push(one, two);
    const clock = () => START;
    const [appOne, appTwo] = await Promise.all([
      buildServer({ db: one.db, clock, sync: new FakeSync(), logger: false }),
      buildServer({ db: two.db, clock, sync: new FakeSync(), logger: false }),
    ]);
    try {
      const orgId = (await createOrganisation(one.db, 'Acme', START)).id;
      const memberId = (await addMember(one.db, orgId, { name: 'Ana', role: 'analyst' }, START)).id;
      const { token } = await createEnrolToken(one.db, orgId, memberId, START);

      // Both instances create the signing key on their first request, at the same moment.
      const [enrolled, health] = await Promise.all([
        appOne.inject({ method: 'POST', url: '/v1/enrol', payload: { token, deviceId: 'dev-1', deviceName: 'Laptop' } }),
        appTwo.inject({ method: 'POST', url: '/v1/token', payload: { deviceId: 'nobody', credential: 'x'.repeat(43) } }),
      ]);
      expect(health.statusCode).toBe(401);
      const { credential } = enrolled.json<{ credential: string }>();
      const issued = await appTwo.inject({ method: 'POST', url: '/v1/token', payload: { deviceId: 'dev-1', credential } });
      const { accessToken } = issued.json<{ accessToken: string }>();
      const hello = await appOne.inject({ method: 'POST', url: '/v1/hello', headers: bearer(accessToken), payload: { ...VERSIONS, app: 'x' } });
      expect(hello.statusCode).toBe(200);
      expect(hello.json().device.id).toBe('dev-1');

      // A revocation through one instance's database is seen by the other at the next call.
      await revokeDevice(one.db, orgId, 'dev-1', START);
      const refused = await appTwo.inject({ method: 'POST', url: '/v1/hello', headers: bearer(accessToken), payload: { ...VERSIONS, app: 'x' } });
      expect(refused.json().error.code).toBe('DEVICE_REVOKED');
      expect(await one.db.selectFrom('server_secrets').select('name').execute()).toHaveLength(1);
    } finally {
      await appOne.close();
      await appTwo.close();
    }
  });
});
