// One search over alerts, investigations, entities, notes and findings: results grouped by kind with
// counts and highlighted snippets, plus saved queries and recent history.
import { useEffect, useState, type SubmitEvent } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { PageHeader } from '../../components/PageHeader';
import { TextField } from '../../components/TextField';
import { useAction } from '../../kit/use-action';
import { useNavigationStore } from '../../kit/navigation';
import { formatAgo, formatDateTime } from '../../format/time';
import { countNumber, countText, shownOf } from '../../format/count';
import { useNow } from '../../kit/use-now';
import type { SearchHit } from '../../../src-shared/workspace-model';
import { groupHits, HIT_KIND_LABELS, HIT_KIND_ORDER, hitDestination, snippetSegments } from './snippet';
import { useSearchStore } from './store';
import { ExportButton } from '../exports/ExportButton';
import { OpenInTriage } from './OpenInTriage';
import './search.css';

const SYNTAX_HINT = 'Fields and phrases: severity:high source:reports "exact phrase" words';

export function SearchPage() {
  const param = useNavigationStore((state) => state.param);
  const navigate = useNavigationStore((state) => state.navigate);
  const { results: { data: results, status, error }, lists, run, loadLists, save, deleteSaved } = useSearchStore();
  const { history, saved } = lists.data;
  const [draft, setDraft] = useState(param ?? '');
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const saveAction = useAction(save);
  const deleteAction = useAction(deleteSaved);
  const now = useNow();

  useEffect(() => {
    void loadLists();
  }, [loadLists]);

  useEffect(() => {
    if (param && param.trim()) void run(param.trim());
  }, [param, run]);

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const query = draft.trim();
    if (!query) return;
    // The query lives in the URL (#search/<q>), so back and forward walk through searches.
    if (query === param) void run(query);
    else navigate('search', query);
  };

  const submitSave = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (await saveAction.run(name, results?.query ?? draft.trim())) {
      setNaming(false);
      setName('');
    }
  };

  const open = (hit: SearchHit) => {
    const destination = hitDestination(hit);
    navigate(destination.page, destination.param);
  };

  const groups = results ? groupHits(results.hits) : [];
  const totalHits = results ? HIT_KIND_ORDER.reduce((sum, kind) => sum + (results.counts[kind] ?? 0), 0) : 0;
  const capped = new Set(results?.capped ?? []);

  return (
    <div className="page--narrow search-page">
      <PageHeader title="Search" description="Alerts, investigations, entities, notes and findings in one place." actions={results && <ExportButton page="search" />} />
      <form className="toolbar search-form" role="search" aria-label="Search everything" onSubmit={submit}>
        <TextField
          label="Search"
          className="search-form__field"
          type="search"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          hint={SYNTAX_HINT}
          maxLength={500}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          data-testid="search-input"
        />
        <Button type="submit" variant="primary" busy={status === 'loading'} data-testid="search-submit">
          Search
        </Button>
      </form>
      <ErrorBanner message={error} />
      {results && (
        <section className="search-results" aria-labelledby="search-results-title" data-testid="search-results">
          <div className="search-results__header">
            <h2 id="search-results-title">
              {countText(totalHits, capped.size > 0, 'result', 'results')} for <q>{results.query}</q>
            </h2>
            <span className="muted">{results.ms.toFixed(0)} ms</span>
            {!naming && (
              <Button size="sm" onClick={() => setNaming(true)} data-testid="search-save-open">
                Save this query
              </Button>
            )}
          </div>
          <Understood filters={results.filters} terms={results.terms} />
          {naming && (
            <form className="toolbar" aria-label="Save query" onSubmit={(event) => void submitSave(event)}>
              <TextField label="Name" value={name} maxLength={80} onChange={(event) => setName(event.target.value)} autoFocus error={saveAction.error?.message} data-testid="search-save-name" />
              <Button type="submit" variant="primary" busy={saveAction.pending} data-testid="search-save-confirm">
                Save
              </Button>
              <Button variant="ghost" onClick={() => setNaming(false)}>
                Cancel
              </Button>
            </form>
          )}
          <ul className="search-counts" aria-label="Results by kind">
            {HIT_KIND_ORDER.map((kind) => (
              <li key={kind}>
                {HIT_KIND_LABELS[kind]} <Badge>{countNumber(results.counts[kind] ?? 0, capped.has(kind))}</Badge>
              </li>
            ))}
          </ul>
          {groups.length === 0 && <Alert tone="info" role="status">Nothing matches. Try fewer words or drop a field filter.</Alert>}
          {groups.map((group) => (
            <section key={group.kind} className="search-group" aria-labelledby={`search-group-${group.kind}`}>
              <h3 id={`search-group-${group.kind}`}>
                {HIT_KIND_LABELS[group.kind]} ({shownOf(group.hits.length, results.counts[group.kind] ?? group.hits.length, capped.has(group.kind))})
              </h3>
              <ul className="search-hits">
                {group.hits.map((hit) => (
                  <li key={`${hit.kind}:${hit.id}`}>
                    <a
                      href={`#${hitDestination(hit).page}/${encodeURIComponent(hitDestination(hit).param)}`}
                      className="search-hit"
                      onClick={(event) => {
                        event.preventDefault();
                        open(hit);
                      }}
                      data-testid="search-hit"
                    >
                      <span className="search-hit__title truncate" title={hit.title}>
                        {hit.title}
                      </span>
                      <span className="search-hit__at">{formatDateTime(hit.at)}</span>
                      <Snippet text={hit.snippet} />
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </section>
      )}
      <div className="search-lists">
        <section className="panel" aria-labelledby="saved-queries-title">
          <h2 id="saved-queries-title">Saved queries</h2>
          <ErrorBanner message={lists.error ?? deleteAction.error?.message} />
          {saved.length === 0 ? (
            <p className="muted">None yet. Run a search, then “Save this query”.</p>
          ) : (
            <ul className="query-list" data-testid="saved-queries">
              {saved.map((item) => (
                <li key={item.id}>
                  <a
                    href={`#search/${encodeURIComponent(item.query)}`}
                    onClick={(event) => {
                      event.preventDefault();
                      setDraft(item.query);
                      navigate('search', item.query);
                    }}
                    title={item.query}
                  >
                    {item.name}
                  </a>
                  <code className="truncate" title={item.query}>
                    {item.query}
                  </code>
                  <OpenInTriage name={item.name} query={item.query} />
                  <Button size="sm" variant="ghost" onClick={() => void deleteAction.run(item.id)} aria-label={`Delete saved query ${item.name}`}>
                    Delete
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="panel" aria-labelledby="recent-queries-title">
          <h2 id="recent-queries-title">Recent</h2>
          {history.length === 0 ? (
            <p className="muted">Your searches will appear here.</p>
          ) : (
            <ul className="query-list" data-testid="search-history">
              {history.map((item) => (
                <li key={`${item.at}:${item.query}`}>
                  <a
                    href={`#search/${encodeURIComponent(item.query)}`}
                    onClick={(event) => {
                      event.preventDefault();
                      setDraft(item.query);
                      navigate('search', item.query);
                    }}
                    className="truncate"
                    title={item.query}
                  >
                    {item.query}
                  </a>
                  <span className="muted">
                    {countNumber(item.hits, item.capped)} · {formatAgo(item.at, now)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}

/** The matched words highlighted; each piece is a text node, so a snippet can never inject markup. */
function Snippet({ text }: { text: string }) {
  return (
    <span className="search-hit__snippet">
      {snippetSegments(text).map((segment, index) => (segment.mark ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>))}
    </span>
  );
}

function Understood({ filters, terms }: { filters: Record<string, string[]>; terms: string[] }) {
  const entries = Object.entries(filters).filter(([, values]) => values.length > 0);
  if (entries.length === 0 && terms.length === 0) return null;
  return (
    <p className="search-understood">
      <span className="muted">Understood as: </span>
      {entries.map(([field, values]) => (
        <code key={field}>
          {field}:{values.join(',')}
        </code>
      ))}
      {terms.map((term) => (
        <code key={term}>{term}</code>
      ))}
    </p>
  );
}
