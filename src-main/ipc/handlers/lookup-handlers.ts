// The command palette's lookup: investigations by key, entities by value, through the caller's lens
// (src-main/search/palette-lookup.ts decides what a masked caller may find).
import type { Handlers } from '../router';
import { lensFor, type Services } from './services';

export function lookupHandlers(s: Services): Pick<Handlers, 'lookup.find'> {
  return {
    'lookup.find': (input, { session }) => {
      const repos = s.custody.vault.repositories;
      const lens = lensFor(s, session);
      const view = repos.investigations.view(lens, repos.userRefs.resolver());
      return repos.paletteLookup.find(input.text, lens, view.text);
    },
  };
}
