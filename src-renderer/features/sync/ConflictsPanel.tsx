// The conflicts the server raised when two devices changed the same thing: what it is about (an
// investigation's title links to it), both sides side by side (value, who, which device, when), and
// the choice — keep this vault's side or take the other. An empty list says so.
import { useAction } from '../../kit/use-action';
import { usePermission } from '../../kit/use-permission';
import { hashFor } from '../../kit/navigation';
import { formatAgo, formatDateTime } from '../../format/time';
import { useNow } from '../../kit/use-now';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ErrorBanner } from '../../components/Alert';
import type { SyncConflictSide, SyncConflictView, SyncDeviceView } from '../../../src-shared/sync-contract';
import { useSyncStore } from './store';
import { labelSides } from './sync-words';
import '../investigation/workspace-parts.css';

const KIND_WORDS: Readonly<Record<string, string>> = {
  text_edit: 'Edited on two devices',
  closed_elsewhere: 'Closed on another device',
  verdict: 'Two verdicts',
  deleted_edited: 'Deleted on one device, edited on another',
};

const TABLE_WORDS: Readonly<Record<string, string>> = {
  investigations: 'Investigation', alerts: 'Alert', notes: 'Note', tasks: 'Task', entities: 'Entity', findings: 'Finding',
};

export function ConflictsPanel({ ownDeviceId }: { ownDeviceId: string }) {
  const conflicts = useSyncStore((state) => state.conflicts);
  const devices = useSyncStore((state) => state.devices.data);
  const titles = useSyncStore((state) => state.titles);
  const count = conflicts.data.length;

  return (
    <section className="panel" aria-labelledby="sync-conflicts-title" data-testid="sync-conflicts">
      <h2 id="sync-conflicts-title">
        Conflicts {count > 0 && <Badge tone="warning">{count}</Badge>}
      </h2>
      <ErrorBanner message={conflicts.error} />
      {conflicts.status === 'loading' && count === 0 ? (
        <p className="muted" aria-busy="true">Reading conflicts…</p>
      ) : count === 0 ? (
        <p className="muted" data-testid="sync-conflicts-empty">No open conflicts: every change merged on its own.</p>
      ) : (
        <ul className="inv-cards">
          {conflicts.data.map((conflict) => (
            <ConflictCard key={conflict.id} conflict={conflict} title={titles[conflict.recordId] ?? null} devices={devices} ownDeviceId={ownDeviceId} />
          ))}
        </ul>
      )}
    </section>
  );
}

function ConflictCard({ conflict, title, devices, ownDeviceId }: { conflict: SyncConflictView; title: string | null; devices: readonly SyncDeviceView[]; ownDeviceId: string }) {
  const resolve = useSyncStore((state) => state.resolve);
  const action = useAction(resolve);
  const mayResolve = usePermission('modify_investigations');
  const now = useNow(30_000);
  const what = TABLE_WORDS[conflict.recordTable] ?? conflict.recordTable;
  const sides = labelSides(conflict.sides, ownDeviceId);
  // Every kind is settled by choosing a side (sync/conflicts.ts); a conflict of more than two sides is not.
  const resolvable = sides.length === 2;

  return (
    <li className="sync-conflict" data-testid="sync-conflict" data-conflict={conflict.id}>
      <div className="sync-conflict__head">
        <span className="sync-conflict__record">
          {what}{' '}
          {conflict.recordTable === 'investigations' ? (
            <a href={hashFor('investigation', conflict.recordId)} className="sync-wrap" title={title ?? conflict.recordId}>
              {title ?? conflict.recordId}
            </a>
          ) : (
            <span className="mono sync-wrap">{conflict.recordId}</span>
          )}
          {conflict.field && (
            <>
              {' · '}field <span className="mono">{conflict.field}</span>
            </>
          )}
        </span>
        <span className="sync-fine">
          {KIND_WORDS[conflict.kind] ?? conflict.kind} · raised <span title={formatDateTime(conflict.raisedAt)}>{formatAgo(conflict.raisedAt, now)}</span>
        </span>
      </div>
      <div className="sync-conflict__sides">
        {sides.map(({ side, choice, label }) => (
          <SideCard key={choice} label={label} side={side} devices={devices} />
        ))}
      </div>
      <ErrorBanner message={action.error?.message} />
      {mayResolve && resolvable && (
        <div className="form-actions">
          {sides.map(({ choice, button }, index) => (
            <Button key={choice} onClick={() => void action.run(conflict.id, choice)} busy={action.pending} data-testid={index === 0 ? 'sync-keep-first' : 'sync-take-second'}>
              {button}
            </Button>
          ))}
        </div>
      )}
      {!resolvable && <p className="sync-fine">This conflict is settled by editing the record itself.</p>}
    </li>
  );
}

function SideCard({ label, side, devices }: { label: string; side: SyncConflictSide; devices: readonly SyncDeviceView[] }) {
  const device = devices.find((d) => d.id === side.device);
  const value = typeof side.value === 'string' ? side.value : JSON.stringify(side.value);
  return (
    <div className="sync-side" data-testid="sync-side">
      <div className="sync-side__label">{label}</div>
      <div className="sync-side__value" data-testid="sync-side-value">{value === '' ? <span className="muted">(empty)</span> : value}</div>
      <dl className="sync-facts sync-facts--fine">
        <dt>Who</dt>
        <dd className="sync-wrap">{device?.memberName ?? side.memberId ?? '—'}</dd>
        <dt>Device</dt>
        <dd className="sync-wrap" title={side.device}>{device?.name ?? side.device}</dd>
        <dt>When</dt>
        <dd>{side.at === undefined ? '—' : formatDateTime(side.at)}</dd>
      </dl>
    </div>
  );
}
