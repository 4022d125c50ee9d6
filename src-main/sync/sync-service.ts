// The sync client as the app holds it: one runner for the open vault while it is enrolled, built when
// the vault opens or is enrolled, stopped when it closes or is disconnected. The channels
// (ipc/handlers/sync-handlers.ts) call this; status changes go out as the `sync.status` event.
import type { DataChange } from '../../src-shared/events';
import { VigilError } from '../../src-shared/errors';
import type { Repositories } from '../repositories';
import { sharedHlcClock } from '../store/shared-hlc';
import type { Hlc } from '../store/hlc';
import { enrolVault, forgetEnrolment, storedEnrolment, type Enrolment, type StoredEnrolment } from './enrolment';
import { SyncRunner, type SyncTimers } from './sync-runner';
import type { SyncStore } from './sync-store';
import { OFF_STATUS, pendingChanges, type SyncStatus } from './sync-status';
import { SyncOfflineError, SyncTransport, SyncTransportError, type AdminEnrolToken, type AdminMember } from './transport';
import type { SyncDeviceView, SyncEnrolmentDetail } from '../../src-shared/sync-contract';
import type { Role } from '../../src-shared/permissions';

/** A request the Sync screen waits on (enrolment detail, devices) gives up sooner than a round's pull page. */
const SCREEN_REQUEST_TIMEOUT_MS = 10_000;

/** A store for one open vault's rounds, released when the vault closes (the sync worker's, in the app). */
export type OpenSyncStore = (repos: Repositories) => SyncStore & { release(): Promise<void> };

export interface SyncServiceOptions {
  repositories: () => Repositories | null;
  /** Where rounds do their vault work; without it, on the vault's own connection in this thread. */
  openStore?: OpenSyncStore;
  now: () => number;
  /** Start the periodic rounds when an enrolled vault opens (off in tests that drive rounds by hand). */
  autoStart: boolean;
  onStatus: (status: SyncStatus) => void;
  onDataChanged: (change: DataChange) => void;
  timers?: SyncTimers;
  random?: () => number;
  fetch?: typeof fetch;
  intervalMs?: number;
  appVersion?: string;
}

export class SyncService {
  private runner: SyncRunner | null = null;
  private store: ReturnType<OpenSyncStore> | null = null;
  /** The Sync screen's transport for the stored enrolment: one, so its access token serves every screen request until it expires. */
  private screen: { enrolment: StoredEnrolment; transport: SyncTransport } | null = null;

  constructor(private readonly options: SyncServiceOptions) {}

  /** Called when a vault opens: resumes syncing if it is enrolled. */
  vaultOpened(): void {
    const repos = this.options.repositories();
    if (!repos) return;
    const enrolment = storedEnrolment(repos.db);
    if (!enrolment) return;
    const transport = this.transport(enrolment.serverUrl);
    transport.useDevice(enrolment);
    this.runWith(repos, transport);
  }

  vaultClosed(): void {
    this.screen = null;
    this.runner?.stop();
    this.runner = null;
    void this.store?.release();
    this.store = null;
  }

  /** Where the open vault's rounds do their vault work (null: on its own connection, or not enrolled). */
  get roundStore(): SyncStore | null {
    return this.store;
  }

  /** The runner's status, with the outbox counted now (edits since the last round count too). */
  status(): SyncStatus {
    const repos = this.options.repositories();
    const pending = repos ? pendingChanges(repos.db) : 0;
    return { ...(this.runner ? this.runner.current() : OFF_STATUS), pendingChanges: pending };
  }

  async enrol(serverUrl: string, token: string, deviceName: string): Promise<Enrolment> {
    const repos = this.requireVault();
    if (storedEnrolment(repos.db)) throw new VigilError('CONFLICT', 'This vault is already enrolled with a sync server: disconnect it first');
    try {
      const transport = this.transport(serverUrl);
      const enrolment = await enrolVault(repos.db, transport, serverUrl, token, deviceName);
      this.runWith(repos, transport);
      return enrolment;
    } catch (error) {
      // The window sees the server's reason (a used token, an HTTP address) as a typed app error.
      if (error instanceof SyncTransportError) throw new VigilError('VALIDATION', error.message, { code: error.code });
      if (error instanceof SyncOfflineError) throw new VigilError('VALIDATION', error.message, { code: 'OFFLINE' });
      throw error;
    }
  }

  async syncNow(): Promise<SyncStatus> {
    if (!this.runner) throw new VigilError('CONFLICT', 'This vault is not enrolled with a sync server');
    return this.runner.syncNow();
  }

  pause(): SyncStatus {
    this.runner?.pause();
    return this.status();
  }

  resume(): SyncStatus {
    this.runner?.resume();
    return this.status();
  }

  /** Forgets the server and the credential; the outbox and cursors stay (enrolling again resumes). */
  disconnect(): SyncStatus {
    const repos = this.requireVault();
    this.vaultClosed();
    forgetEnrolment(repos.db);
    const status = this.status();
    this.options.onStatus(status);
    return status;
  }

  /** The stored enrolment with what the server says of this device (null fields when it does not answer). */
  async enrolmentDetail(): Promise<SyncEnrolmentDetail | null> {
    const repos = this.options.repositories();
    const enrolment = repos ? storedEnrolment(repos.db) : null;
    if (!enrolment) return null;
    const base = { serverUrl: enrolment.serverUrl, deviceId: enrolment.deviceId };
    try {
      const { device, organisation } = await this.enrolledTransport().hello();
      return {
        ...base, organisation: organisation ?? null,
        device: { name: device.name, memberId: device.memberId, memberName: device.memberName ?? null, role: device.role }, deviceError: null,
      };
    } catch (error) {
      const failure = appSyncError(error);
      return { ...base, organisation: null, device: null, deviceError: { code: String(failure.details?.code ?? failure.code), message: failure.message } };
    }
  }

  /**
   * The organisation's devices, from the server's admin API (this device's member must be an admin
   * there), each with its audit mismatch as the transport read it (null from a server older than it).
   */
  async listDevices(): Promise<SyncDeviceView[]> {
    return this.onServer((transport) => transport.listDevices());
  }

  async revokeDevice(deviceId: string): Promise<{ deviceId: string; revokedAt: number }> {
    return this.onServer((transport) => transport.revokeDevice(deviceId));
  }

  async listMembers(): Promise<AdminMember[]> {
    return this.onServer((transport) => transport.listMembers());
  }

  async addMember(member: { name: string; role: Role }): Promise<AdminMember> {
    return this.onServer((transport) => transport.addMember(member));
  }

  async setMemberDisabled(memberId: string, disabled: boolean): Promise<AdminMember> {
    return this.onServer((transport) => transport.setMemberDisabled(memberId, disabled));
  }

  /** A one-time enrolment token for a member's next device; this vault keeps no copy of it. */
  async createEnrolToken(memberId: string): Promise<AdminEnrolToken> {
    return this.onServer((transport) => transport.createEnrolToken(memberId));
  }

  /** An admin request of the Sync screen, as this vault's device; the server's refusal as the app's error. */
  private async onServer<T>(request: (transport: SyncTransport) => Promise<T>): Promise<T> {
    try {
      return await request(this.enrolledTransport());
    } catch (error) {
      throw appSyncError(error);
    }
  }

  /** A transport acting as this vault's device, for the Sync screen's requests beside the runner's rounds. */
  private enrolledTransport(): SyncTransport {
    const enrolment = storedEnrolment(this.requireVault().db);
    if (!enrolment) throw new VigilError('CONFLICT', 'This vault is not enrolled with a sync server');
    const screen = this.screen;
    const { serverUrl, deviceId, credential } = screen?.enrolment ?? {};
    if (screen && serverUrl === enrolment.serverUrl && deviceId === enrolment.deviceId && credential === enrolment.credential) return screen.transport;
    const transport = this.transport(enrolment.serverUrl, SCREEN_REQUEST_TIMEOUT_MS);
    transport.useDevice(enrolment);
    this.screen = { enrolment, transport };
    return transport;
  }

  private transport(serverUrl: string, timeoutMs?: number): SyncTransport {
    return new SyncTransport({
      serverUrl, now: this.options.now, app: `vigil ${this.options.appVersion ?? ''}`.trim(),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
    });
  }

  private runWith(repos: Repositories, transport: SyncTransport): void {
    this.vaultClosed();
    this.store = this.options.openStore?.(repos) ?? null;
    this.runner = new SyncRunner({
      db: () => repos.db, api: transport, now: this.options.now, onStatus: this.options.onStatus, onDataChanged: this.options.onDataChanged,
      // The worker's store moves the vault's clock itself; a store on this thread is told through `observe`.
      ...(this.store ? { store: this.store } : { observe: this.observeVaultClock(repos) }),
      ...(this.options.timers ? { timers: this.options.timers } : {}),
      ...(this.options.random ? { random: this.options.random } : {}),
      ...(this.options.intervalMs !== undefined ? { intervalMs: this.options.intervalMs } : {}),
    });
    if (this.options.autoStart) this.runner.start();
  }

  /** The vault's own HLC (same shared memory as its repositories): pulled stamps move it forward. */
  private observeVaultClock(repos: Repositories): (seen: Hlc) => void {
    const clock = sharedHlcClock(repos.row.hlcMemory, this.options.now);
    return (seen) => clock.observe(seen);
  }

  private requireVault(): Repositories {
    const repos = this.options.repositories();
    if (!repos) throw new VigilError('SESSION_STATE', 'The vault is not open');
    return repos;
  }
}

/** A transport failure as the window sees it: the server's refusal keeps its code in `details.code`; no answer is OFFLINE. */
function appSyncError(error: unknown): VigilError {
  if (error instanceof VigilError) return error;
  if (error instanceof SyncTransportError) {
    const code = error.code === 'FORBIDDEN' ? 'FORBIDDEN' : error.code === 'NOT_FOUND' ? 'NOT_FOUND' : 'VALIDATION';
    return new VigilError(code, error.message, { code: error.code });
  }
  if (error instanceof SyncOfflineError) return new VigilError('UNAVAILABLE', error.message, { code: 'OFFLINE' });
  return new VigilError('INTERNAL', error instanceof Error ? error.message : String(error));
}
