// Investigation data is session-scoped: values arrive masked or clear for the signed-in role, so
// when the session locks or ends, or another user signs in, every workspace store forgets what it
// holds (as app/session-events.ts does for the admin screens). Imported by the workspace pages;
// subscribing once is enough.
import { useSessionStore } from '../session/store';
import { useActionsStore } from '../actions/store';
import { useEvidenceStore } from '../evidence/store';
import { useDirectoryStore } from '../investigations/directory-store';
import { useInvestigationsStore } from '../investigations/store';
import { useInvestigationStore } from './store';

export function clearWorkspaceData(): void {
  useInvestigationStore.getState().reset();
  useInvestigationsStore.getState().reset();
  useEvidenceStore.getState().reset();
  useActionsStore.getState().reset();
  useDirectoryStore.getState().reset();
}

let subscribed = false;

export function clearWorkspaceDataOnSessionChange(): void {
  if (subscribed) return;
  subscribed = true;
  useSessionStore.subscribe((state, previous) => {
    const wasActive = previous.session?.state === 'active';
    const isActive = state.session?.state === 'active';
    if ((wasActive && !isActive) || previous.session?.userId !== state.session?.userId) clearWorkspaceData();
  });
}
