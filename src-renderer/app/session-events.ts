// Wires main's pushes into the stores, and reacts to session changes in one place: clears
// session-scoped data on lock and sign-out (user lists, audit rows, enrolment secrets), like
// Bitwarden's clearOn: ["lock", "logout"]; and starts each new sign-in on Home.
import { useEffect } from 'react';
import { onEvent } from '../api/client';
import { useSessionStore, type SessionStore } from '../features/session/store';
import { useUsersStore } from '../features/users/store';
import { useSessionsStore } from '../features/sessions/store';
import { useAuditStore } from '../features/audit/store';
import { useTwoFactorStore } from '../features/two-factor/store';
import { useSecurityPolicyStore } from '../features/security-policy/store';
import { usePreferencesStore } from '../features/preferences/store';
import { useNavigationStore } from './navigation';

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
      // A sign-in while the app runs starts on Home; the first status read at start keeps the
      // page in the URL, so a reload stays where it was.
      const signedIn = previous.boot.phase === 'ready' && !previous.session && state.session;
      if (signedIn) useNavigationStore.getState().navigate('home');
    });
    return () => {
      stopListening();
      stopWatching();
    };
  }, []);
}
