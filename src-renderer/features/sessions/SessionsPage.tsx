// Every live session in the vault, for administrators; any but the current one can be ended.
import { useEffect } from 'react';
import { Alert, ErrorBanner } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { DataTable, type Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { formatAgo, formatDateTime } from '../../format/time';
import { useAction } from '../../kit/use-action';
import { useNow } from '../../kit/use-now';
import type { SessionState, SessionSummary } from '../../../src-shared/model';
import type { BadgeTone } from '../../components/Badge';
import { useSessionsStore } from './store';

const STATE_LABELS: Readonly<Record<SessionState, { label: string; tone: BadgeTone }>> = {
  active: { label: 'Active', tone: 'success' },
  locked: { label: 'Locked', tone: 'neutral' },
  totp_required: { label: 'Waiting for 2FA code', tone: 'info' },
  password_change_required: { label: 'Changing password', tone: 'info' },
  recovery_key_unconfirmed: { label: 'Confirming recovery key', tone: 'info' },
};

export function SessionsPage() {
  const { sessions: { data: sessions, status, error }, loadedAt, load } = useSessionsStore();
  const now = useNow(15_000);

  useEffect(() => {
    void load();
  }, [load]);

  const others = sessions.filter((session) => !session.current);
  return (
    <div className="page--table">
      <PageHeader
        title="Sessions"
        description={
          loadedAt ? `Everyone signed in to this vault, as of ${formatAgo(loadedAt, now)}. Ending a session signs that window out at once.` : 'Everyone signed in to this vault.'
        }
        actions={
          <Button onClick={() => void load()} busy={status === 'loading'}>
            Refresh
          </Button>
        }
      />
      <ErrorBanner message={error} />
      {status === 'ready' && others.length === 0 && <Alert tone="info">No other sessions. Only this one is open.</Alert>}
      <DataTable
        label="Sessions"
        columns={sessionColumns(now)}
        rows={sessions}
        rowKey={(session) => session.sessionId}
        loading={status === 'loading' || status === 'idle'}
        emptyMessage="No sessions."
        testId="sessions-table"
      />
    </div>
  );
}

function sessionColumns(now: number): Column<SessionSummary>[] {
  return [
    { id: 'user', header: 'User', rowHeader: true, mono: true, cell: (s) => s.username, fullText: (s) => s.username },
    {
      id: 'state',
      header: 'State',
      width: '230px',
      cell: (s) => (
        <>
          <Badge tone={STATE_LABELS[s.state].tone}>{STATE_LABELS[s.state].label}</Badge>
          {s.current && <> <Badge tone="info">This session</Badge></>}
        </>
      ),
    },
    { id: 'client', header: 'Client', width: '96px', cell: (s) => s.client, fullText: (s) => s.client },
    { id: 'started', header: 'Started', width: '150px', cell: (s) => formatDateTime(s.createdAt), fullText: (s) => formatDateTime(s.createdAt) },
    { id: 'active', header: 'Last active', width: '110px', cell: (s) => formatAgo(s.lastActiveAt, now), fullText: (s) => formatDateTime(s.lastActiveAt) },
    { id: 'expires', header: 'Expires', width: '150px', cell: (s) => formatDateTime(s.expiresAt), fullText: (s) => formatDateTime(s.expiresAt) },
    { id: 'actions', header: 'Actions', width: '140px', cell: (s) => (s.current ? <span className="muted">Current</span> : <EndSessionButton session={s} />) },
  ];
}

function EndSessionButton({ session }: { session: SessionSummary }) {
  const end = useSessionsStore((state) => state.end);
  const action = useAction(end);
  return (
    <div className="cell-actions">
      <Button size="sm" variant="danger" onClick={() => void action.run(session.sessionId)} busy={action.pending}>
        End session
      </Button>
      {action.error && (
        <p role="alert" className="field__error">
          {action.error.message}
        </p>
      )}
    </div>
  );
}
