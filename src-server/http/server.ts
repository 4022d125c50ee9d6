// Builds the sync server's HTTP app (docs/SYNC.md): routes, error replies, limits, logs and metrics,
// over a database, a clock and the sync core it is given. It does not listen: the entry point
// (src-server/main.ts) does, and tests call `app.inject`.
import fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Kysely } from 'kysely';
import { CURRENT_SYNC_VERSIONS, SYNC_LIMITS, type SyncVersions } from '../../src-shared/sync-protocol';
import { verifyAccessTokenSignature } from '../auth/access-tokens';
import type { ServerClock } from '../auth/device-context';
import { accessTokenKey } from '../auth/token-secret';
import type { ServerDb } from '../db/schema';
import { SyncError } from '../errors';
import { registerAdminRoutes } from './admin-routes';
import { registerBlobRoutes } from './blob-routes';
import { registerEnrolRoutes } from './enrol-routes';
import { toSyncError } from './error-replies';
import { registerOperationsRoutes } from './operations-routes';
import { bearerToken, type RouteContext } from './route-context';
import { fastifyLoggerOptions, type ServerLoggerOptions } from './server-logging';
import { createServerMetrics } from './server-metrics';
import type { SyncService } from './sync-service';
import { registerSyncRoutes } from './sync-routes';

export interface ServerLimits {
  bodyBytes: number;
  requestsPerMinute: number;
  pullsPerMinute: number;
}

export interface BuildServerOptions {
  db: Kysely<ServerDb>;
  clock: ServerClock;
  sync: SyncService;
  logger?: ServerLoggerOptions | false;
  limits?: Partial<ServerLimits>;
  /** The protocol and schema this server speaks; the build's own unless a test plays a later server. */
  versions?: SyncVersions;
  /** HTTPS; required to listen anywhere but loopback (listen-safety.ts). */
  tls?: { cert: string | Buffer; key: string | Buffer };
}

export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const limits: ServerLimits = {
    bodyBytes: options.limits?.bodyBytes ?? SYNC_LIMITS.bodyBytes,
    requestsPerMinute: options.limits?.requestsPerMinute ?? SYNC_LIMITS.requestsPerMinute,
    pullsPerMinute: options.limits?.pullsPerMinute ?? SYNC_LIMITS.pullsPerMinute,
  };
  const metrics = createServerMetrics();
  // The signing key never changes once created; reading it once saves a query per request. A failed
  // read (the database down) is not kept, so the next request tries again.
  let key: Promise<Buffer> | null = null;
  const tokenKey = (): Promise<Buffer> => {
    key ??= accessTokenKey(options.db).catch((error: unknown) => {
      key = null;
      throw error;
    });
    return key;
  };
  const routes: RouteContext = {
    db: options.db, clock: options.clock, sync: options.sync, metrics, tokenKey, versions: options.versions ?? CURRENT_SYNC_VERSIONS, limits,
  };

  const common = {
    logger: fastifyLoggerOptions(options.logger ?? {}),
    bodyLimit: limits.bodyBytes,
    // Behind a load balancer the client's address comes from X-Forwarded-For only if the operator says so; not by default.
    trustProxy: false,
  };
  // fastify types an HTTPS server apart; the routes use nothing that differs, so both are held as the HTTP type.
  const app = (options.tls
    ? fastify({ ...common, https: { cert: options.tls.cert, key: options.tls.key } })
    : fastify(common)) as unknown as FastifyInstance;

  app.setErrorHandler((error, request, reply) => {
    const { error: syncError, unexpected } = toSyncError(error, limits.bodyBytes);
    if (unexpected) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: syncError.code }, 'request refused');
    if (request.routeOptions.url === '/v1/push') metrics.pushRejected.inc({ code: syncError.code });
    return reply.code(syncError.status).send(syncError.toBody());
  });
  app.setNotFoundHandler((_request, reply) => {
    const notFound = new SyncError('NOT_FOUND', 'No such endpoint.');
    return reply.code(notFound.status).send(notFound.toBody());
  });

  // Closing closes the connections idle at that moment; one answering a request then would otherwise
  // be kept alive for the client's next request (sync clients keep theirs alive) and hold the stop
  // until the grace period cut it. Answers sent once closing has begun close their connection.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.httpRequests.inc({ route, method: request.method, status: String(reply.statusCode) });
    metrics.httpDuration.observe({ route }, reply.elapsedTime / 1000);
  });

  await app.register(rateLimit, {
    max: limits.requestsPerMinute,
    timeWindow: 60_000,
    // Per device when the token is genuine (signature only: an expired token still names its device),
    // else per address; a forged device id cannot spend another device's allowance.
    keyGenerator: async (request) => {
      const token = bearerToken(request);
      if (token !== null) {
        const claim = verifyAccessTokenSignature(await tokenKey(), token);
        if (claim) return `device:${claim.deviceId}`;
      }
      return `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) => new SyncError('RATE_LIMITED', 'Too many requests; slow down.', { retryAfterSeconds: Math.ceil(context.ttl / 1000) }),
  });

  registerOperationsRoutes(app, routes);
  registerEnrolRoutes(app, routes);
  registerSyncRoutes(app, routes);
  registerAdminRoutes(app, routes);
  registerBlobRoutes(app, routes);
  return app;
}
