// The organisation's members as the sync server lists them (administrators whose member is an admin
// there): name, role, added, state. An administrator adds a member, hands them a one-time enrolment
// token for their next device (shown once: this vault keeps no copy), and disables or enables them.
// The server decides what an admin may do (no role above their own); its refusal is shown as it says.
import { useEffect, useRef, useState, type RefObject, type SubmitEvent } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { SecretValue } from '../../components/SecretValue';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { fieldText } from '../../components/native-form';
import { roleLabel } from '../../format/role';
import { formatAgo, formatDateTime, formatDuration } from '../../format/time';
import { useAction } from '../../kit/use-action';
import { useNow } from '../../kit/use-now';
import { ROLES } from '../../../src-shared/permissions';
import type { SyncEnrolTokenView, SyncMemberView } from '../../../src-shared/sync-contract';
import { ServerTable } from './ServerTable';
import { useSyncStore } from './store';

type Open =
  | { kind: 'add' }
  | { kind: 'token'; member: SyncMemberView; token: SyncEnrolTokenView }
  | { kind: 'disable'; member: SyncMemberView };

const MEMBER_COLUMNS = [
  { title: 'Member', width: '38%' }, { title: 'Role', width: '16%' }, { title: 'Added', width: '12%' },
  { title: 'State', width: '10%' }, { title: null, width: '24%' },
] as const;

export function MembersPanel({ serverUrl, ownMemberId }: { serverUrl: string; ownMemberId: string | null }) {
  const members = useSyncStore((state) => state.members);
  const { loadMembers, setMemberDisabled, createEnrolToken } = useSyncStore.getState();
  const [open, setOpen] = useState<Open | null>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const now = useNow(30_000);
  const token = useAction(async (member: SyncMemberView) => setOpen({ kind: 'token', member, token: await createEnrolToken(member.id) }));
  const state = useAction(setMemberDisabled);

  useEffect(() => {
    void loadMembers();
  }, [loadMembers]);

  const close = () => setOpen(null);

  return (
    <section className="panel" aria-labelledby="sync-members-title" data-testid="sync-members">
      <div className="sync-panel__head">
        <h2 id="sync-members-title">Members</h2>
        <div className="sync-panel__actions">
          <Button size="sm" variant="ghost" onClick={() => void loadMembers()} busy={members.status === 'loading'}>
            Refresh
          </Button>
          <Button
            size="sm"
            onClick={(event) => {
              returnTo.current = event.currentTarget;
              setOpen({ kind: 'add' });
            }}
            data-testid="sync-member-add"
          >
            Add member…
          </Button>
        </div>
      </div>
      <p className="panel__description">
        The people of the organisation at the server, and what their devices may do there. A member enrols each device with a
        one-time token from here; a disabled member&apos;s devices are refused at their next request.
      </p>
      <ErrorBanner message={members.error ?? token.error?.message ?? state.error?.message} />
      <ServerTable slot={members} noun="members" caption="The organisation's members" className="sync-members" columns={MEMBER_COLUMNS}>
        {members.data.map((member) => (
          <tr key={member.id} data-testid="sync-member-row" data-disabled={member.disabledAt === null ? 'no' : 'yes'}>
            <th scope="row">
              <span className="sync-ellipsis" title={member.name}>{member.name}</span>
              {member.id === ownMemberId && <> <Badge tone="info">you</Badge></>}
              <div className="mono sync-fine sync-id" title={member.id}>{member.id}</div>
            </th>
            <td>{roleLabel(member.role)}</td>
            <td title={formatDateTime(member.createdAt)}>{formatAgo(member.createdAt, now)}</td>
            <td>
              {member.disabledAt === null
                ? <Badge tone="success">Active</Badge>
                : <Badge tone="danger" title={formatDateTime(member.disabledAt)}>Disabled</Badge>}
            </td>
            <td className="sync-devices__actions">
              {member.disabledAt === null ? (
                <>
                  <Button
                    size="sm"
                    busy={token.pending}
                    onClick={(event) => {
                      returnTo.current = event.currentTarget;
                      void token.run(member);
                    }}
                    data-testid="sync-member-token"
                  >
                    Enrolment token
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={(event) => {
                      returnTo.current = event.currentTarget;
                      setOpen({ kind: 'disable', member });
                    }}
                  >
                    Disable…
                  </Button>
                </>
              ) : (
                <Button size="sm" variant="ghost" busy={state.pending} onClick={() => void state.run(member.id, false)}>
                  Enable
                </Button>
              )}
            </td>
          </tr>
        ))}
      </ServerTable>
      {open?.kind === 'add' && <AddMemberDialog onClose={close} returnTo={returnTo} />}
      {open?.kind === 'token' && <TokenDialog member={open.member} token={open.token} serverUrl={serverUrl} now={now} onClose={close} returnTo={returnTo} />}
      {open?.kind === 'disable' && (
        <Dialog
          title={`Disable ${open.member.name}?`}
          size="sm"
          onClose={close}
          returnFocusTo={returnTo}
          footer={
            <>
              <Button onClick={close}>Cancel</Button>
              <Button variant="danger" busy={state.pending} onClick={() => void state.run(open.member.id, true).then((ok) => ok && close())}>
                Disable member
              </Button>
            </>
          }
        >
          <p>
            {open.member.id === ownMemberId
              ? 'This is your own member: this vault and your other devices stop syncing at their next request, and only another administrator can enable you again.'
              : `Every device of ${open.member.name} is refused at its next request: it no longer sends or receives.`}{' '}
            Their vaults keep what they have.
          </p>
        </Dialog>
      )}
    </section>
  );
}

function AddMemberDialog({ onClose, returnTo }: { onClose: () => void; returnTo: RefObject<HTMLElement | null> }) {
  const addMember = useSyncStore((state) => state.addMember);
  const action = useAction(addMember);
  const submit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const role = ROLES.find((known) => known === fieldText(data, 'role')) ?? 'analyst';
    if (await action.run(fieldText(data, 'name'), role)) onClose();
  };
  return (
    <Dialog
      title="Add a member"
      size="sm"
      onClose={onClose}
      returnFocusTo={returnTo}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" form="sync-member-form" variant="primary" busy={action.pending} data-testid="sync-member-add-submit">
            Add member
          </Button>
        </>
      }
    >
      <form id="sync-member-form" className="form-stack" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorBanner message={action.error?.message} />
        <TextField label="Name" name="name" required maxLength={120} autoFocus error={action.error?.fields['name']} data-testid="sync-member-name" />
        <SelectField label="Role at the server" name="role" defaultValue="analyst" hint="What their devices may read and write. You grant roles up to your own." data-testid="sync-member-role">
          {ROLES.map((role) => <option key={role} value={role}>{roleLabel(role)}</option>)}
        </SelectField>
      </form>
    </Dialog>
  );
}

interface TokenDialogProps {
  member: SyncMemberView;
  token: SyncEnrolTokenView;
  serverUrl: string;
  now: number;
  onClose: () => void;
  returnTo: RefObject<HTMLElement | null>;
}

function TokenDialog({ member, token, serverUrl, now, onClose, returnTo }: TokenDialogProps) {
  return (
    <Dialog
      title={`Enrolment token for ${member.name}`}
      onClose={onClose}
      returnFocusTo={returnTo}
      footer={<Button variant="primary" onClick={onClose}>Done</Button>}
    >
      <p>
        On {member.name}&apos;s device: Sync, then <strong>Enrol with a sync server</strong>, with this server&apos;s address and the token.
        It enrols one device, once, until {formatDateTime(token.expiresAt)} (in {formatDuration(Math.round((token.expiresAt - now) / 60_000) * 60)}).
      </p>
      <dl className="sync-token">
        <dt>Server address</dt>
        <dd><SecretValue value={serverUrl} label="Server address" size="md" /></dd>
        <dt>Enrolment token</dt>
        <dd><SecretValue value={token.token} label="Enrolment token" size="md" testId="sync-member-token-value" /></dd>
      </dl>
      <p className="muted">This is the only time it is shown: this vault keeps no copy. Send it to {member.name} over a channel you trust.</p>
    </Dialog>
  );
}
