// After merging sync-server-core: the HTTP platform over the real applyPush/readPull.
import { afterEach, describe, expect, it } from 'vitest';
import { applyPush } from '../../../../src-server/sync/push';
import { readStoredPull } from '../../../../src-server/sync/pull';
import { DIALECTS } from '../support/server-dbs';
import { PlatformFixture, VERSIONS, bearer } from './platform-fixture';

describe.each(DIALECTS)('platform with the real sync core on %s', (dialect) => {
  let fixture: PlatformFixture;
  afterEach(async () => fixture.close());
  it('pushes from one device and pulls on another', async () => {
    fixture = await PlatformFixture.open(dialect);
    const app = await fixture.server({ sync: { applyPush, readPull: readStoredPull } });
    const org = await fixture.organisation('Acme');
    const m = await fixture.member(org, 'Ana', 'analyst');
    const d1 = await fixture.enrol(app, org, m, 'dev-1');
    const d2 = await fixture.enrol(app, org, m, 'dev-2');
    const t1 = await fixture.accessToken(app, d1);
    const t2 = await fixture.accessToken(app, d2);
    const hlc = `${String(fixture.now).padStart(15, '0')}-000001`;
    const push = await app.inject({ method: 'POST', url: '/v1/push', headers: bearer(t1), payload: {
      ...VERSIONS, batch: { after: 0, upto: 1 }, auditHead: null,
      changes: [{ table: 'investigations', id: 'inv-1', seq: 1, fields: { title: { value: 'Phish', hlc, base: null }, status: { value: 'open', hlc, base: null } } }],
    } });
    expect(push.statusCode).toBe(200);
    const again = await app.inject({ method: 'POST', url: '/v1/push', headers: bearer(t1), payload: {
      ...VERSIONS, batch: { after: 5, upto: 6 }, auditHead: null, changes: [],
    } });
    expect(again.json().error).toMatchObject({ code: 'PUSH_GAP', details: { expectedAfter: 1 } });
    const pull = await app.inject({ method: 'POST', url: '/v1/pull', headers: bearer(t2), payload: { ...VERSIONS, after: 0, limit: 10 } });
    expect(pull.json().items).toHaveLength(1);
    const hello = await app.inject({ method: 'POST', url: '/v1/hello', headers: bearer(t1), payload: { ...VERSIONS, app: 'x' } });
    expect(hello.json().device.pushedSeq).toBe(1);
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain('vigil_sync_push_rejected_total{code="PUSH_GAP"} 1');
  });
});
