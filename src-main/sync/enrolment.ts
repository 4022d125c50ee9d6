// Enrolling this vault with a sync server (docs/SYNC.md, "Organisations, members, devices"): the
// one-time token an admin of the organisation gave is exchanged for a device credential, kept in the
// vault's sync_state (inside SQLCipher), with the server's address. Disconnecting forgets all three;
// the outbox and cursors stay, so enrolling again with the same server resumes.
import type { SqliteDatabase } from '../store/database';
import { thisDevice } from './local-changes';
import { readSyncState, writeSyncSettings } from './sync-state';
import type { DeviceCredential, SyncTransport } from './transport';

export interface Enrolment {
  serverUrl: string;
  deviceId: string;
  orgId: string;
  memberId: string;
}

/** Exchanges the token for a credential (the transport already points at `serverUrl`) and stores it. */
export async function enrolVault(db: SqliteDatabase, transport: SyncTransport, serverUrl: string, token: string, deviceName: string): Promise<Enrolment> {
  const deviceId = thisDevice(db).id;
  const enrolled = await transport.enrol(token, deviceId, deviceName);
  writeSyncSettings(db, { serverUrl, deviceId: enrolled.deviceId, credential: enrolled.credential, lastError: null });
  transport.useDevice({ deviceId: enrolled.deviceId, credential: enrolled.credential });
  return { serverUrl, deviceId: enrolled.deviceId, orgId: enrolled.orgId, memberId: enrolled.memberId };
}

/** The enrolment as the vault keeps it: where, as which device, with which credential. */
export type StoredEnrolment = DeviceCredential & { serverUrl: string };

/** The stored enrolment, or null when this vault syncs with no server. */
export function storedEnrolment(db: SqliteDatabase): StoredEnrolment | null {
  const state = readSyncState(db);
  if (state.serverUrl === null || state.deviceId === null || state.credential === null) return null;
  return { serverUrl: state.serverUrl, deviceId: state.deviceId, credential: state.credential };
}

export function forgetEnrolment(db: SqliteDatabase): void {
  writeSyncSettings(db, { serverUrl: null, deviceId: null, credential: null, lastError: null });
}
