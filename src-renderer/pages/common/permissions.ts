import { useMemo } from 'react';
import { PERMISSIONS, ROLE_GRANTERS, roleGranting, type Permission } from '../../../src-main/contract/permissions';
import type { Role } from '../../../src-main/contract/roles';
import { useMe } from '../../app/client-context';

export interface MyPermissions {
  /** whether one of my roles grants `permission` (the gate still decides, and its refusal is shown) */
  may(permission: Permission): boolean;
  /** whether I may give `role` to someone, or disable someone who holds it */
  mayGrant(role: Role): boolean;
  /** the roles that would grant `permission`, for "only a commander may…" sentences */
  rolesFor(permission: Permission): readonly Role[];
}

/** What the signed-in person may do, read from the one permission table in the contract. */
export function usePermissions(): MyPermissions {
  const { roles } = useMe();
  return useMemo(
    () => ({
      may: (permission) => roleGranting(permission, roles) !== undefined,
      mayGrant: (role) => ROLE_GRANTERS[role].some((r) => roles.includes(r)),
      rolesFor: (permission) => PERMISSIONS[permission],
    }),
    [roles],
  );
}

/** "a commander", "a commander or an auditor" */
export function roleList(roles: readonly Role[]): string {
  const named = roles.map((r) => `${/^[aeiou]/.test(r) ? 'an' : 'a'} ${r}`);
  return named.length <= 1 ? (named[0] ?? 'nobody') : `${named.slice(0, -1).join(', ')} or ${named.at(-1)}`;
}
