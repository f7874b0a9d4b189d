import type { Role } from '../../src-main/contract/roles';

/** Short names of the roles, for the header and lists. */
export const ROLE_NAMES: Record<Role, string> = {
  commander: 'Commander',
  designee: "Commander's designee",
  administrator: 'Administrator',
  member: 'Member',
  'evidence-technician': 'Evidence technician',
  auditor: 'Auditor',
};

/** "Commander, Auditor" */
export function rolesText(roles: readonly Role[]): string {
  return roles.map((role) => ROLE_NAMES[role]).join(', ');
}
