// The app's pages, who may see each, and how a page and its parameter read in the URL hash
// (#users, #investigation/<id>). Free of window and stores, so it is tested as plain logic.
import type { Permission } from '../../src-shared/permissions';

export type PageId =
  | 'home' | 'triage' | 'investigations' | 'investigation' | 'entity' | 'search' | 'analytics' | 'approvals'
  | 'users' | 'sessions' | 'audit' | 'settings' | 'backups' | 'health'
  | 'security' | 'compliance' | 'sync';

export interface PageDefinition {
  id: PageId;
  label: string;
  /** What the page is for, shown on the home page's list of screens. */
  summary: string;
  /** null: every signed-in user. */
  requires: Permission | null;
  /** Detail pages (one investigation, one entity) are reached from other pages, not the menu. */
  hidden?: boolean;
}

export const PAGES: readonly PageDefinition[] = [
  { id: 'home', label: 'Home', summary: 'Your queue, the team\'s backlog, today against the forecast and unusual days; this session.', requires: null },
  { id: 'triage', label: 'Alerts', summary: 'The triage queue: filter, verdicts by keyboard, bulk actions, import.', requires: 'read_investigations' },
  { id: 'investigations', label: 'Investigations', summary: 'Cases from open to closed, with their alerts, entities, evidence and actions.', requires: 'read_investigations' },
  { id: 'investigation', label: 'Investigation', summary: 'One investigation.', requires: 'read_investigations', hidden: true },
  { id: 'entity', label: 'Entity', summary: 'One entity: its alerts, investigations and risk.', requires: 'read_investigations', hidden: true },
  { id: 'search', label: 'Search', summary: 'One search over alerts, investigations, notes, findings and entities.', requires: 'read_investigations' },
  { id: 'analytics', label: 'Analytics', summary: 'Volumes and forecast, unusual days, time to triage and resolve, backlog, SLA, rule precision, staffing and workload.', requires: 'read_investigations' },
  { id: 'approvals', label: 'Approvals', summary: 'Destructive actions waiting for a second person.', requires: 'approve_actions' },
  { id: 'users', label: 'Users', summary: 'Create accounts, change roles, disable and reset passwords.', requires: 'admin_access' },
  { id: 'sessions', label: 'Sessions', summary: 'Who is signed in, from where, and ending sessions.', requires: 'admin_access' },
  { id: 'backups', label: 'Backups', summary: 'Back up now, verify, restore the vault or one investigation, schedule and retention.', requires: 'admin_access' },
  { id: 'audit', label: 'Audit log', summary: 'Every security-relevant action, and a check that the log is untampered.', requires: 'audit_access' },
  { id: 'security', label: 'Security', summary: 'Incidents about how Vigil itself is used: failed sign-ins, mass exports, PII reveals, restores; risk per person.', requires: 'audit_access' },
  { id: 'settings', label: 'Settings', summary: 'Appearance, your password, two-factor sign-in, security policy and service levels.', requires: null },
  { id: 'health', label: 'Health', summary: 'Backups, disk, vault structure, audit chain and this process, measured; alerts to acknowledge and resolve.', requires: 'admin_access' },
  { id: 'sync', label: 'Sync', summary: 'This vault\'s sync server: enrolment, status, conflicts to settle, and the organisation\'s devices.', requires: 'read_investigations' },
  { id: 'compliance', label: 'Compliance', summary: 'Security and privacy controls checked against the vault, the compliance report, and retention.', requires: 'audit_access' },
];

export function pagesFor(permissions: readonly Permission[]): PageDefinition[] {
  return PAGES.filter((page) => page.requires === null || permissions.includes(page.requires));
}

export interface Route {
  page: PageId;
  /**
   * The id a detail page shows (#investigation/<id>), a search query (#search/<query>), or a list's
   * filter as key=value pairs (#triage/from=…&to=…&tz=…, kit/route-query.ts).
   */
  param: string | null;
}

export function routeFromHash(hash: string): Route {
  const [id = '', ...rest] = hash.replace(/^#\/?/, '').split('/');
  const page = PAGES.find((candidate) => candidate.id === id)?.id ?? 'home';
  const param = rest.length > 0 ? decodeURIComponent(rest.join('/')) : null;
  return { page, param: param === '' ? null : param };
}

/** The param is encoded whole; `= & / : +`, which a list's filter is written with, stay readable. */
export function hashFor(page: PageId, param: string | null = null): string {
  if (param === null) return `#${page}`;
  const encoded = encodeURIComponent(param).replace(/%(3D|26|2F|3A|2B)/g, (escape) => decodeURIComponent(escape));
  return `#${page}/${encoded}`;
}

