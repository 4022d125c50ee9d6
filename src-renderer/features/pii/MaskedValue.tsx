// An entity value as the caller may see it. Masked values offer "Reveal" (for roles that may reveal):
// a dialog asks for a purpose, main audits it, and the value shows in clear until the reveal expires.
// `onOpen` turns the value into a link-like button (e.g. to the entity page).
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import type { EntityRef } from '../../../src-shared/workspace-model';
import { formatTimeOfDay } from '../../format/time';
import { useSessionStore } from '../../kit/session-store';
import { liveReveal, usePiiStore } from './store';
import { RevealDialog } from './RevealDialog';
import './masked-value.css';

export interface MaskedValueProps {
  entity: EntityRef;
  onOpen?: () => void;
}

export function MaskedValue({ entity, onOpen }: MaskedValueProps) {
  const session = useSessionStore((state) => state.session);
  const reveals = usePiiStore((state) => state.reveals.data);
  const ensureLoaded = usePiiStore((state) => state.ensureLoaded);
  const dropExpired = usePiiStore((state) => state.dropExpired);
  const [revealing, setRevealing] = useState(false);
  const [now, setNow] = useState(() => Date.now());

  const sessionId = session?.sessionId ?? null;
  useEffect(() => {
    if (entity.masked && sessionId) ensureLoaded(sessionId);
  }, [entity.masked, sessionId, ensureLoaded]);

  const reveal = entity.masked ? liveReveal(reveals, entity.id, now) : null;
  const expiresAt = reveal?.expiresAt ?? null;
  useEffect(() => {
    // Re-render at the moment the reveal runs out, so the clear value never outlives it on screen.
    if (expiresAt === null) return;
    const timer = window.setTimeout(() => {
      setNow(Date.now());
      dropExpired(Date.now());
    }, Math.max(0, expiresAt - Date.now()) + 50);
    return () => window.clearTimeout(timer);
  }, [expiresAt, dropExpired]);

  const mayReveal = session?.permissions.includes('create_investigations') ?? false;
  const shown = reveal ? reveal.value : entity.value;
  const title = reveal
    ? `${entity.kind}: ${reveal.value} (revealed until ${formatTimeOfDay(reveal.expiresAt)} for: ${reveal.purpose})`
    : entity.masked
      ? `${entity.kind}: masked for your role`
      : `${entity.kind}: ${entity.value}`;

  return (
    <span className={['masked-value', reveal ? 'is-revealed' : entity.masked ? 'is-masked' : ''].filter(Boolean).join(' ')} data-testid="masked-value">
      {onOpen ? (
        <button type="button" className="masked-value__text masked-value__open" title={title} onClick={onOpen}>
          {shown}
        </button>
      ) : (
        <span className="masked-value__text" title={title}>
          {shown}
        </span>
      )}
      {reveal && (
        <span className="masked-value__until" title={`Revealed for: ${reveal.purpose}`}>
          until {formatTimeOfDay(reveal.expiresAt)}
        </span>
      )}
      {entity.masked && !reveal && mayReveal && (
        <button
          type="button"
          className="masked-value__reveal"
          onClick={() => setRevealing(true)}
          aria-label={`Reveal ${entity.kind} ${entity.value}`}
          data-testid="pii-reveal"
        >
          Reveal
        </button>
      )}
      {/* Portalled: the value may sit inside a <p> or a table cell, where a <dialog> may not. */}
      {revealing && createPortal(<RevealDialog entity={entity} onClose={() => setRevealing(false)} />, document.body)}
    </span>
  );
}
