import type { Role } from './roles';

/**
 * Who may do what: the one table. The gate reads it; no service checks roles itself.
 * The first role in a row that the person holds is recorded as "role used".
 */
export const PERMISSIONS = {
  'users.read': ['commander', 'administrator'],
  'users.manage': ['commander', 'administrator'],
  'users.authorize-confidential': ['commander'],
  'training.read': ['commander', 'administrator'],
  'training.manage': ['commander', 'administrator'],
  'settings.manage': ['commander'],
  'audit.read': ['commander', 'auditor'],
  'audit.checkpoint': ['commander', 'auditor', 'administrator'],
  'workspace.keys': ['commander'],
  'imports.run': ['commander', 'administrator'],
  'imports.read': ['commander', 'administrator'],
  'alpr.read': ['commander', 'designee', 'administrator', 'member', 'evidence-technician'],
  'hotlists.manage': ['commander', 'administrator'],
  'hotlists.add': ['commander', 'designee', 'administrator', 'member'],
  'alerts.verify': ['commander', 'designee', 'administrator', 'member'],
  'cases.read': ['commander', 'designee', 'administrator', 'auditor'],
  // 427.5: holds decide what outlives the retention period; the administrator or the commander places them
  'cases.manage': ['commander', 'administrator'],
  'retention.read': ['commander', 'administrator', 'auditor'],
  // the period is the commander's (settings.manage); running the purge it requires is also the administrator's job
  'retention.run': ['commander', 'administrator'],
  // the department's signature on its records is the commander's, who approves releases (427.7(b))
  'signing.manage': ['commander'],
  // the public certificate, for whoever hands a signed record or package to a recipient
  'signing.read': ['commander', 'designee', 'administrator', 'auditor', 'evidence-technician'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Which roles may give a role to someone: only a commander makes commanders and designees. */
export const ROLE_GRANTERS: Record<Role, readonly Role[]> = {
  commander: ['commander'],
  designee: ['commander'],
  administrator: ['commander'],
  auditor: ['commander'],
  member: ['commander', 'administrator'],
  'evidence-technician': ['commander', 'administrator'],
};

/** The role that grants a permission to someone holding `roles`, or undefined. */
export function roleGranting(permission: Permission, roles: readonly Role[]): Role | undefined {
  return (PERMISSIONS[permission] as readonly Role[]).find((r) => roles.includes(r));
}
