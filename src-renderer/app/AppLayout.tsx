// The signed-in app: top bar (vault, who, Lock, Sign out), navigation limited to what the role may
// see, and the current page in <main data-page>.
import { useEffect, useRef, type MouseEvent, type ReactElement } from 'react';
import { Button } from '../components/Button';
import { roleLabel } from '../format/role';
import { useSessionStore } from '../kit/session-store';
import { usePreferencesStore } from '../features/preferences/store';
import { HomePage } from '../features/home/HomePage';
import { UsersPage } from '../features/users/UsersPage';
import { SessionsPage } from '../features/sessions/SessionsPage';
import { AuditPage } from '../features/audit/AuditPage';
import { SecurityPage } from '../features/security/SecurityPage';
import { BackupsPage } from '../features/backups/BackupsPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { TriagePage } from '../features/triage/TriagePage';
import { InvestigationsPage } from '../features/investigations/InvestigationsPage';
import { InvestigationPage } from '../features/investigation/InvestigationPage';
import { EntityPage } from '../features/entities/EntityPage';
import { SearchPage } from '../features/search/SearchPage';
import { AnalyticsPage } from '../features/analytics/AnalyticsPage';
import { ApprovalsPage } from '../features/actions/ApprovalsPage';
import { CompliancePage } from '../features/compliance/CompliancePage';
import { GlobalSearchBox } from '../features/search/GlobalSearchBox';
import { ApprovalsBadge, NotificationBell } from '../features/notifications/NotificationBell';
import { CommandPalette } from './CommandPalette';
import { useAction } from '../kit/use-action';
import { pagesFor, useNavigationStore, visiblePage, type PageId } from '../kit/navigation';
import './app-layout.css';
import { investigationLocation } from '../features/investigation/investigation-route';
import { HealthPage } from '../features/health/HealthPage';
import { HealthBanner } from '../features/health/HealthBanner';
import { SyncPage } from '../features/sync/SyncPage';
import { SyncIndicator } from '../features/sync/SyncIndicator';
import { SyncConflictsBadge } from '../features/sync/SyncConflictsBadge';

const PAGE_VIEWS: Readonly<Record<PageId, () => ReactElement>> = {
  home: HomePage,
  triage: TriagePage,
  investigations: InvestigationsPage,
  investigation: InvestigationPage,
  entity: EntityPage,
  search: SearchPage,
  analytics: AnalyticsPage,
  approvals: ApprovalsPage,
  users: UsersPage,
  sessions: SessionsPage,
  audit: AuditPage,
  backups: BackupsPage,
  settings: SettingsPage,
  health: HealthPage,
  security: SecurityPage,
  compliance: CompliancePage,
  sync: SyncPage,
};

export function AppLayout() {
  const session = useSessionStore((state) => state.session);
  const vaultName = useSessionStore((state) => state.vaultName);
  const lock = useSessionStore((state) => state.lock);
  const logout = useSessionStore((state) => state.logout);
  const requested = useNavigationStore((state) => state.page);
  const param = useNavigationStore((state) => state.param);
  const navigate = useNavigationStore((state) => state.navigate);
  const syncFromLocation = useNavigationStore((state) => state.syncFromLocation);
  const preferencesLoaded = usePreferencesStore((state) => state.loaded);
  const loadPreferences = usePreferencesStore((state) => state.load);
  const lockAction = useAction(lock);
  const signOut = useAction(logout);
  const mainRef = useRef<HTMLElement>(null);

  const permissions = session?.permissions ?? [];
  const pages = pagesFor(permissions);
  const page = visiblePage(requested, permissions);
  const current = pages.find((candidate) => candidate.id === page);
  const PageView = PAGE_VIEWS[page];

  useEffect(() => {
    window.addEventListener('hashchange', syncFromLocation);
    return () => window.removeEventListener('hashchange', syncFromLocation);
  }, [syncFromLocation]);

  useEffect(() => {
    // Without saved preferences the theme keeps following the system, which is a fine fallback.
    if (!preferencesLoaded) loadPreferences().catch(() => undefined);
  }, [preferencesLoaded, loadPreferences]);

  useEffect(() => {
    document.title = `${current?.label ?? 'Vigil'} — ${vaultName ?? 'Vigil'}`;
  }, [current, vaultName]);

  const go = (target: PageId) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    navigate(target);
  };

  const skipToMain = (event: MouseEvent<HTMLAnchorElement>) => {
    // The hash is the page route, so the skip link moves focus itself instead of following #main.
    event.preventDefault();
    mainRef.current?.focus();
  };

  if (!session) return <></>;

  return (
    <div className="shell">
      <CommandPalette />
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar__brand">
          <span className="brand-mark" aria-hidden="true">
            V
          </span>
          <span className="topbar__product">Vigil</span>
          <span className="topbar__vault" title={vaultName ?? undefined}>
            {vaultName}
          </span>
        </div>
        {permissions.includes('read_investigations') && (
          <div className="topbar__search">
            <GlobalSearchBox />
          </div>
        )}
        <div className="topbar__user">
          <span className="topbar__who">
            <span className="topbar__name">{session.displayName}</span>
            <span className="topbar__role">{roleLabel(session.role)}</span>
          </span>
          <SyncIndicator />
          <NotificationBell />
          {lockAction.error && (
            <span role="alert" className="topbar__error">
              {lockAction.error.message}
            </span>
          )}
          <Button size="sm" onClick={() => void lockAction.run()} busy={lockAction.pending}>
            Lock
          </Button>
          <Button size="sm" variant="ghost" onClick={() => void signOut.run()} busy={signOut.pending}>
            Sign out
          </Button>
        </div>
      </header>
      <HealthBanner />
      <div className="shell__body">
        <nav className="sidenav" aria-label="Main">
          <ul>
            {pages.filter((item) => !item.hidden).map((item) => (
              <li key={item.id}>
                <a href={`#${item.id}`} className="sidenav__link" aria-current={item.id === page ? 'page' : undefined} onClick={go(item.id)}>
                  {item.label}
                  {item.id === 'approvals' && <ApprovalsBadge />}
                  {item.id === 'sync' && <SyncConflictsBadge />}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {/* tabIndex 0: main scrolls on its own, and a page without controls (Home) must still be
            scrollable from the keyboard. */}
        <main id="main" ref={mainRef} className="shell__main" data-page={page} tabIndex={0} aria-label={current?.label}>
          {/* A new key starts a page afresh; another tab of the same investigation is the same page. */}
          <PageView key={`${page}/${(page === 'investigation' ? investigationLocation(param).id : param) ?? ''}`} />
        </main>
      </div>
    </div>
  );
}
