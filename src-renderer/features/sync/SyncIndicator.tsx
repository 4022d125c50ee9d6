// The sync state in the top bar of every screen: a dot and a word (with a first sync's progress),
// when the vault last synced, changes waiting to send, and a clock that needs fixing. Live from the
// `sync.status` event; a link to the Sync screen. A vault that does not sync shows nothing here:
// its administrators reach the Sync screen from the menu.
import { useEffect, type MouseEvent } from 'react';
import { formatAgo, formatDateTime } from '../../format/time';
import { useNavigationStore } from '../../kit/navigation';
import { useNow } from '../../kit/use-now';
import { usePermission } from '../../kit/use-permission';
import type { SyncStatus } from '../../../src-shared/sync-contract';
import { CLOCK_SKEW_WORTH_SAYING_MS, SYNC_STATE_WORDS, filesMoving, filesWords, pendingText, progressPercent, skewText } from './sync-words';
import { useSyncStore } from './store';
import './sync.css';

export function SyncIndicator() {
  const status = useSyncStore((state) => state.status);
  const loadStatus = useSyncStore((state) => state.loadStatus);
  const loadConflicts = useSyncStore((state) => state.loadConflicts);
  const mayReadConflicts = usePermission('read_investigations');
  const syncing = status !== null && status.state !== 'off';
  const navigate = useNavigationStore((state) => state.navigate);
  const now = useNow(15_000);

  useEffect(() => {
    // Read once; the event keeps it current. A failed read leaves the indicator hidden until the next event.
    if (useSyncStore.getState().status === null) loadStatus().catch(() => undefined);
  }, [loadStatus]);

  useEffect(() => {
    // The menu's conflict count, once a syncing vault is known; rounds reread it (store.receive).
    if (syncing && mayReadConflicts && useSyncStore.getState().conflicts.status === 'idle') void loadConflicts();
  }, [syncing, mayReadConflicts, loadConflicts]);

  if (!status || status.state === 'off') return null;

  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    navigate('sync');
  };
  const { word } = SYNC_STATE_WORDS[status.state];
  // A first sync's records, else the round's evidence files: what a long round is busy with.
  const percent = status.state === 'syncing' ? progressPercent(status.progress) ?? filesPercent(status) : null;
  const clockOff = status.state !== 'clock_ahead' && status.clockSkewMs !== null && Math.abs(status.clockSkewMs) >= CLOCK_SKEW_WORTH_SAYING_MS;
  const last = status.lastSyncedAt === null ? 'never synced' : `synced ${formatAgo(status.lastSyncedAt, now)}`;

  return (
    <a href="#sync" className="sync-indicator" data-state={status.state} data-testid="sync-indicator" onClick={open} title={tooltip(status)}>
      <span className={`sync-dot sync-dot--${status.state}`} aria-hidden="true" />
      <span className="sync-indicator__word">
        <span className="visually-hidden">Sync: </span>
        {word}
        {percent !== null && ` ${percent} %`}
      </span>
      <span className="sync-indicator__detail">{last}</span>
      {status.pendingChanges > 0 && (
        <span className="sync-indicator__pending" data-testid="sync-indicator-pending">
          <span aria-hidden="true">↑</span>
          {status.pendingChanges.toLocaleString()}
          <span className="visually-hidden"> {status.pendingChanges === 1 ? 'change' : 'changes'} waiting to send</span>
        </span>
      )}
      {clockOff && <span className="sync-indicator__clock">clock {skewText(status.clockSkewMs).replace(' the server', '')}</span>}
    </a>
  );
}

/** Everything at once, for the pointer: the absolute time of the last sync, the outbox, the clock, the error. */
function tooltip(status: SyncStatus): string {
  const lines = [
    `Sync: ${SYNC_STATE_WORDS[status.state].word}`,
    status.lastSyncedAt === null ? 'Never synced' : `Last synced ${formatDateTime(status.lastSyncedAt)}`,
    `Outbox: ${pendingText(status.pendingChanges)}`,
    `Clock: ${skewText(status.clockSkewMs)}`,
  ];
  const files = filesMoving(status);
  if (files) lines.push(filesWords(files).text);
  if (status.lastError) lines.push(`Last error: ${status.lastError.code}: ${status.lastError.message}`);
  return lines.join('\n');
}

function filesPercent(status: SyncStatus): number | null {
  const files = filesMoving(status);
  return files ? filesWords(files).percent : null;
}
