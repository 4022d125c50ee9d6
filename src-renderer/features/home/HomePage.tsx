// Home: for those who read investigations, the overview of the work — their queue, the team's
// backlog, today against the forecast, unusual days — every number from this vault, with its n and
// a link to the list behind it. Then, for everyone, a compact line on this session and the screens
// this role opens.
import { useEffect } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { PageHeader } from '../../components/PageHeader';
import { formatDateTime, formatDuration } from '../../format/time';
import { roleLabel } from '../../format/role';
import { pagesFor } from '../../kit/navigation';
import { useSessionStore } from '../../kit/session-store';
import type { SessionView } from '../../../src-shared/model';
import { PermissionList } from './PermissionList';
import { Anomalies, MyQueue, Team, TeamBacklog, Today } from './OverviewSections';
import { useOverviewStore, watchOverview } from './overview-store';
import './home.css';

export function HomePage() {
  const session = useSessionStore((state) => state.session);
  const vaultName = useSessionStore((state) => state.vaultName);
  if (!session) return <></>;
  const readsWork = session.permissions.includes('read_investigations');

  return (
    <div className="home">
      {readsWork ? <OverviewBody session={session} /> : (
        <PageHeader title={`Welcome, ${session.displayName}`} description={`Signed in to ${vaultName ?? 'this vault'} as ${session.username}.`} />
      )}
      <SessionStrip session={session} vaultName={vaultName} />
      <Screens session={session} open={!readsWork} />
    </div>
  );
}

function OverviewBody({ session }: { session: SessionView }) {
  const { overview: { data: overview, status, error }, timeZone, load } = useOverviewStore();
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => watchOverview(), []);
  return (
    <>
      <PageHeader
        title="Overview"
        description={<>Your queue and the team&apos;s, from this vault; days counted in <strong>{overview?.timeZone ?? timeZone}</strong>.</>}
        actions={<Button onClick={() => void load()} busy={status === 'loading'}>Refresh</Button>}
      />
      <ErrorBanner message={error} />
      {!overview && status !== 'failed' && <p className="muted" role="status">Counting…</p>}
      {overview && (
        <div className="overview">
          <MyQueue overview={overview} userId={session.userId} />
          <Today overview={overview} />
          <TeamBacklog overview={overview} />
          <Anomalies overview={overview} />
          <Team overview={overview} />
        </div>
      )}
    </>
  );
}

function SessionStrip({ session, vaultName }: { session: SessionView; vaultName: string | null }) {
  const version = useSessionStore((state) => state.version);
  return (
    <section className="session-strip" aria-labelledby="home-session">
      <h2 id="home-session" className="visually-hidden">This session</h2>
      <dl>
        <div><dt>Signed in as</dt><dd><span className="mono">{session.username}</span> · {roleLabel(session.role)}</dd></div>
        <div><dt>Vault</dt><dd>{vaultName}</dd></div>
        <div><dt>Since</dt><dd>{formatDateTime(session.createdAt)}</dd></div>
        <div><dt>Expires</dt><dd>{formatDateTime(session.expiresAt)}</dd></div>
        <div><dt>Idle lock</dt><dd>{formatDuration(session.idleLockSeconds)}</dd></div>
        <div>
          <dt>Two-factor</dt>
          <dd>{session.totpEnabled ? <Badge tone="success">On</Badge> : <Badge tone="warning" title="You can turn it on under Settings.">Off</Badge>}</dd>
        </div>
        {version && <div><dt>Version</dt><dd>{version}</dd></div>}
      </dl>
    </section>
  );
}

/* Plain text, not links: the navigation already links each screen, and a second link with the
   same name would make "the Users link" ambiguous for screen readers and tests alike. */
function Screens({ session, open }: { session: SessionView; open: boolean }) {
  const screens = pagesFor(session.permissions).filter((page) => page.id !== 'home' && !page.hidden);
  return (
    <details className="panel home__screens" open={open}>
      <summary>Screens available to you and what your role allows</summary>
      <dl className="screen-list">
        {screens.map((page) => (
          <div key={page.id} className="screen-list__item">
            <dt>{page.label}</dt>
            <dd>{page.summary}</dd>
          </div>
        ))}
      </dl>
      <h3>Permissions of the {roleLabel(session.role)} role</h3>
      <p className="panel__description">An administrator can change your role.</p>
      <PermissionList permissions={session.permissions} />
    </details>
  );
}
