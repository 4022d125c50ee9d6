// The admin API, for a device whose member holds `admin_access` (docs/SYNC.md): enrolment tokens,
// devices and members of the caller's own organisation; and its devices' audit rows, for a member
// with `audit_access`. The organisation always comes from the caller's token; an id of another
// organisation is NOT_FOUND.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addMember, listMembers, newMember, setMemberDisabled } from '../admin/members';
import { listDevices, revokeDevice } from '../auth/devices';
import { createEnrolToken } from '../auth/enrolment';
import { readAuditRows } from '../sync/audit-rows';
import { callingAdmin, callingAuditor, type RouteContext } from './route-context';

const idParam = z.object({ id: z.string().min(1).max(64) });
const enrolTokenRequest = z.object({ memberId: z.string().min(1).max(64) });
const memberStateRequest = z.object({ disabled: z.boolean() });
const auditRowsQuery = z.object({
  deviceId: z.string().min(1).max(64),
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1_000).default(500),
});

export function registerAdminRoutes(app: FastifyInstance, routes: RouteContext): void {
  app.post('/v1/admin/enrol-tokens', async (request) => {
    const admin = await callingAdmin(routes, request);
    const { memberId } = enrolTokenRequest.parse(request.body);
    const created = await createEnrolToken(routes.db, admin.orgId, memberId, routes.clock());
    request.log.info({ memberId, expiresAt: created.expiresAt }, 'enrolment token created');
    return created;
  });

  app.get('/v1/admin/devices', async (request) => {
    const admin = await callingAdmin(routes, request);
    return { devices: await listDevices(routes.db, admin.orgId) };
  });

  app.post('/v1/admin/devices/:id/revoke', async (request) => {
    const admin = await callingAdmin(routes, request);
    const { id } = idParam.parse(request.params);
    const revoked = await revokeDevice(routes.db, admin.orgId, id, routes.clock());
    request.log.info({ revokedDeviceId: id }, 'device revoked');
    return revoked;
  });

  app.get('/v1/admin/members', async (request) => {
    const admin = await callingAdmin(routes, request);
    return { members: await listMembers(routes.db, admin.orgId) };
  });

  app.post('/v1/admin/members', async (request) => {
    const admin = await callingAdmin(routes, request);
    const input = newMember.parse(request.body);
    const member = await addMember(routes.db, admin.orgId, input, routes.clock(), admin.role);
    request.log.info({ memberId: member.id, role: member.role }, 'member added');
    return member;
  });

  // A device's audit log as the server holds it, for members with `audit_access` (docs/SYNC.md, "Audit rows").
  app.get('/v1/admin/audit-rows', async (request) => {
    const auditor = await callingAuditor(routes, request);
    const { deviceId, after, limit } = auditRowsQuery.parse(request.query);
    return readAuditRows(routes.db, auditor.orgId, deviceId, after, limit);
  });

  app.post('/v1/admin/members/:id/state', async (request) => {
    const admin = await callingAdmin(routes, request);
    const { id } = idParam.parse(request.params);
    const { disabled } = memberStateRequest.parse(request.body);
    const member = await setMemberDisabled(routes.db, admin.orgId, id, disabled, routes.clock(), admin.role);
    request.log.info({ memberId: id, disabled }, 'member state changed');
    return member;
  });
}
