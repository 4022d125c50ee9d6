// Who is calling, as the server established it from the access token and its own records: every
// service takes this, never an organisation or member named in the request (docs/SYNC.md).
import type { Role } from '../../src-shared/permissions';

export interface DeviceContext {
  orgId: string;
  deviceId: string;
  memberId: string;
  role: Role;
}

/** The server's clock, injected so tests move it (clock bound, token expiry). */
export type ServerClock = () => number;
