// Accounts of this vault, for administrators: list, create, change role, disable/enable, reset.
import { useEffect, useRef, useState } from 'react';
import { ErrorBanner } from '../../components/Alert';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { DataTable, type Column } from '../../components/DataTable';
import { PageHeader } from '../../components/PageHeader';
import { formatDate, formatDateTime } from '../../format/time';
import { useNow } from '../../kit/use-now';
import type { UserView } from '../../../src-shared/model';
import type { Role } from '../../../src-shared/permissions';
import { useSessionStore } from '../../kit/session-store';
import { useUsersStore } from './store';
import { grantableRoles, mayManage, userStatus } from './user-status';
import { NewUserForm } from './NewUserForm';
import { OneTimePasswordDialog } from './OneTimePasswordDialog';
import { UserRoleCell } from './UserRoleCell';
import { UserActions } from './UserActions';
import './users.css';

export function UsersPage() {
  const session = useSessionStore((state) => state.session);
  const { users: { data: users, status, error }, issued, load, dismissIssued } = useUsersStore();
  const [creating, setCreating] = useState(false);
  const newUserButton = useRef<HTMLButtonElement>(null);
  const now = useNow();

  useEffect(() => {
    void load();
  }, [load]);

  if (!session) return <></>;
  const me = { userId: session.userId, role: session.role };
  const roles = grantableRoles(session.role);
  const columns = userColumns(me, roles, now);

  return (
    <div className="page--table">
      <PageHeader
        title="Users"
        description={status === 'ready' ? `${users.length} ${users.length === 1 ? 'account' : 'accounts'} in this vault.` : 'Accounts in this vault.'}
        actions={
          <>
            <Button onClick={() => void load()} busy={status === 'loading'}>
              Refresh
            </Button>
            <Button ref={newUserButton} variant="primary" onClick={() => setCreating(true)} aria-expanded={creating}>
              New user
            </Button>
          </>
        }
      />
      {creating && <NewUserForm ownRole={session.role} onDone={() => setCreating(false)} />}
      <ErrorBanner message={error} />
      <DataTable
        label="Users"
        columns={columns}
        rows={users}
        rowKey={(user) => user.id}
        loading={status === 'loading' || status === 'idle'}
        emptyMessage="No users yet."
        testId="users-table"
      />
      {issued && <OneTimePasswordDialog issued={issued} onClose={dismissIssued} returnFocusTo={newUserButton} />}
    </div>
  );
}

function userColumns(me: { userId: string; role: Role }, roles: readonly Role[], now: number): Column<UserView>[] {
  return [
    { id: 'username', header: 'Username', rowHeader: true, mono: true, width: '110px', cell: (u) => u.username, fullText: (u) => u.username },
    {
      id: 'name',
      header: 'Name',
      cell: (u) => (u.id === me.userId ? `${u.displayName} (you)` : u.displayName),
      fullText: (u) => u.displayName,
    },
    { id: 'role', header: 'Role', width: '236px', cell: (u) => <UserRoleCell user={u} roles={roles} editable={mayManage(me, u)} /> },
    {
      id: 'status',
      header: 'Status',
      width: '184px',
      cell: (u) => {
        const status = userStatus(u, now);
        return (
          <Badge tone={status.tone} title={status.detail}>
            {status.label}
          </Badge>
        );
      },
    },
    { id: 'totp', header: '2FA', width: '68px', cell: (u) => (u.totpEnabled ? <Badge tone="success">On</Badge> : <Badge>Off</Badge>) },
    { id: 'created', header: 'Created', width: '100px', cell: (u) => formatDate(u.createdAt), fullText: (u) => formatDateTime(u.createdAt) },
    { id: 'actions', header: 'Actions', width: '216px', cell: (u) => (mayManage(me, u) ? <UserActions user={u} /> : <span className="muted">—</span>) },
  ];
}
