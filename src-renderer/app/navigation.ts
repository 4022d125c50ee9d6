// The app's pages, who may see each, and the current page. Routing is this store plus the URL hash
// (#users), so back/forward work and a test can open a page directly; no router package.
import { create } from 'zustand';
import type { Permission } from '../../src-shared/permissions';

export type PageId = 'home' | 'users' | 'sessions' | 'audit' | 'settings';

export interface PageDefinition {
  id: PageId;
  label: string;
  /** What the page is for, shown on the home page's list of screens. */
  summary: string;
  /** null: every signed-in user. */
  requires: Permission | null;
}

export const PAGES: readonly PageDefinition[] = [
  { id: 'home', label: 'Home', summary: 'Your account, this session and the screens you can use.', requires: null },
  { id: 'users', label: 'Users', summary: 'Create accounts, change roles, disable and reset passwords.', requires: 'admin_access' },
  { id: 'sessions', label: 'Sessions', summary: 'Who is signed in, from where, and ending sessions.', requires: 'admin_access' },
  { id: 'audit', label: 'Audit log', summary: 'Every security-relevant action, and a check that the log is untampered.', requires: 'audit_access' },
  { id: 'settings', label: 'Settings', summary: 'Appearance, your password, two-factor sign-in and security policy.', requires: null },
];

export function pagesFor(permissions: readonly Permission[]): PageDefinition[] {
  return PAGES.filter((page) => page.requires === null || permissions.includes(page.requires));
}

function pageFromHash(hash: string): PageId {
  const id = hash.replace(/^#\/?/, '');
  return PAGES.find((page) => page.id === id)?.id ?? 'home';
}

interface NavigationStore {
  page: PageId;
  navigate(page: PageId): void;
  /** Follows the URL when the user goes back or forward. */
  syncFromLocation(): void;
}

export const useNavigationStore = create<NavigationStore>()((set) => ({
  page: pageFromHash(window.location.hash),
  navigate(page) {
    if (window.location.hash !== `#${page}`) window.location.hash = page;
    set({ page });
  },
  syncFromLocation() {
    set({ page: pageFromHash(window.location.hash) });
  },
}));

/** The page to show: the one asked for if this role may see it, else Home. */
export function visiblePage(requested: PageId, permissions: readonly Permission[]): PageId {
  return pagesFor(permissions).some((page) => page.id === requested) ? requested : 'home';
}
