// Fault test (docs/SYNC.md, "Operations"): the real `vigil-server` process is killed with SIGKILL
// while a push is on its way — before, during or after its transaction, at a different moment each
// time — and started again on the same data folder. The device sends the batch again until it is
// acknowledged. The server must end holding every change exactly once: each record as sent, the
// organisation's sequence advanced once per record (a batch applied twice would advance it again),
// and the device's acknowledged point at the last batch.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addMember } from '../../../../src-server/admin/members';
import { createOrganisation } from '../../../../src-server/admin/organisations';
import { createEnrolToken } from '../../../../src-server/auth/enrolment';
import { openServerDb } from '../../../../src-server/db/open';
import { SYNC_PROTOCOL, SYNC_SCHEMA, type PushedChange } from '../../../../src-shared/sync-protocol';
import { killServerProcess as kill, startServerProcess as start, type ServerProcess } from '../support/server-process';

const VERSIONS = { protocol: SYNC_PROTOCOL, schema: SYNC_SCHEMA };
const BATCHES = 6;
const CHANGES = 400;

describe('vigil-server killed mid-push', () => {
  let dataDir: string | null = null;
  let running: ServerProcess | null = null;
  afterEach(async () => {
    if (running) await kill(running.child);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('holds every change exactly once after SIGKILLs at different moments and the batches sent again', async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vigil-server-kill-'));
    const now = Date.now();
    const setup = await openServerDb({ kind: 'sqlite', dataDir });
    const orgId = (await createOrganisation(setup.db, 'Acme', now)).id;
    const memberId = (await addMember(setup.db, orgId, { name: 'Ana', role: 'analyst' }, now)).id;
    const { token } = await createEnrolToken(setup.db, orgId, memberId, now);
    await setup.close();

    running = await start(dataDir);
    const post = async (path: string, body: object, accessToken?: string) => {
      const response = await fetch(`http://127.0.0.1:${running!.port}${path}`, {
        method: 'POST', body: JSON.stringify(body),
        headers: { 'content-type': 'application/json', ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}) },
      });
      return { status: response.status, body: await response.json() as Record<string, unknown> };
    };
    const enrolled = await post('/v1/enrol', { token, deviceId: 'laptop-1', deviceName: 'Laptop' });
    const credential = (enrolled.body as { credential: string }).credential;
    const accessToken = async () => ((await post('/v1/token', { deviceId: 'laptop-1', credential })).body as { accessToken: string }).accessToken;

    const hlc = (n: number) => `${String(now).padStart(15, '0')}-${n.toString(16).padStart(6, '0')}`;
    const batch = (b: number) => {
      const changes: PushedChange[] = Array.from({ length: CHANGES }, (_, i) => {
        const seq = b * CHANGES + i + 1;
        return { table: 'entities', id: `entity-${seq}`, seq, fields: { note: { value: `note ${seq} ${'x'.repeat(200)}`, hlc: hlc(seq), base: null } } };
      });
      return { ...VERSIONS, batch: { after: b * CHANGES, upto: (b + 1) * CHANGES }, changes, auditHead: null };
    };

    let kills = 0;
    for (let b = 0; b < BATCHES; b += 1) {
      // The first attempt of each batch is cut by a SIGKILL a little later each time after its
      // request reached the server; then the batch goes again until acknowledged.
      const token1 = await accessToken();
      const arrived = running.requestArrived('/v1/push');
      const attempt = post('/v1/push', batch(b), token1).catch(() => null);
      await arrived;
      await new Promise((resolve) => setTimeout(resolve, b * 15));
      await kill(running.child);
      kills += 1;
      await attempt;
      running = await start(dataDir);
      const again = await post('/v1/push', batch(b), await accessToken());
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      expect(again.body.pushedSeq).toBe((b + 1) * CHANGES);
    }
    await kill(running.child);
    running = null;

    const after = await openServerDb({ kind: 'sqlite', dataDir });
    try {
      const records = await after.db.selectFrom('records').select(['id', 'fields', 'seq']).where('org_id', '=', orgId).execute();
      expect(records).toHaveLength(BATCHES * CHANGES);
      const org = await after.db.selectFrom('orgs').select('seq').where('id', '=', orgId).executeTakeFirstOrThrow();
      expect(org.seq).toBe(BATCHES * CHANGES);
      expect(new Set(records.map((record) => record.seq)).size).toBe(BATCHES * CHANGES);
      const device = await after.db.selectFrom('devices').select('pushed_seq').where('id', '=', 'laptop-1').executeTakeFirstOrThrow();
      expect(device.pushed_seq).toBe(BATCHES * CHANGES);
      for (const record of records) {
        const seq = Number(record.id.slice('entity-'.length));
        expect(JSON.parse(record.fields)).toEqual({ note: { value: `note ${seq} ${'x'.repeat(200)}`, hlc: hlc(seq), device: 'laptop-1' } });
      }
      expect(kills).toBe(BATCHES);
    } finally {
      await after.close();
    }
  }, 120_000);
});
