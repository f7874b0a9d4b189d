import { ROLES, type Role } from '../../../src-main/contract/roles';
import { ROLE_NAMES } from '../../app/roles';

/** The role's short name ("Commander"), as the header shows it. */
export function roleName(role: Role): string {
  return ROLE_NAMES[role];
}

/** Roles in the contract's order (most senior first). */
export function sortRoles(roles: readonly Role[]): Role[] {
  return [...roles].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b));
}
