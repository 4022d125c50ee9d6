// Wires main's pushes into the stores, and reacts to session changes: a new user's theme, and each
// new sign-in starts on Home. Clearing vault data on lock and sign-out is the session scope's job
// (session-scoped-stores.ts), which every store holding such data joins.
import { useEffect } from 'react';
import { onEvent } from '../api/client';
import { useSessionStore } from '../kit/session-store';
import { usePreferencesStore } from '../features/preferences/store';
import { useNavigationStore } from '../kit/navigation';

export function useSessionEvents(): void {
  useEffect(() => {
    const stopListening = onEvent('session.changed', (view) => useSessionStore.getState().receiveServerView(view));
    const stopWatching = useSessionStore.subscribe((state, previous) => {
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
