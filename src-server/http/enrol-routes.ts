// Enrolment and access tokens over HTTP (docs/SYNC.md): `POST /v1/enrol` trades a one-time token
// for a device credential, `POST /v1/token` a credential for a 15-minute access token.
import type { FastifyInstance } from 'fastify';
import { enrolRequest, tokenRequest, type EnrolResponse, type TokenResponse } from '../../src-shared/sync-protocol';
import { issueAccessToken } from '../auth/access-tokens';
import { enrolDevice } from '../auth/enrolment';
import type { RouteContext } from './route-context';

export function registerEnrolRoutes(app: FastifyInstance, routes: RouteContext): void {
  app.post('/v1/enrol', async (request): Promise<EnrolResponse> => {
    const body = enrolRequest.parse(request.body);
    const enrolled = await enrolDevice(routes.db, body, routes.clock());
    request.log.info({ orgId: enrolled.orgId, memberId: enrolled.memberId, deviceId: enrolled.deviceId }, 'device enrolled');
    return enrolled;
  });

  app.post('/v1/token', async (request): Promise<TokenResponse> => {
    const body = tokenRequest.parse(request.body);
    const issued = await issueAccessToken(routes.db, body, routes.clock());
    request.log.info({ deviceId: body.deviceId, expiresAt: issued.expiresAt }, 'access token issued');
    return issued;
  });
}
