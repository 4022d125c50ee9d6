// The Sync screen: this vault's server (the enrol form for an administrator when there is none),
// the status in detail, the conflicts to settle, and the organisation's devices and members
// (administrators).
import { useEffect, useRef, useState } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { PageHeader } from '../../components/PageHeader';
import { formatAgo, formatDateTime } from '../../format/time';
import { useAction } from '../../kit/use-action';
import { useNow } from '../../kit/use-now';
import { usePermission } from '../../kit/use-permission';
import { ROLES, roleHas } from '../../../src-shared/permissions';
import type { EvidenceFileProgress, SyncEnrolmentDetail, SyncStatus } from '../../../src-shared/sync-contract';
import { ConflictsPanel } from './ConflictsPanel';
import { DevicesPanel } from './DevicesPanel';
import { EnrolForm } from './EnrolForm';
import { MembersPanel } from './MembersPanel';
import { SYNC_STATE_WORDS, auditWords, clockWords, filesMoving, filesWords, pendingText, progressPercent, skewText } from './sync-words';
import { useSyncStore } from './store';
import './sync.css';

export function SyncPage() {
  const status = useSyncStore((state) => state.status);
  const enrolment = useSyncStore((state) => state.enrolment);
  const { loadStatus, loadEnrolment, loadConflicts } = useSyncStore.getState();
  const isAdmin = usePermission('admin_access');

  useEffect(() => {
    void loadStatus().catch(() => undefined);
    void loadEnrolment();
    void loadConflicts();
  }, [loadStatus, loadEnrolment, loadConflicts]);

  const enrolled = enrolment.data;
  const loading = enrolment.status === 'idle' || (enrolment.status === 'loading' && enrolled === null);

  return (
    <div className="sync-page" data-testid="sync-page" data-enrolled={enrolled ? 'yes' : 'no'}>
      <PageHeader
        title="Sync"
        description="This vault's copy of the organisation's cases: sent to and received from your sync server, with the conflicts two devices' edits raised."
        actions={enrolled && status ? <SyncActions status={status} /> : undefined}
      />
      <ErrorBanner message={enrolment.error} />
      {loading ? (
        <p className="muted" aria-busy="true">Reading this vault&apos;s sync settings…</p>
      ) : enrolled ? (
        <>
          <div className="sync-page__top">
            <ServerPanel enrolment={enrolled} />
            {status && <StatusPanel status={status} />}
          </div>
          <ConflictsPanel ownDeviceId={enrolled.deviceId} />
          {isAdmin && managesAtServer(enrolled) && (
            <>
              <DevicesPanel ownDeviceId={enrolled.deviceId} />
              <MembersPanel serverUrl={enrolled.serverUrl} ownMemberId={enrolled.device?.memberId ?? null} />
            </>
          )}
        </>
      ) : isAdmin ? (
        <EnrolForm />
      ) : (
        <section className="panel">
          <h2>Not syncing</h2>
          <p className="panel__description">This vault is not enrolled with a sync server. An administrator of this vault can enrol it here.</p>
        </section>
      )}
    </div>
  );
}

/**
 * Whether this device's member may administer the organisation at the server (its role there, not
 * this vault's): only then do the devices and members panels have anything to show.
 */
function managesAtServer(enrolment: SyncEnrolmentDetail): boolean {
  const role = ROLES.find((known) => known === enrolment.device?.role);
  return role !== undefined && roleHas(role, 'admin_access');
}

/** Sync now (anyone who edits), Pause / Resume and Disconnect (administrators). */
function SyncActions({ status }: { status: SyncStatus }) {
  const { syncNow, pause, resume, disconnect } = useSyncStore.getState();
  const mayEdit = usePermission('modify_investigations');
  const isAdmin = usePermission('admin_access');
  const now = useAction(syncNow);
  const toggle = useAction(status.state === 'paused' ? resume : pause);
  const leave = useAction(disconnect);
  const [confirming, setConfirming] = useState(false);
  const disconnectButton = useRef<HTMLButtonElement>(null);
  const error = now.error ?? toggle.error ?? leave.error;

  return (
    <div className="sync-actions">
      {mayEdit && (
        <Button variant="primary" onClick={() => void now.run()} busy={now.pending || status.state === 'syncing'} disabled={status.state === 'paused'} data-testid="sync-now">
          Sync now
        </Button>
      )}
      {isAdmin && (
        <>
          <Button onClick={() => void toggle.run()} busy={toggle.pending} data-testid="sync-pause">
            {status.state === 'paused' ? 'Resume' : 'Pause'}
          </Button>
          <Button ref={disconnectButton} variant="danger" onClick={() => setConfirming(true)} data-testid="sync-disconnect">
            Disconnect…
          </Button>
        </>
      )}
      {error && <p role="alert" className="field__error sync-actions__error">{error.message}</p>}
      {confirming && (
        <Dialog
          title="Disconnect this vault from its sync server?"
          size="sm"
          onClose={() => setConfirming(false)}
          returnFocusTo={disconnectButton}
          testId="sync-disconnect-dialog"
          footer={
            <>
              <Button onClick={() => setConfirming(false)}>Cancel</Button>
              <Button variant="danger" busy={leave.pending} onClick={() => void leave.run().then((ok) => ok && setConfirming(false))} data-testid="sync-disconnect-confirm">
                Disconnect
              </Button>
            </>
          }
        >
          <p>
            This vault stops syncing and forgets the server&apos;s address and its device credential. Nothing is deleted: changes not yet
            sent stay in the outbox ({pendingText(status.pendingChanges)}), and enrolling again with the same server sends them.
          </p>
        </Dialog>
      )}
    </div>
  );
}

function ServerPanel({ enrolment }: { enrolment: SyncEnrolmentDetail }) {
  // The member's name as the server says it; from an older server, the organisation's device list (administrators); else their id.
  const listedName = useSyncStore((state) => state.devices.data.find((d) => d.id === enrolment.deviceId)?.memberName ?? null);
  const memberName = enrolment.device?.memberName ?? listedName;
  return (
    <section className="panel sync-panel" aria-labelledby="sync-server-title" data-testid="sync-server">
      <h2 id="sync-server-title">Server</h2>
      <dl className="sync-facts">
        <dt>Address</dt>
        <dd className="mono sync-wrap" data-testid="sync-server-url">{enrolment.serverUrl}</dd>
        <dt>Organisation</dt>
        <dd className="sync-wrap" data-testid="sync-organisation">
          {enrolment.organisation ? enrolment.organisation.name : <span className="muted">—</span>}
        </dd>
        <dt>This device</dt>
        <dd>
          {enrolment.device ? enrolment.device.name : <span className="muted">—</span>}
          <div className="mono sync-fine sync-wrap" title="Device id">{enrolment.deviceId}</div>
        </dd>
        <dt>Member</dt>
        <dd>
          {enrolment.device ? (
            <>
              {memberName ?? <span className="mono sync-wrap">{enrolment.device.memberId}</span>} <Badge>{enrolment.device.role}</Badge>
            </>
          ) : (
            <span className="muted">—</span>
          )}
        </dd>
      </dl>
      {enrolment.deviceError && (
        <p className="sync-fine" role="status">
          The server did not say who this device is ({enrolment.deviceError.code}): {enrolment.deviceError.message}
        </p>
      )}
    </section>
  );
}

/** Evidence files moving in this round: which of them, and the bytes done of their sizes. */
function FilesProgress({ files }: { files: EvidenceFileProgress }) {
  const { text, percent } = filesWords(files);
  return (
    <div className="sync-progress" data-testid="sync-files">
      <label htmlFor="sync-files-bar">{percent === null ? text : `${text} (${percent} %)`}</label>
      <progress id="sync-files-bar" max={files.bytes} value={files.bytesDone} />
    </div>
  );
}

function StatusPanel({ status }: { status: SyncStatus }) {
  const now = useNow(15_000);
  const { word, tone } = SYNC_STATE_WORDS[status.state];
  const percent = progressPercent(status.progress);
  const files = filesMoving(status);
  const clock = clockWords(status);
  const audit = auditWords(status);
  return (
    <section className="panel sync-panel" aria-labelledby="sync-status-title" data-testid="sync-status">
      <h2 id="sync-status-title">Status</h2>
      <dl className="sync-facts">
        <dt>State</dt>
        <dd data-testid="sync-state" data-state={status.state}>
          <span className={`sync-dot sync-dot--${status.state}`} aria-hidden="true" />
          <Badge tone={tone}>{word}</Badge>
        </dd>
        <dt>Last synced</dt>
        <dd title={status.lastSyncedAt === null ? undefined : formatDateTime(status.lastSyncedAt)}>
          {status.lastSyncedAt === null ? 'Never' : `${formatAgo(status.lastSyncedAt, now)} (${formatDateTime(status.lastSyncedAt)})`}
        </dd>
        <dt>Outbox</dt>
        <dd data-testid="sync-pending">{pendingText(status.pendingChanges)}</dd>
        <dt>Clock</dt>
        <dd>{skewText(status.clockSkewMs)}</dd>
        <dt>Audit log</dt>
        <dd data-testid="sync-audit" data-matches={audit ? String(!audit.problem) : undefined}>
          {audit === null ? 'not checked yet' : audit.problem ? 'changed since it was sent' : audit.text}
        </dd>
      </dl>
      {percent !== null && status.progress && (
        <div className="sync-progress">
          <label htmlFor="sync-progress-bar">
            First sync: {status.progress.done.toLocaleString()} of {status.progress.total.toLocaleString()} ({percent} %)
          </label>
          <progress id="sync-progress-bar" max={status.progress.total} value={status.progress.done} />
        </div>
      )}
      {files && <FilesProgress files={files} />}
      {clock && <p className={status.state === 'clock_ahead' ? 'sync-problem' : 'sync-fine'} data-testid="sync-clock">{clock}</p>}
      {audit?.problem && <p className="sync-problem sync-wrap" data-testid="sync-audit-problem">Audit log {audit.text}</p>}
      {status.state === 'update_required' && (
        <p className="sync-problem">The sync server needs a newer version of Vigil. Syncing stays stopped until this app is updated; nothing is lost meanwhile.</p>
      )}
      {status.state === 'offline' && (
        <p className="sync-fine">The server does not answer. Vigil keeps trying; changes wait in the outbox meanwhile.</p>
      )}
      {status.lastError && (
        <p className="sync-problem sync-wrap" data-testid="sync-last-error">
          <span className="mono">{status.lastError.code}</span>: {status.lastError.message}
        </p>
      )}
    </section>
  );
}
