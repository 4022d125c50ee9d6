// Every channel's handler, checked against the contract: a channel without a handler does not compile.
import type { Handlers } from '../router';
import { accountHandlers } from './account-handlers';
import { adminHandlers } from './admin-handlers';
import { authHandlers } from './auth-handlers';
import { demoHandlers } from './demo-handlers';
import { alertHandlers } from './alert-handlers';
import type { Services } from './services';

export function createHandlers(services: Services): Handlers {
  return { ...authHandlers(services), ...accountHandlers(services), ...adminHandlers(services), ...demoHandlers(services), ...alertHandlers(services) };
}
