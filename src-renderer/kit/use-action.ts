// Runs a store action for a form or a button: tracks pending and the described error, ignores a
// second submit while one is in flight, and re-reads the session when a call was refused because
// the session locked or ended underneath the screen.
import { useCallback, useRef, useState } from 'react';
import { describeError, type DescribedError, type ErrorWording } from '../format/error-message';
import { useSessionStore } from './session-store';

const SESSION_CODES = new Set(['AUTH_REQUIRED', 'SESSION_LOCKED', 'SESSION_STATE']);

export interface ActionHandle<Args extends unknown[]> {
  pending: boolean;
  error: DescribedError | null;
  /** Resolves true when the action succeeded. */
  run(...args: Args): Promise<boolean>;
  clearError(): void;
}

export function useAction<Args extends unknown[]>(action: (...args: Args) => Promise<unknown>, wording?: ErrorWording): ActionHandle<Args> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<DescribedError | null>(null);
  const inFlight = useRef(false);

  const run = useCallback(
    async (...args: Args): Promise<boolean> => {
      if (inFlight.current) return false;
      inFlight.current = true;
      setPending(true);
      setError(null);
      try {
        await action(...args);
        return true;
      } catch (caught) {
        const described = describeError(caught, wording);
        setError(described);
        // If the re-read fails too, the screen keeps showing the error it already has.
        if (SESSION_CODES.has(described.code)) void useSessionStore.getState().refresh().catch(() => undefined);
        return false;
      } finally {
        inFlight.current = false;
        setPending(false);
      }
    },
    [action, wording],
  );

  const clearError = useCallback(() => setError(null), []);
  return { pending, error, run, clearError };
}
