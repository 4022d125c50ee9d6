// The transport alone: which server addresses it accepts, how it reports a server that does not
// answer or answers with an error, how it reads an older server's answers, and that it asks for a new
// access token only near expiry, and that its blob calls state its versions.
import { afterEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { SyncOfflineError, SyncTransport, SyncTransportError, checkedServerUrl } from '../../../../src-main/sync/transport';
import { CURRENT_SYNC_VERSIONS, type SyncVersions } from '../../../../src-shared/sync-protocol';
import { SyncHarness } from './sync-harness';

describe('checkedServerUrl', () => {
  it('takes HTTPS anywhere and HTTP only on loopback', () => {
    expect(checkedServerUrl('https://sync.example.org').hostname).toBe('sync.example.org');
    for (const local of ['http://127.0.0.1:8443', 'http://localhost:1', 'http://[::1]:9']) expect(() => checkedServerUrl(local)).not.toThrow();
    for (const bad of ['http://sync.example.org', 'http://10.0.0.2', 'ftp://127.0.0.1', 'not a url']) {
      expect(() => checkedServerUrl(bad)).toThrow(SyncTransportError);
    }
  });
});

describe('SyncTransport', () => {
  let harness: SyncHarness | null = null;
  afterEach(async () => harness?.close());

  it('reports a server that does not answer as offline, apart from an error reply', async () => {
    const port = await closedPort();
    const transport = new SyncTransport({ serverUrl: `http://127.0.0.1:${port}`, now: () => 0 });
    transport.useDevice({ deviceId: 'dev-1', credential: 'x'.repeat(32) });
    await expect(transport.hello()).rejects.toBeInstanceOf(SyncOfflineError);
  });

  it('takes the hello of a server older than the organisation and member names, without them', async () => {
    const replies: Record<string, unknown> = {
      '/v1/token': { accessToken: 'a'.repeat(32), expiresAt: Date.now() + 3_600_000 },
      '/v1/hello': { protocol: 1, served: [1], schema: 1, serverTime: 0, device: { id: 'dev-1', name: 'Laptop', memberId: 'm-1', role: 'analyst', pushedSeq: 0, auditHead: null } },
    };
    const fetchFake = (url: URL | RequestInfo) => Promise.resolve(Response.json(replies[new URL(String(url)).pathname]));
    const transport = new SyncTransport({ serverUrl: 'http://127.0.0.1:9', now: Date.now, fetch: fetchFake as typeof fetch });
    transport.useDevice({ deviceId: 'dev-1', credential: 'x'.repeat(32) });
    const hello = await transport.hello();
    expect(hello.organisation).toBeUndefined();
    expect(hello.device).toMatchObject({ name: 'Laptop', memberId: 'm-1' });
    expect(hello.device.memberName).toBeUndefined();
  });

  it('reads the device list of a server older than the audit mismatch as none, and a reason newer than this app as unknown', async () => {
    const device = { id: 'dev-1', name: 'Laptop', memberId: 'm-1', memberName: 'Ana', enrolledAt: 1, lastSeenAt: null, revokedAt: null, clockAheadMs: null };
    const replies: Record<string, unknown> = {
      '/v1/token': { accessToken: 'a'.repeat(32), expiresAt: Date.now() + 3_600_000 },
      '/v1/admin/devices': { devices: [
        device,
        // Older than audit rows: when, but not which row nor why.
        { ...device, id: 'dev-2', auditMismatchAt: 5 },
        { ...device, id: 'dev-3', auditMismatchAt: 7, auditMismatchSeq: 1204, auditMismatchReason: 'reordered' },
        { ...device, id: 'dev-4', auditMismatchAt: null, auditMismatchSeq: null, auditMismatchReason: null },
      ] },
    };
    const fetchFake = (url: URL | RequestInfo) => Promise.resolve(Response.json(replies[new URL(String(url)).pathname]));
    const transport = new SyncTransport({ serverUrl: 'http://127.0.0.1:9', now: Date.now, fetch: fetchFake as typeof fetch });
    transport.useDevice({ deviceId: 'dev-1', credential: 'x'.repeat(32) });
    expect((await transport.listDevices()).map((d) => [d.id, d.auditMismatch])).toEqual([
      ['dev-1', null],
      ['dev-2', { at: 5, seq: null, reason: null }],
      ['dev-3', { at: 7, seq: 1204, reason: null }],
      ['dev-4', null],
    ]);
  });

  it('turns an error body into a typed error with its code, status and details', async () => {
    harness = await SyncHarness.open('sqlite');
    const transport = new SyncTransport({ serverUrl: harness.serverUrl, now: harness.serverNow });
    const refused = await transport.enrol('t'.repeat(32), 'dev-1', 'Laptop').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SyncTransportError);
    expect(refused).toMatchObject({ code: 'ENROL_TOKEN_INVALID', status: 401 });
  });

  it('states its versions on blob calls, so a server that no longer serves them refuses those too', async () => {
    const opened = await SyncHarness.open('sqlite');
    harness = opened;
    const a = await opened.vault('Ana');
    const state = a.db().prepare('SELECT device_id, credential FROM sync_state').get() as { device_id: string; credential: string };
    const blobStatusOf = (versions: SyncVersions) => {
      const transport = new SyncTransport({ serverUrl: opened.serverUrl, now: () => a.vault.clock.now(), versions });
      transport.useDevice({ deviceId: state.device_id, credential: state.credential });
      return transport.blobStatus('0'.repeat(64));
    };
    const { protocol, schema } = CURRENT_SYNC_VERSIONS;
    await expect(blobStatusOf({ protocol: protocol + 1, schema })).rejects.toMatchObject({ code: 'SERVER_TOO_OLD' });
    await expect(blobStatusOf({ protocol, schema: schema + 1 })).rejects.toMatchObject({ code: 'SERVER_TOO_OLD' });
    // Its own versions: on to the blob itself, which no evidence of the organisation names.
    await expect(blobStatusOf(CURRENT_SYNC_VERSIONS)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('keeps its access token until a minute before expiry, then asks again with the credential', async () => {
    harness = await SyncHarness.open('sqlite');
    const a = await harness.vault('Ana');
    const tokenCalls: string[] = [];
    const counting: typeof fetch = async (input, init) => {
      if (String(input).endsWith('/v1/token')) tokenCalls.push(String(input));
      return fetch(input, init);
    };
    const state = a.db().prepare('SELECT device_id, credential FROM sync_state').get() as { device_id: string; credential: string };
    const transport = new SyncTransport({ serverUrl: harness.serverUrl, now: () => a.vault.clock.now(), fetch: counting });
    transport.useDevice({ deviceId: state.device_id, credential: state.credential });
    await transport.hello();
    await transport.pull(0, 10);
    expect(tokenCalls).toHaveLength(1);
    a.vault.clock.advance(13 * 60_000);
    await transport.hello();
    expect(tokenCalls).toHaveLength(1);
    a.vault.clock.advance(60_000);
    await transport.hello();
    expect(tokenCalls).toHaveLength(2);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
