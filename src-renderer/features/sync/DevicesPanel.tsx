// The organisation's devices as the sync server lists them (administrators whose member is an admin
// there): name, state, member, enrolled, last seen; Revoke after a confirmation. The state is Active or
// Revoked and, for a device whose audit log no longer matches the server's copy (docs/SYNC.md, "Audit
// rows"), "Audit log changed" with what changed, at which entry and when the server last found it, in
// text rather than a tooltip so a keyboard or screen reader user gets it too.
import { useEffect, useRef, useState } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { formatAgo, formatDateTime } from '../../format/time';
import { useAction } from '../../kit/use-action';
import { useNow } from '../../kit/use-now';
import type { SyncDeviceAuditMismatch, SyncDeviceView } from '../../../src-shared/sync-contract';
import { ServerTable } from './ServerTable';
import { useSyncStore } from './store';
import { AUDIT_MISMATCH_BADGE, auditMismatchWords } from './sync-words';

// The state comes right after the name: in an 800 px window the table scrolls sideways, and a revoked
// device or a changed audit log must show without scrolling. It holds two badges and, for a changed
// log, two short lines: wide enough for both badges on one line at the table's least width (960 px).
const DEVICE_COLUMNS = [
  { title: 'Device', width: '28%' }, { title: 'State', width: '24%' }, { title: 'Member', width: '16%' },
  { title: 'Enrolled', width: '11%' }, { title: 'Last seen', width: '11%' }, { title: null, width: '10%' },
] as const;

export function DevicesPanel({ ownDeviceId }: { ownDeviceId: string }) {
  const devices = useSyncStore((state) => state.devices);
  const loadDevices = useSyncStore((state) => state.loadDevices);
  const revoke = useSyncStore((state) => state.revoke);
  const action = useAction(revoke);
  const [confirming, setConfirming] = useState<SyncDeviceView | null>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const now = useNow(30_000);

  useEffect(() => {
    void loadDevices();
  }, [loadDevices]);

  return (
    <section className="panel" aria-labelledby="sync-devices-title" data-testid="sync-devices">
      <div className="sync-panel__head">
        <h2 id="sync-devices-title">Devices</h2>
        <Button size="sm" variant="ghost" onClick={() => void loadDevices()} busy={devices.status === 'loading'}>
          Refresh
        </Button>
      </div>
      <p className="panel__description">Every device enrolled in the organisation. A revoked device can no longer send or receive; its vault keeps what it has.</p>
      <ErrorBanner message={devices.error ?? action.error?.message} />
      <ServerTable slot={devices} noun="devices" caption="The organisation's devices" className="sync-devices" columns={DEVICE_COLUMNS}>
        {devices.data.map((device) => (
          <tr
            key={device.id}
            data-testid="sync-device-row"
            data-revoked={device.revokedAt === null ? 'no' : 'yes'}
            data-audit-mismatch={device.auditMismatch === null ? 'no' : 'yes'}
          >
            <th scope="row">
              <span className="sync-ellipsis" title={device.name}>{device.name}</span>
              {device.id === ownDeviceId && <> <Badge tone="info">this vault</Badge></>}
              <div className="mono sync-fine sync-id" title={device.id}>{device.id}</div>
            </th>
            <td>
              <div className="sync-devices__state">
                {device.revokedAt === null ? <Badge tone="success">Active</Badge> : <Badge tone="danger" title={formatDateTime(device.revokedAt)}>Revoked</Badge>}
                {device.auditMismatch && <Badge tone="danger">{AUDIT_MISMATCH_BADGE}</Badge>}
              </div>
              {device.auditMismatch && <AuditMismatchLines mismatch={device.auditMismatch} now={now} />}
            </td>
            <td><span className="sync-ellipsis" title={device.memberName}>{device.memberName}</span></td>
            <td title={formatDateTime(device.enrolledAt)}>{formatAgo(device.enrolledAt, now)}</td>
            <td title={device.lastSeenAt === null ? undefined : formatDateTime(device.lastSeenAt)}>
              {device.lastSeenAt === null ? 'Never' : formatAgo(device.lastSeenAt, now)}
            </td>
            <td className="sync-devices__actions">
              {device.revokedAt === null && (
                <Button
                  size="sm"
                  variant="danger"
                  onClick={(event) => {
                    returnTo.current = event.currentTarget;
                    setConfirming(device);
                  }}
                >
                  Revoke…
                </Button>
              )}
            </td>
          </tr>
        ))}
      </ServerTable>
      {confirming && (
        <Dialog
          title={`Revoke ${confirming.name}?`}
          size="sm"
          onClose={() => setConfirming(null)}
          returnFocusTo={returnTo}
          footer={
            <>
              <Button onClick={() => setConfirming(null)}>Cancel</Button>
              <Button variant="danger" busy={action.pending} onClick={() => void action.run(confirming.id).then((ok) => ok && setConfirming(null))}>
                Revoke device
              </Button>
            </>
          }
        >
          <p>
            {confirming.id === ownDeviceId
              ? 'This is this vault\'s own device: once revoked, this vault stops syncing until it is enrolled again with a new token.'
              : `${confirming.memberName}'s device stops syncing at its next round and cannot be enrolled again with its credential.`}{' '}
            Its vault keeps what it already has. This cannot be undone.
          </p>
        </Dialog>
      )}
    </section>
  );
}

/** What changed in the device's audit log, then when the server last found it (the exact time on hover). */
function AuditMismatchLines({ mismatch, now }: { mismatch: SyncDeviceAuditMismatch; now: number }) {
  const { what, found } = auditMismatchWords(mismatch, now);
  return (
    <p className="sync-fine sync-devices__audit" data-testid="sync-device-audit">
      <span className="sync-devices__audit-what">{what}</span>{' '}
      <span title={formatDateTime(mismatch.at)}>{found}</span>
    </p>
  );
}
