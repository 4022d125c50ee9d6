// A plain overview of what is true right now: who is signed in, with which role, in which vault,
// until when, and the screens this role opens. No invented numbers.
import type { MouseEvent } from 'react';
import { Badge } from '../../components/Badge';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime, formatDuration } from '../../format/time';
import { roleLabel } from '../../format/role';
import { pagesFor, useNavigationStore, type PageId } from '../../app/navigation';
import { useSessionStore } from '../session/store';
import { PermissionList } from './PermissionList';

export function HomePage() {
  const session = useSessionStore((state) => state.session);
  const vaultName = useSessionStore((state) => state.vaultName);
  const version = useSessionStore((state) => state.version);
  const navigate = useNavigationStore((state) => state.navigate);
  if (!session) return <></>;

  const screens = pagesFor(session.permissions).filter((page) => page.id !== 'home');
  const go = (page: PageId) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    navigate(page);
  };

  return (
    <div className="page--narrow home">
      <PageHeader title={`Welcome, ${session.displayName}`} description={`Signed in to ${vaultName ?? 'this vault'} as ${session.username}.`} />

      <section className="panel" aria-labelledby="home-session">
        <h2 id="home-session">This session</h2>
        <dl className="facts">
          <dt>Username</dt>
          <dd className="mono">{session.username}</dd>
          <dt>Role</dt>
          <dd>{roleLabel(session.role)}</dd>
          <dt>Vault</dt>
          <dd>{vaultName}</dd>
          <dt>Signed in</dt>
          <dd>{formatDateTime(session.createdAt)}</dd>
          <dt>Session expires</dt>
          <dd>{formatDateTime(session.expiresAt)}</dd>
          <dt>Idle lock</dt>
          <dd>After {formatDuration(session.idleLockSeconds)} without activity</dd>
          <dt>Two-factor sign-in</dt>
          <dd>
            {session.totpEnabled ? (
              <Badge tone="success">On</Badge>
            ) : (
              <>
                <Badge tone="warning">Off</Badge>{' '}
                <a href="#settings" onClick={go('settings')}>
                  Turn it on in Settings
                </a>
              </>
            )}
          </dd>
          {version && (
            <>
              <dt>Vigil version</dt>
              <dd>{version}</dd>
            </>
          )}
        </dl>
      </section>

      <section className="panel" aria-labelledby="home-screens">
        <h2 id="home-screens">Screens available to you</h2>
        <ul className="screen-list">
          {screens.map((page) => (
            <li key={page.id}>
              <a href={`#${page.id}`} onClick={go(page.id)}>
                {page.label}
              </a>
              <span className="muted"> — {page.summary}</span>
            </li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-labelledby="home-permissions">
        <h2 id="home-permissions">What your role allows</h2>
        <p className="panel__description">Permissions of the {roleLabel(session.role)} role. An administrator can change your role.</p>
        <PermissionList permissions={session.permissions} />
      </section>
    </div>
  );
}
