// What every route needs, built once per server by buildServer: the database, the clock, the sync
// core, the metrics, and the caller's identity from the request's access token.
import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { roleHas } from '../../src-shared/permissions';
import { versionVerdict, type SyncVersions } from '../../src-shared/sync-protocol';
import { authenticate } from '../auth/access-tokens';
import type { DeviceContext, ServerClock } from '../auth/device-context';
import type { ServerDb } from '../db/schema';
import { SyncError } from '../errors';
import type { ServerLimits } from './server';
import type { ServerMetrics } from './server-metrics';
import type { SyncService } from './sync-service';

export interface RouteContext {
  db: Kysely<ServerDb>;
  clock: ServerClock;
  sync: SyncService;
  metrics: ServerMetrics;
  /** The versions this server speaks (the build's own; tests give a later one to meet an old client). */
  versions: SyncVersions;
  /** The access-token signing key, read from the database once per server. */
  tokenKey(): Promise<Buffer>;
  limits: ServerLimits;
}

/** The bearer token of a request, if it carries one. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

/** The calling device, established now from its token and the database; its ids join the request's logs. */
export async function callingDevice(routes: RouteContext, request: FastifyRequest): Promise<DeviceContext> {
  const token = bearerToken(request);
  if (token === null) throw new SyncError('UNAUTHENTICATED', 'Send an access token (Authorization: Bearer …).');
  const context = await authenticate(routes.db, token, routes.clock(), await routes.tokenKey());
  request.log = request.log.child({ orgId: context.orgId, deviceId: context.deviceId });
  return context;
}

export async function callingAdmin(routes: RouteContext, request: FastifyRequest): Promise<DeviceContext> {
  const context = await callingDevice(routes, request);
  if (!roleHas(context.role, 'admin_access')) throw new SyncError('FORBIDDEN', 'Only an organisation admin may do this.');
  return context;
}

/** The calling device, when its member may read the organisation's audit logs (`audit_access`). */
export async function callingAuditor(routes: RouteContext, request: FastifyRequest): Promise<DeviceContext> {
  const context = await callingDevice(routes, request);
  if (!roleHas(context.role, 'audit_access')) throw new SyncError('FORBIDDEN', 'Only a member who reads audit logs may do this.');
  return context;
}

const statedVersions = z.object({ protocol: z.number().int(), schema: z.number().int() });

/**
 * Refuses a client this server does not serve, before anything else is read from its body, so an
 * old client whose bodies have since changed shape still hears "update" rather than "invalid".
 */
export function checkVersions(body: unknown, server: SyncVersions): void {
  const stated = statedVersions.safeParse(body);
  if (!stated.success) return; // the full parse that follows names what is missing
  const verdict = versionVerdict(stated.data, server);
  if (verdict === 'UPDATE_REQUIRED') {
    throw new SyncError('UPDATE_REQUIRED', 'Update Vigil to sync with this server.', {
      minimum: { protocol: Math.max(1, server.protocol - 1), schema: Math.max(1, server.schema - 1) },
    });
  }
  if (verdict === 'SERVER_TOO_OLD') {
    throw new SyncError('SERVER_TOO_OLD', 'This server is older than your Vigil; ask its operator to update it.', { server });
  }
}

/** The protocols a server serves: its own and the one before (docs/SYNC.md, "Versions"). */
export function servedProtocols(server: SyncVersions): number[] {
  return [server.protocol - 1, server.protocol].filter((version) => version >= 1);
}
