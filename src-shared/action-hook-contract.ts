// Channels of the outbound action hooks (src-shared/action-hooks.ts): administrators read and change
// them (audited); everyone who executes actions may ask which kinds are hooked. Gathered into the one
// contract by contract.ts.
import { z } from 'zod';
import { channel, needs } from './channel';
import { actionHookPolicySchema, type ActionHookPolicy } from './action-hooks';
import type { ActionKind } from './workspace-model';

export const actionHookChannels = {
  'actionHooks.get': channel<ActionHookPolicy>()({ input: z.object({}).strict(), access: needs('admin_access') }),
  'actionHooks.update': channel<ActionHookPolicy>()({ input: actionHookPolicySchema, access: needs('admin_access'), audited: true }),
  'actionHooks.configured': channel<{ kinds: ActionKind[] }>()({ input: z.object({}).strict(), access: needs('read_investigations') }),
};
