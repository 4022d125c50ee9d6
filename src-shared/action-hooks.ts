// Outbound hooks per action kind: an administrator may name a webhook that Vigil calls when an
// action of that kind is executed (the enforcement system that really suspends or blocks), and Vigil
// records its answer. Addresses are https, or http to this machine only (a local relay; tests);
// credentials in the address are refused (they would sit in settings and show on screen).
import { z } from 'zod';
import { ACTION_KINDS, type ActionKind } from './workspace-model';

export const HOOK_TIMEOUT_SECONDS = { min: 1, max: 30, default: 10 } as const;

const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Why an address cannot be a hook, or null when it can. */
export function hookUrlProblem(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Not a web address';
  }
  if (url.username !== '' || url.password !== '') return 'No user name or password in the address';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return 'Use https:// (http:// only to this machine)';
}

export const actionHookSchema = z.object({
  url: z.string().trim().min(1).max(2000).superRefine((text, context) => {
    const problem = hookUrlProblem(text);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  }),
  timeoutSeconds: z.number().int().min(HOOK_TIMEOUT_SECONDS.min).max(HOOK_TIMEOUT_SECONDS.max).default(HOOK_TIMEOUT_SECONDS.default),
}).strict();
export type ActionHook = z.output<typeof actionHookSchema>;

export const actionHookPolicySchema = z.object({ hooks: z.partialRecord(z.enum(ACTION_KINDS), actionHookSchema) }).strict();
export type ActionHookPolicy = z.output<typeof actionHookPolicySchema>;

export const NO_ACTION_HOOKS: ActionHookPolicy = { hooks: {} };

/** The kinds that have a hook, for the execute confirmation's wording (no addresses: those are the admin's). */
export function hookedKinds(policy: ActionHookPolicy): ActionKind[] {
  return ACTION_KINDS.filter((kind) => policy.hooks[kind] !== undefined);
}
