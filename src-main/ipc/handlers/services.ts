// The services the channel handlers call, built by the composition root.
import type { Clock } from '../../platform/clock';
import type { LoginService } from '../../auth/login-service';
import type { SessionService } from '../../auth/session-service';
import type { TwoFactorService } from '../../auth/two-factor';
import type { UserAdministration } from '../../auth/user-admin';
import type { VaultCustody } from '../../vault/custody';
import type { KeySlotStore } from '../../vault/key-slot-store';
import type { Repositories } from '../../repositories';
import type { LiveSession } from '../../auth/session-registry';
import { VigilError } from '../../../src-shared/errors';
import type { EventHub } from '../event-hub';

export interface Services {
  appVersion: string;
  clock: Clock;
  keySlots: KeySlotStore;
  custody: VaultCustody<Repositories>;
  sessions: SessionService;
  login: LoginService;
  users: UserAdministration;
  twoFactor: TwoFactorService;
  events: EventHub;
  databasePath: string;
}

/** The router has already checked access; this narrows the type for handlers that need a session. */
export function requireSession(session: LiveSession | null): LiveSession {
  if (!session) throw new VigilError('AUTH_REQUIRED', 'Sign in first');
  return session;
}
