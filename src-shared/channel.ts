// How a channel is declared: its input schema, who may call it, whether the router audits it, and
// a phantom output type. Shared by contract.ts and the per-domain channel files it gathers.
import type { z } from 'zod';
import type { Permission } from './permissions';
import type { SessionState } from './model';

/** Who may call a channel. Permission channels also require an `active` session. */
export type Access =
  | { kind: 'public' }
  | { kind: 'session'; states: readonly SessionState[] }
  | { kind: 'permission'; permission: Permission };

export interface ChannelDefinition<Input extends z.ZodType, Output> {
  input: Input;
  access: Access;
  /** The router writes one audit row per call (success, failure or denial). */
  audited: boolean;
  /**
   * A call that is not the person's activity (the window asking whether its session has locked):
   * it does not put the idle lock off. Every other call by an active session does.
   */
  passive: boolean;
  /** Phantom marker carrying the output type; never read at run time. */
  output?: Output;
}

export function channel<Output>() {
  return <Input extends z.ZodType>(definition: { input: Input; access: Access; audited?: boolean; passive?: boolean }) =>
    ({ input: definition.input, access: definition.access, audited: definition.audited ?? false, passive: definition.passive ?? false }) as ChannelDefinition<Input, Output>;
}

export const publicAccess: Access = { kind: 'public' };
export const activeSession: Access = { kind: 'session', states: ['active'] };
export const anySession: Access = {
  kind: 'session',
  states: ['active', 'locked', 'totp_required', 'password_change_required', 'recovery_key_unconfirmed'],
};
export const needs = (permission: Permission): Access => ({ kind: 'permission', permission });

