// A real sync server (buildServer over the real sync core, on a fresh database of the dialect,
// listening on 127.0.0.1 port 0) and vaults enrolled with it over HTTP, each with a runner on
// hand-driven timers. The server's clock is vault A's (the tests move vault clocks by hand).
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { applyPush } from '../../../../src-server/sync/push';
import { readStoredPull } from '../../../../src-server/sync/pull';
import { createEnrolToken } from '../../../../src-server/auth/enrolment';
import type { Role } from '../../../../src-shared/permissions';
import type { SyncVersions } from '../../../../src-shared/sync-protocol';
import type { DataChange } from '../../../../src-shared/events';
import { PlatformFixture } from '../../server/platform/platform-fixture';
import type { DialectName } from '../../server/support/server-dbs';
import type { TestVault } from '../../support/test-core';
import { signedInVault, type SyncVault } from '../support/sync-vaults';
import { SyncTransport, type SyncApi } from '../../../../src-main/sync/transport';
import { enrolVault } from '../../../../src-main/sync/enrolment';
import { SyncRunner, type SyncTimers } from '../../../../src-main/sync/sync-runner';
import type { SyncStatus } from '../../../../src-main/sync/sync-status';

/** Timers a test fires by hand: nothing runs until `fire`. */
export class ManualTimers implements SyncTimers {
  readonly pending = new Map<number, { run: () => void; ms: number }>();
  readonly scheduled: number[] = [];
  private nextId = 1;

  setTimeout(run: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { run, ms });
    this.scheduled.push(ms);
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  /** The one pending timer's delay. */
  delay(): number {
    const [only, ...more] = [...this.pending.values()];
    if (!only || more.length > 0) throw new Error(`expected one pending timer, found ${this.pending.size}`);
    return only.ms;
  }

  fire(): void {
    const entries = [...this.pending.entries()];
    this.pending.clear();
    for (const [, timer] of entries) timer.run();
  }
}

export interface SyncedVault extends SyncVault {
  transport: SyncTransport;
  runner: SyncRunner;
  timers: ManualTimers;
  statuses: SyncStatus[];
  changes: DataChange[];
}

export interface RunnerSetup {
  /** Stands between the runner and the transport (a test that loses replies). */
  api?: (transport: SyncTransport, vault: SyncVault) => SyncApi;
  random?: () => number;
  versions?: SyncVersions;
  /** The member's role at the server (admin unless said). */
  role?: Role;
}

export class SyncHarness {
  readonly vaults: TestVault[] = [];
  serverUrl = '';
  private app: FastifyInstance | null = null;
  private orgId = '';

  private constructor(readonly fixture: PlatformFixture) {}

  static async open(dialect: DialectName, options: { versions?: SyncVersions } = {}): Promise<SyncHarness> {
    const harness = new SyncHarness(await PlatformFixture.open(dialect));
    await harness.listen(options.versions);
    harness.orgId = await harness.fixture.organisation('Acme');
    return harness;
  }

  /** The server's clock: vault A's when there is one, else the fixture's. */
  serverNow = (): number => this.vaults[0]?.clock.now() ?? this.fixture.now;

  private async listen(versions?: SyncVersions): Promise<void> {
    this.app = await this.fixture.server({ sync: { applyPush, readPull: readStoredPull }, clock: () => this.serverNow(), ...(versions ? { versions } : {}) });
    await this.app.listen({ host: '127.0.0.1', port: 0 });
    this.serverUrl = `http://127.0.0.1:${(this.app.server.address() as AddressInfo).port}`;
  }

  /** An enrolment token for a new admin member of the organisation, as the server's admin gives one. */
  async enrolToken(name: string, role: Role = 'admin'): Promise<string> {
    const memberId = await this.fixture.member(this.orgId, name, role);
    return (await createEnrolToken(this.fixture.db, this.orgId, memberId, this.serverNow())).token;
  }

  /** A signed-in vault enrolled through the app's own channel (`sync.enrol`), as a new member's device. */
  async enrolledThroughApp(name: string, role: Role = 'admin'): Promise<SyncVault> {
    const v = await signedInVault(this.vaults);
    await v.cli.invoke('sync.enrol', { serverUrl: this.serverUrl, token: await this.enrolToken(name, role), deviceName: `${name}'s laptop` });
    return v;
  }

  /** A signed-in vault enrolled as a new admin member's device, with a runner (not started). */
  async vault(name: string, setup: RunnerSetup = {}): Promise<SyncedVault> {
    const v = await signedInVault(this.vaults);
    const token = await this.enrolToken(name, setup.role);
    const transport = new SyncTransport({ serverUrl: this.serverUrl, now: () => v.vault.clock.now(), ...(setup.versions ? { versions: setup.versions } : {}) });
    await enrolVault(v.db(), transport, this.serverUrl, token, `${name}'s laptop`);
    const timers = new ManualTimers();
    const statuses: SyncStatus[] = [];
    const changes: DataChange[] = [];
    const runner = new SyncRunner({
      db: v.db, api: setup.api ? setup.api(transport, v) : transport, now: () => v.vault.clock.now(), timers,
      random: setup.random ?? (() => 0.5), onStatus: (s) => statuses.push(s), onDataChanged: (c) => changes.push(c),
    });
    return { ...v, transport, runner, timers, statuses, changes };
  }

  /** Stops answering (the server down): the next request finds nothing listening. */
  async stopServer(): Promise<void> {
    await this.app?.close();
  }

  async close(): Promise<void> {
    await Promise.all(this.vaults.splice(0).map((vault) => vault.dispose()));
    await this.fixture.close();
  }
}
