// The search box for the top bar: Ctrl+K (Cmd+K) or "/" focuses it from anywhere; Enter opens the
// search page with the query (#search/<q>).
import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { useNavigationStore } from '../../kit/navigation';
import { isTypingTarget } from '../triage/triage-keys';
import './search.css';

export function GlobalSearchBox() {
  const navigate = useNavigationStore((state) => state.navigate);
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const id = useId();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const isShortcut = (event.key === 'k' || event.key === 'K') && (event.ctrlKey || event.metaKey) && !event.altKey;
      // "/" only when not typing elsewhere, and not on the triage page, whose own "/" focuses its filter.
      const isSlash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTypingTarget(event.target)
        && useNavigationStore.getState().page !== 'triage';
      if (!isShortcut && !isSlash) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = query.trim();
    if (!trimmed) return;
    navigate('search', trimmed);
    inputRef.current?.blur();
  };

  return (
    <form className="global-search" role="search" aria-label="Search everything" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        Search (Ctrl+K)
      </label>
      <input
        ref={inputRef}
        id={id}
        type="search"
        className="input global-search__input"
        placeholder="Search… (Ctrl+K)"
        value={query}
        maxLength={500}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') event.currentTarget.blur();
        }}
        data-testid="global-search"
      />
    </form>
  );
}
