// The sync conversation (docs/SYNC.md): hello, push, pull. Each checks the client's versions, parses
// its body, establishes the device, then hands over to the sync core (SyncService).
import type { FastifyInstance } from 'fastify';
import {
  auditRowsRequest, helloRequest, pullRequest, type AuditRowsResponse, type HelloResponse, type PushResponse,
} from '../../src-shared/sync-protocol';
import { heldAuditSeq, receiveAuditRows } from '../sync/audit-rows';
import { SyncError } from '../errors';
import { callingDevice, checkVersions, servedProtocols, type RouteContext } from './route-context';
import { parsePushRequest } from './push-request';
import { pullResponseBody } from './pull-body';

export function registerSyncRoutes(app: FastifyInstance, routes: RouteContext): void {
  app.post('/v1/hello', async (request): Promise<HelloResponse> => {
    checkVersions(request.body, routes.versions);
    helloRequest.parse(request.body);
    const context = await callingDevice(routes, request);
    const device = await routes.db.selectFrom('devices as d')
      .innerJoin('members as m', (join) => join.onRef('m.org_id', '=', 'd.org_id').onRef('m.id', '=', 'd.member_id'))
      .innerJoin('orgs as o', 'o.id', 'd.org_id')
      .select(['d.id', 'd.name', 'd.member_id', 'm.name as member_name', 'd.pushed_seq', 'd.audit_seq', 'd.audit_hash', 'o.name as org_name'])
      .where('d.org_id', '=', context.orgId).where('d.id', '=', context.deviceId)
      .executeTakeFirst();
    if (!device) throw new SyncError('UNAUTHENTICATED', 'The access token is not valid.');
    return {
      protocol: routes.versions.protocol,
      served: servedProtocols(routes.versions),
      schema: routes.versions.schema,
      serverTime: routes.clock(),
      device: {
        id: device.id,
        name: device.name,
        memberId: device.member_id,
        memberName: device.member_name,
        role: context.role,
        pushedSeq: device.pushed_seq,
        auditHead: device.audit_seq === null || device.audit_hash === null ? null : { seq: device.audit_seq, hash: device.audit_hash },
        auditRowsHeld: await heldAuditSeq(routes.db, context.orgId, context.deviceId),
      },
      organisation: { id: context.orgId, name: device.org_name },
    };
  });

  app.post('/v1/push', async (request): Promise<PushResponse> => {
    checkVersions(request.body, routes.versions);
    const body = parsePushRequest(request.body);
    const context = await callingDevice(routes, request);
    const response = await routes.sync.applyPush(routes.db, context, body, routes.clock());
    if (response.applied) routes.metrics.pushChangesApplied.inc(body.changes.length);
    routes.metrics.pushConflicts.inc(response.conflicts);
    request.log.info({
      batch: body.batch, changes: body.changes.length, applied: response.applied,
      pushedSeq: response.pushedSeq, serverSeq: response.serverSeq, conflicts: response.conflicts,
    }, 'push');
    return response;
  });

  app.post('/v1/audit-rows', async (request): Promise<AuditRowsResponse> => {
    checkVersions(request.body, routes.versions);
    const body = auditRowsRequest.parse(request.body);
    const context = await callingDevice(routes, request);
    const response = await receiveAuditRows(routes.db, context, body.rows, routes.clock());
    // Seqs and the reason only: an audit row's fields name people and what they did.
    request.log.info({ first: body.rows[0]?.seq, rows: body.rows.length, heldSeq: response.heldSeq, mismatch: response.mismatch }, 'audit rows');
    return response;
  });

  // Its own allowance per device (SYNC_LIMITS.pullsPerMinute), counted apart from the other calls.
  app.post('/v1/pull', { config: { rateLimit: { max: routes.limits.pullsPerMinute } } }, async (request, reply): Promise<Buffer> => {
    checkVersions(request.body, routes.versions);
    const body = pullRequest.parse(request.body);
    const context = await callingDevice(routes, request);
    const response = await routes.sync.readPull(routes.db, context, body);
    routes.metrics.pullItems.inc(response.items.length);
    request.log.info({ after: body.after, next: response.next, items: response.items.length, more: response.more }, 'pull');
    void reply.type('application/json; charset=utf-8');
    // Encoded once here: a string reply is measured (Content-Length) and then encoded, two passes over a page of up to 5,000 records.
    return Buffer.from(pullResponseBody(response));
  });
}
