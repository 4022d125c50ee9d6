// Search channels: one box over alerts, investigations, notes, findings and entities; saved queries
// and history. Entity values are searchable by every reader, but shown through the caller's lens:
// a caller without access_pii can confirm that a value they already know is in the vault, never
// read one they do not. Searching by value is the point of an observable; masking is
// what keeps the value itself from a reader without access_pii.
import { performance } from 'node:perf_hooks';
import type { Handlers } from '../router';
import type { SearchHitKind, SearchResults } from '../../../src-shared/workspace-model';
import { describedTerms, parseSearchQuery, SEARCH_HIT_KINDS } from '../../search/query-syntax';
import { lensFor, requireSession, type Services } from './services';

type Channels = 'search.query' | 'search.history' | 'search.savedList' | 'search.save' | 'search.deleteSaved';

/** One spelling per query in the history: spaces collapsed. */
const normalise = (query: string) => query.trim().replace(/\s+/g, ' ');

export function searchHandlers(s: Services): Pick<Handlers, Channels> {
  const repos = () => s.custody.vault.repositories;
  return {
    'search.query': (input, { session }) => {
      const started = performance.now();
      const { userId } = requireSession(session);
      const query = normalise(input.query);
      const parsed = parseSearchQuery(query);
      const lens = lensFor(s, session);
      const wanted = input.kinds ?? SEARCH_HIT_KINDS;
      const counts: Record<SearchHitKind, number> = { alert: 0, investigation: 0, note: 0, finding: 0, entity: 0 };
      const hits: SearchResults['hits'] = [];
      const capped: SearchHitKind[] = [];
      for (const kind of SEARCH_HIT_KINDS) {
        if (!wanted.includes(kind)) continue;
        const result = repos().search.search(kind, parsed, input.limit, lens);
        if (!result) continue;
        counts[kind] = result.count;
        if (result.capped) capped.push(kind);
        hits.push(...result.hits);
      }
      repos().savedQueries.remember(userId, query, Object.values(counts).reduce((a, b) => a + b, 0), capped.length > 0);
      return {
        query,
        filters: Object.fromEntries(Object.entries(parsed.filters)),
        terms: describedTerms(parsed),
        hits,
        counts,
        capped,
        ms: Math.round((performance.now() - started) * 10) / 10,
      };
    },
    'search.history': (_input, { session }) => repos().savedQueries.history(requireSession(session).userId),
    'search.savedList': (_input, { session }) => repos().savedQueries.saved(requireSession(session).userId),
    'search.save': (input, { session }) => {
      const query = normalise(input.query);
      // A saved query that cannot run is a trap for later: refuse it now, with the parser's reason.
      parseSearchQuery(query);
      return repos().savedQueries.save(requireSession(session).userId, input.name, query);
    },
    'search.deleteSaved': (input, { session }) => {
      repos().savedQueries.delete(requireSession(session).userId, input.savedQueryId);
      return null;
    },
  };
}
