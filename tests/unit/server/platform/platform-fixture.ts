// A sync server for the platform tests: a fresh database of the dialect, a clock the test moves, a
// fake sync core that records what it was asked, and helpers that enrol devices the way a vault does.
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../../../src-shared/permissions';
import type { PullRequest, PullResponse, PushRequest, PushResponse } from '../../../../src-shared/sync-protocol';
import { addMember } from '../../../../src-server/admin/members';
import { createOrganisation } from '../../../../src-server/admin/organisations';
import type { DeviceContext } from '../../../../src-server/auth/device-context';
import { createEnrolToken } from '../../../../src-server/auth/enrolment';
import type { ServerDatabase } from '../../../../src-server/db/open';
import { buildServer, type BuildServerOptions } from '../../../../src-server/http/server';
import type { SyncService } from '../../../../src-server/http/sync-service';
import type { DialectName } from '../support/server-dbs';
import { openPlatformDb } from './platform-db';

export const START = Date.UTC(2026, 11, 6, 9, 0, 0);

export class FakeSync implements SyncService {
  readonly pushes: { context: DeviceContext; request: PushRequest; now: number }[] = [];
  readonly pulls: { context: DeviceContext; request: PullRequest }[] = [];
  pushResponse: PushResponse = { applied: true, pushedSeq: 0, serverSeq: 0, conflicts: 0 };
  failWith: unknown = null;

  async applyPush(_db: unknown, context: DeviceContext, request: PushRequest, now: number): Promise<PushResponse> {
    if (this.failWith !== null) throw this.failWith;
    this.pushes.push({ context, request, now });
    return { ...this.pushResponse, pushedSeq: request.batch.upto };
  }

  async readPull(_db: unknown, context: DeviceContext, request: PullRequest): Promise<PullResponse> {
    if (this.failWith !== null) throw this.failWith;
    this.pulls.push({ context, request });
    return { items: [], next: request.after, more: false, head: request.after };
  }
}

export interface EnrolledDevice {
  deviceId: string;
  credential: string;
  orgId: string;
  memberId: string;
}

export class PlatformFixture {
  now = START;
  readonly clock = (): number => this.now;
  readonly sync = new FakeSync();
  readonly apps: FastifyInstance[] = [];

  private constructor(readonly database: ServerDatabase) {}

  static async open(dialect: DialectName): Promise<PlatformFixture> {
    const { database, dispose } = await openPlatformDb(dialect);
    return new PlatformFixture({ ...database, close: dispose });
  }

  get db() {
    return this.database.db;
  }

  async server(options: Partial<BuildServerOptions> = {}): Promise<FastifyInstance> {
    const app = await buildServer({ db: this.db, clock: this.clock, sync: this.sync, logger: false, ...options });
    this.apps.push(app);
    return app;
  }

  async organisation(name: string): Promise<string> {
    return (await createOrganisation(this.db, name, this.now)).id;
  }

  async member(orgId: string, name: string, role: Role): Promise<string> {
    return (await addMember(this.db, orgId, { name, role }, this.now)).id;
  }

  /** Enrols a device over HTTP with a fresh enrolment token, as a vault does. */
  async enrol(app: FastifyInstance, orgId: string, memberId: string, deviceId: string): Promise<EnrolledDevice> {
    const { token } = await createEnrolToken(this.db, orgId, memberId, this.now);
    const response = await app.inject({ method: 'POST', url: '/v1/enrol', payload: { token, deviceId, deviceName: `Laptop ${deviceId}` } });
    if (response.statusCode !== 200) throw new Error(`enrolment failed: ${response.body}`);
    return response.json<EnrolledDevice>();
  }

  async accessToken(app: FastifyInstance, device: { deviceId: string; credential: string }): Promise<string> {
    const response = await app.inject({ method: 'POST', url: '/v1/token', payload: { deviceId: device.deviceId, credential: device.credential } });
    if (response.statusCode !== 200) throw new Error(`token refused: ${response.body}`);
    return response.json<{ accessToken: string }>().accessToken;
  }

  async close(): Promise<void> {
    for (const app of this.apps) await app.close();
    await this.database.close();
  }
}

export const VERSIONS = { protocol: 1, schema: 1 };

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}
