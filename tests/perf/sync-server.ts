// A real sync server for the sync bench: a fresh database of the dialect (a temp `--data` folder or a
// PostgreSQL schema of its own, dropped at the end), the real sync core in a thread of its own
// (sync-server-thread.ts), listening on 127.0.0.1 so every request crosses HTTP over loopback as a
// device's would. Devices are enrolled through the HTTP API (enrol, then an access token), as a vault
// does.
import { Worker } from 'node:worker_threads';
import type { Kysely } from 'kysely';
import { addMember } from '../../src-server/admin/members';
import { createOrganisation } from '../../src-server/admin/organisations';
import { createEnrolToken } from '../../src-server/auth/enrolment';
import { openServerDb } from '../../src-server/db/open';
import type { ServerDb } from '../../src-server/db/schema';
import { CURRENT_SYNC_VERSIONS, type PullResponse, type PushRequest, type PushResponse } from '../../src-shared/sync-protocol';
import { freshServerDbConfig, type DialectName } from '../unit/server/support/server-dbs';

export interface BenchDevice {
  deviceId: string;
  orgId: string;
  credential: string;
  /** Valid 15 minutes; renewed with the credential when the server says it expired (a 1M first sync outlasts one). */
  accessToken: string;
}

export class BenchSyncServer {
  private constructor(
    readonly dialect: DialectName,
    readonly db: Kysely<ServerDb>,
    private readonly thread: Worker,
    readonly baseUrl: string,
    private readonly closeDb: () => Promise<void>,
    private readonly removeDb: () => Promise<void>,
  ) {}

  /** The server in its own thread (sync-server-thread.ts); this thread keeps a connection of its own for seeding and enrolling. */
  static async start(dialect: DialectName): Promise<BenchSyncServer> {
    const place = freshServerDbConfig(dialect);
    // PostgreSQL: a pool as the server would run with, enough for 20 devices' requests to queue at the org row, not at the pool.
    const config = place.config.kind === 'postgres' ? { ...place.config, poolSize: 10 } : place.config;
    // A thread does not inherit this one's TypeScript loader: it registers it, then loads the server.
    const entry = new URL('./sync-server-thread.ts', import.meta.url).href;
    const boot = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
    const thread = new Worker(boot, { eval: true, workerData: config });
    const port = await new Promise<number>((resolve, reject) => {
      thread.once('message', (message: { listening: number }) => resolve(message.listening));
      thread.once('error', reject);
    });
    // Opened once the server has migrated it.
    const database = await openServerDb({ ...config, ...(config.kind === 'postgres' ? { poolSize: 2 } : {}) });
    return new BenchSyncServer(dialect, database.db, thread, `http://127.0.0.1:${port}`, database.close, place.remove);
  }

  async organisation(name: string): Promise<{ orgId: string; memberId: string }> {
    const now = Date.now();
    const orgId = (await createOrganisation(this.db, name, now)).id;
    const memberId = (await addMember(this.db, orgId, { name: `${name} analyst`, role: 'analyst' }, now)).id;
    return { orgId, memberId };
  }

  /** Enrols a device of the member over HTTP and signs it in, as a vault does. */
  async enrol(org: { orgId: string; memberId: string }, deviceId: string): Promise<BenchDevice> {
    const { token } = await createEnrolToken(this.db, org.orgId, org.memberId, Date.now());
    const enrolled = await this.post<{ credential: string }>('/v1/enrol', null, { token, deviceId, deviceName: `Bench ${deviceId}` });
    const device = { deviceId, orgId: org.orgId, credential: enrolled.credential, accessToken: '' };
    await this.renewToken(device);
    return device;
  }

  private async renewToken(device: BenchDevice): Promise<void> {
    device.accessToken = (await this.post<{ accessToken: string }>('/v1/token', null, { deviceId: device.deviceId, credential: device.credential })).accessToken;
  }

  push(device: BenchDevice, request: Omit<PushRequest, 'protocol' | 'schema'>): Promise<PushResponse> {
    return this.post('/v1/push', device, { ...CURRENT_SYNC_VERSIONS, ...request });
  }

  pull(device: BenchDevice, after: number, limit: number): Promise<PullResponse> {
    return this.post('/v1/pull', device, { ...CURRENT_SYNC_VERSIONS, after, limit });
  }

  private async post<T>(path: string, device: BenchDevice | null, body: unknown): Promise<T> {
    const send = async () => {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(device ? { authorization: `Bearer ${device.accessToken}` } : {}) },
        body: JSON.stringify(body),
      });
      return { response, text: await response.text() };
    };
    let { response, text } = await send();
    // An expired access token, as a client sees it after 15 minutes: a new one from the credential, and the request again.
    if (device && response.status === 401 && text.includes('"UNAUTHENTICATED"')) {
      await this.renewToken(device);
      ({ response, text } = await send());
    }
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  }

  async close(): Promise<void> {
    await this.closeDb();
    const closed = new Promise<void>((resolve) => this.thread.once('message', () => resolve()));
    this.thread.postMessage('close');
    await closed;
    await this.thread.terminate();
    await this.removeDb();
  }
}
