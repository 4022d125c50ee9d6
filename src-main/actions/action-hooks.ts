// Calls the hook an administrator configured for an action's kind when the action is executed, and
// words its answer for the record. The call is a POST of JSON with a timeout; redirects are refused
// (the configured address is the one that is called, not wherever it points); the answer's body is
// not read or kept (only its status), so whatever the far end says never lands in the vault.
import { VigilError } from '../../src-shared/errors';
import { actionHookPolicySchema, NO_ACTION_HOOKS, type ActionHook, type ActionHookPolicy } from '../../src-shared/action-hooks';
import type { ActionKind } from '../../src-shared/workspace-model';
import type { SqliteDatabase } from '../store/database';
import type { SettingsReader, SettingsRepository } from '../settings/settings-repository';
import type { TargetEntity } from './actions-repository';

export const ACTION_HOOKS_KEY = 'action_hooks';

export function readActionHooks(settings: SettingsReader): ActionHookPolicy {
  const stored = settings.get<unknown>(ACTION_HOOKS_KEY);
  if (stored === undefined) return NO_ACTION_HOOKS;
  const parsed = actionHookPolicySchema.safeParse(stored);
  // Calling an address nobody saved through the channel would be worse than calling none.
  if (!parsed.success) throw new VigilError('VAULT_CORRUPT', 'The saved action hooks are not valid; an administrator can save them again in Settings');
  return parsed.data;
}

export function saveActionHooks(db: SqliteDatabase, settings: SettingsRepository, policy: ActionHookPolicy): void {
  db.transaction(() => settings.set(ACTION_HOOKS_KEY, policy))();
}

/** What the far end is told: the action, its case, its targets (real values: it is the system that acts on them). */
export interface ActionHookPayload {
  actionId: string;
  kind: ActionKind;
  investigationKey: string;
  reason: string;
  executedBy: string;
  executedAt: number;
  targets: { kind: string; value: string }[];
}

export function hookPayload(
  action: { id: string; kind: ActionKind; reason: string }, investigationKey: string, targets: readonly TargetEntity[], executedBy: string, executedAt: number,
): ActionHookPayload {
  return { actionId: action.id, kind: action.kind, investigationKey, reason: action.reason, executedBy, executedAt, targets: targets.map((t) => ({ kind: t.kind, value: t.value })) };
}

export interface HookOutcome {
  ok: boolean;
  /** The HTTP status, or null when no answer came. */
  status: number | null;
  ms: number;
  /** Why there was no good answer, in words fit for a note (no address, no body). */
  problem: string | null;
}

export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; redirect: 'error'; signal: AbortSignal }) => Promise<{ status: number; ok: boolean; body?: { cancel(): Promise<void> } | null }>;

export async function callActionHook(hook: ActionHook, payload: ActionHookPayload, now: () => number, fetchImpl: FetchLike = fetch as unknown as FetchLike): Promise<HookOutcome> {
  const started = now();
  try {
    const response = await fetchImpl(hook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'Vigil action hook' },
      body: JSON.stringify(payload),
      redirect: 'error',
      signal: AbortSignal.timeout(hook.timeoutSeconds * 1000),
    });
    await response.body?.cancel().catch(() => undefined);
    return { ok: response.ok, status: response.status, ms: now() - started, problem: response.ok ? null : `answered HTTP ${response.status}` };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    return { ok: false, status: null, ms: now() - started, problem: timedOut ? `gave no answer within ${hook.timeoutSeconds} s` : 'could not be reached' };
  }
}

/** The note recording the call on the investigation (its timeline shows it beside the execution). */
export function hookNoteText(kind: ActionKind, outcome: HookOutcome): string {
  const kindLabel = kind.replaceAll('_', ' ');
  return outcome.ok
    ? `Action hook for “${kindLabel}” called: it answered HTTP ${outcome.status} in ${outcome.ms} ms.`
    : `Action hook for “${kindLabel}” failed: it ${outcome.problem}. The action is recorded as executed; carry it out by hand or revert it.`;
}
