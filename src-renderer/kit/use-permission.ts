// Whether the signed-in user holds a permission: screens hide what the role cannot do (main still
// refuses it regardless).
import type { Permission } from '../../src-shared/permissions';
import { useSessionStore } from './session-store';

export function usePermission(permission: Permission): boolean {
  return useSessionStore((state) => state.session?.permissions.includes(permission) ?? false);
}
