// The values this user has revealed and until when: a reminder that the clear values on screen are
// temporary and audited. Lists nothing when there are none.
import { useEffect } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { formatTimeOfDay } from '../../format/time';
import { useNow } from '../../kit/use-now';
import { useSessionStore } from '../../kit/session-store';
import { usePiiStore } from './store';
import './masked-value.css';

export function LiveReveals() {
  const sessionId = useSessionStore((state) => state.session?.sessionId ?? null);
  const { reveals: { data: reveals, error }, ensureLoaded, dropExpired } = usePiiStore();
  const now = useNow(10_000);

  useEffect(() => {
    if (sessionId) ensureLoaded(sessionId);
  }, [sessionId, ensureLoaded]);

  useEffect(() => {
    dropExpired(now);
  }, [now, dropExpired]);

  const live = Object.values(reveals).filter((reveal) => reveal.expiresAt > now).sort((a, b) => a.expiresAt - b.expiresAt);
  if (live.length === 0 && !error) return null;
  return (
    <section className="live-reveals" aria-labelledby="live-reveals-title" data-testid="live-reveals">
      <h2 id="live-reveals-title">Revealed values ({live.length})</h2>
      <ErrorBanner message={error} />
      <ul>
        {live.map((reveal) => (
          <li key={reveal.entityId}>
            <span className="muted">{reveal.kind}</span> <code>{reveal.value}</code>{' '}
            <span className="masked-value__until" title={`For: ${reveal.purpose}`}>
              until {formatTimeOfDay(reveal.expiresAt)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
