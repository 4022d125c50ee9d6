// The action-hooks form's drafts: one address and timeout per kind, as typed. An empty address means
// "no hook for this kind". Pure, so what is saved from what was typed is tested without a screen.
import { HOOK_TIMEOUT_SECONDS, hookUrlProblem, type ActionHookPolicy } from '../../../src-shared/action-hooks';
import { ACTION_KINDS, type ActionKind } from '../../../src-shared/workspace-model';

export type HookDrafts = Record<ActionKind, { url: string; timeout: string }>;
export type HookProblems = Partial<Record<ActionKind, string>>;

export function hookDraftsOf(policy: ActionHookPolicy): HookDrafts {
  const entries = ACTION_KINDS.map((kind) => {
    const hook = policy.hooks[kind];
    return [kind, { url: hook?.url ?? '', timeout: String(hook?.timeoutSeconds ?? HOOK_TIMEOUT_SECONDS.default) }] as const;
  });
  return Object.fromEntries(entries) as HookDrafts;
}

/** The policy to save, or what is wrong per kind (the same address rule main applies). */
export function checkHookDrafts(drafts: HookDrafts): { policy: ActionHookPolicy } | { problems: HookProblems } {
  const hooks: ActionHookPolicy['hooks'] = {};
  const problems: HookProblems = {};
  for (const kind of ACTION_KINDS) {
    const url = drafts[kind].url.trim();
    if (url === '') continue;
    const timeout = Number(drafts[kind].timeout.trim());
    const urlProblem = hookUrlProblem(url);
    if (urlProblem) problems[kind] = urlProblem;
    else if (!Number.isInteger(timeout) || timeout < HOOK_TIMEOUT_SECONDS.min || timeout > HOOK_TIMEOUT_SECONDS.max) {
      problems[kind] = `Wait ${HOOK_TIMEOUT_SECONDS.min}–${HOOK_TIMEOUT_SECONDS.max} seconds`;
    } else hooks[kind] = { url, timeoutSeconds: timeout };
  }
  return Object.keys(problems).length > 0 ? { problems } : { policy: { hooks } };
}
