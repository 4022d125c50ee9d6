// A success message that clears itself: shown for a few seconds, then `clear` runs. A new message
// starts its own time; the store clears the old one itself when the next action starts.
import { useEffect } from 'react';

export const MESSAGE_SECONDS = 6;

export function useTransientMessage(message: string | null, clear: () => void, seconds = MESSAGE_SECONDS): string | null {
  useEffect(() => {
    if (message === null) return;
    const timer = setTimeout(clear, seconds * 1000);
    return () => clearTimeout(timer);
    // `clear` is the store's setter: a new function each render would restart the time.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [message, seconds]);
  return message;
}
