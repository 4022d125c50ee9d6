// Human names for roles; the wire values (senior_analyst) stay in the contract.
import type { Role } from '../../src-shared/permissions';

const ROLE_LABELS: Readonly<Record<Role, string>> = {
  viewer: 'Viewer',
  analyst: 'Analyst',
  senior_analyst: 'Senior analyst',
  investigator: 'Investigator',
  admin: 'Admin',
  super_admin: 'Super admin',
};

export function roleLabel(role: Role): string {
  return ROLE_LABELS[role];
}
