// The role's permissions in words, so a user can see why a screen is or is not there.
import type { Permission } from '../../../src-shared/permissions';

const PERMISSION_LABELS: Readonly<Record<Permission, string>> = {
  read_investigations: 'Read investigations',
  create_investigations: 'Create investigations',
  modify_investigations: 'Modify investigations',
  access_pii: 'See personal data',
  export_data: 'Export data',
  delete_investigations: 'Delete investigations',
  approve_actions: 'Approve actions',
  admin_access: 'Manage users and sessions',
  audit_access: 'Read and verify the audit log',
  system_config: 'Change security policy and the recovery key',
};

export function PermissionList({ permissions }: { permissions: readonly Permission[] }) {
  return (
    <ul className="permission-list">
      {permissions.map((permission) => (
        <li key={permission}>{PERMISSION_LABELS[permission]}</li>
      ))}
    </ul>
  );
}
