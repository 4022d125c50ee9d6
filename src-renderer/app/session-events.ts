// Wires main's pushes into the stores, and clears session-scoped data when it must not outlive the
// session: on lock and on sign-out (user lists, audit rows, enrolment secrets), like Bitwarden's
// clearOn: ["lock", "logout"].
import { useEffect } from 'react';
import { onEvent } from '../api/client';
import { useSessionStore, type SessionStore } from '../features/session/store';
import { useUsersStore } from '../features/users/store';
import { useSessionsStore } from '../features/sessions/store';
import { useAuditStore } from '../features/audit/store';
import { useTwoFactorStore } from '../features/two-factor/store';
import { useSecurityPolicyStore } from '../features/security-policy/store';
import { usePreferencesStore } from '../features/preferences/store';

function isUnlocked(state: SessionStore): boolean {
  return state.session?.state === 'active';
}

function clearSessionData(): void {
  useUsersStore.getState().reset();
  useSessionsStore.getState().reset();
  useAuditStore.getState().reset();
  useTwoFactorStore.getState().reset();
  useSecurityPolicyStore.getState().reset();
}

export function useSessionEvents(): void {
  useEffect(() => {
    const stopListening = onEvent('session.changed', (view) => useSessionStore.getState().receiveServerView(view));
    const stopWatching = useSessionStore.subscribe((state, previous) => {
      if (isUnlocked(previous) && !isUnlocked(state)) clearSessionData();
      // Another user may sign in next: their theme, not this one's.
      if (previous.session?.userId !== state.session?.userId) usePreferencesStore.getState().reset();
    });
    return () => {
      stopListening();
      stopWatching();
    };
  }, []);
}
