// The sync core as the HTTP layer calls it (src-server/sync/push.ts and pull.ts). An interface, so
// tests drive the routes with fakes and the entry point (main.ts) wires the real modules.
import type { Kysely } from 'kysely';
import type { PullRequest, PushRequest, PushResponse } from '../../src-shared/sync-protocol';
import type { DeviceContext } from '../auth/device-context';
import type { ServerDb } from '../db/schema';
import type { ServedPullPage } from './pull-body';

export interface SyncService {
  applyPush(db: Kysely<ServerDb>, context: DeviceContext, request: PushRequest, now: number): Promise<PushResponse>;
  /** The real one sends stored records as they are (sync/pull.ts readStoredPull; http/pull-body.ts). */
  readPull(db: Kysely<ServerDb>, context: DeviceContext, request: PullRequest): Promise<ServedPullPage>;
}
