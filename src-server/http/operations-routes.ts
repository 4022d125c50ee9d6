// For whoever runs the server (docs/SYNC.md, "Operations"): `/health` for a load balancer and
// `/metrics` for Prometheus. Neither is rate limited nor needs a token.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { RouteContext } from './route-context';

export function registerOperationsRoutes(app: FastifyInstance, routes: RouteContext): void {
  app.get('/health', { config: { rateLimit: false } }, async (request, reply) => {
    try {
      await sql`select 1`.execute(routes.db);
      return { status: 'ok', db: 'ok' };
    } catch (error) {
      request.log.warn({ err: error }, 'health check: the database does not answer');
      return reply.code(503).send({ status: 'unavailable', db: 'unavailable' });
    }
  });

  app.get('/metrics', { config: { rateLimit: false } }, async (_request, reply) => {
    const text = await routes.metrics.registry.metrics();
    return reply.type(routes.metrics.registry.contentType).send(text);
  });
}
