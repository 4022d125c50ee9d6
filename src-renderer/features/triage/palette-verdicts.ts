// The triage verdicts the command palette runs: the same bulk calls the queue's keys make, on the
// selected alerts or the focused one, with dismiss taking the default reason its label names.
import { DEFAULT_DISMISS_REASON } from '../../../src-shared/workspace-model';
import { selectionSize } from './selection';
import { currentTarget, useTriageStore, type BulkAction } from './store';

/** The verdicts the command palette gives the selected or focused alerts. */
export type PaletteVerdict = 'acknowledge' | 'dismiss' | 'reopen' | 'assignToMe';

export function paletteVerdictAction(verdict: PaletteVerdict, myUserId: string): BulkAction {
  switch (verdict) {
    case 'acknowledge': return { kind: 'acknowledge' };
    case 'dismiss': return { kind: 'dismiss', reason: DEFAULT_DISMISS_REASON };
    case 'reopen': return { kind: 'reopen' };
    case 'assignToMe': return { kind: 'assign', assigneeId: myUserId };
  }
}

/** How many alerts a verdict would apply to now: the selection, else the focused row (1), else 0. */
export function triageTargetCount(): number {
  const { selection, focusedId } = useTriageStore.getState();
  const picked = selectionSize(selection);
  return picked > 0 ? picked : focusedId ? 1 : 0;
}

/** Runs the verdict; a failure lands in the queue's error banner, as the keyboard's do. */
export async function runPaletteVerdict(verdict: PaletteVerdict, myUserId: string): Promise<void> {
  const target = currentTarget();
  if (!target) return;
  const store = useTriageStore.getState();
  try {
    await store.bulk(target, paletteVerdictAction(verdict, myUserId));
  } catch (error) {
    store.reportFailure(error);
  }
}
