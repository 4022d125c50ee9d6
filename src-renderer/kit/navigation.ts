// The current page: this store plus the URL hash, so back/forward work and a test can open a page
// directly; no router package. The pages themselves are in pages.ts.
import { create } from 'zustand';
import type { Permission } from '../../src-shared/permissions';
import { hashFor, pagesFor, routeFromHash, type PageId, type Route } from './pages';

export { hashFor, pagesFor, routeFromHash, PAGES, type PageDefinition, type PageId, type Route } from './pages';

interface NavigationStore extends Route {
  navigate(page: PageId, param?: string | null): void;
  /** Follows the URL when the user goes back or forward. */
  syncFromLocation(): void;
}

export const useNavigationStore = create<NavigationStore>()((set) => ({
  ...routeFromHash(window.location.hash),
  navigate(page, param = null) {
    const hash = hashFor(page, param);
    if (window.location.hash !== hash) window.location.hash = hash;
    set({ page, param });
  },
  syncFromLocation() {
    set(routeFromHash(window.location.hash));
  },
}));

/** The page to show: the one asked for if this role may see it, else Home. */
export function visiblePage(requested: PageId, permissions: readonly Permission[]): PageId {
  return pagesFor(permissions).some((page) => page.id === requested) ? requested : 'home';
}
