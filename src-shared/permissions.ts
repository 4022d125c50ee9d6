// Roles and permissions. Deny by default: a role holds exactly the permissions listed here.

export const ROLES = ['viewer', 'analyst', 'senior_analyst', 'investigator', 'admin', 'super_admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'read_investigations',
  'create_investigations',
  'modify_investigations',
  'access_pii',
  'export_data',
  'delete_investigations',
  'approve_actions',
  'admin_access',
  'audit_access',
  'system_config',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

// Each role adds to the one below it; the table is spelled out in full so a reviewer reads it at a glance.
const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  viewer: ['read_investigations'],
  analyst: ['read_investigations', 'create_investigations', 'modify_investigations'],
  senior_analyst: [
    'read_investigations', 'create_investigations', 'modify_investigations',
    'access_pii', 'export_data', 'approve_actions',
  ],
  investigator: [
    'read_investigations', 'create_investigations', 'modify_investigations',
    'access_pii', 'export_data', 'approve_actions', 'delete_investigations',
  ],
  admin: [
    'read_investigations', 'create_investigations', 'modify_investigations',
    'access_pii', 'export_data', 'approve_actions', 'delete_investigations',
    'admin_access', 'audit_access',
  ],
  super_admin: [...PERMISSIONS],
};

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

export function roleHas(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/** Position of a role in the hierarchy; an admin may only grant roles at or below its own. */
export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}
