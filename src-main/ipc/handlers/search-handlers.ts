// Search channels: one box over alerts, investigations, notes, findings and entities; saved queries and history.
import type { Handlers } from '../router';
import type { Services } from './services';
import { notBuilt } from './not-built';

type Channels = 'search.query' | 'search.history' | 'search.savedList' | 'search.save' | 'search.deleteSaved';

export function searchHandlers(_s: Services): Pick<Handlers, Channels> {
  return {
    'search.query': notBuilt,
    'search.history': notBuilt,
    'search.savedList': notBuilt,
    'search.save': notBuilt,
    'search.deleteSaved': notBuilt,
  };
}
