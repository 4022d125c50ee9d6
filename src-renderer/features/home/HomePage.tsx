// A plain overview of what is true right now: who is signed in, with which role, in which vault,
// until when, and the screens this role opens. No invented numbers.
import { Badge } from '../../components/Badge';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime, formatDuration } from '../../format/time';
import { roleLabel } from '../../format/role';
import { pagesFor } from '../../kit/navigation';
import { useSessionStore } from '../../kit/session-store';
import { PermissionList } from './PermissionList';
import './home.css';

export function HomePage() {
  const session = useSessionStore((state) => state.session);
  const vaultName = useSessionStore((state) => state.vaultName);
  const version = useSessionStore((state) => state.version);
  if (!session) return <></>;

  const screens = pagesFor(session.permissions).filter((page) => page.id !== 'home');

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
                <Badge tone="warning">Off</Badge> <span className="muted">You can turn it on under Settings.</span>
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

      {/* Plain text, not links: the navigation already links each screen, and a second link with the
          same name would make "the Users link" ambiguous for screen readers and tests alike. */}
      <section className="panel" aria-labelledby="home-screens">
        <h2 id="home-screens">Screens available to you</h2>
        <p className="panel__description">In the navigation on the left.</p>
        <dl className="screen-list">
          {screens.map((page) => (
            <div key={page.id} className="screen-list__item">
              <dt>{page.label}</dt>
              <dd>{page.summary}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="panel" aria-labelledby="home-permissions">
        <h2 id="home-permissions">What your role allows</h2>
        <p className="panel__description">Permissions of the {roleLabel(session.role)} role. An administrator can change your role.</p>
        <PermissionList permissions={session.permissions} />
      </section>
    </div>
  );
}
