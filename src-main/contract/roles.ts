import { z } from 'zod';

/** The people policy 427 names, as roles. A person may hold several. */
export const ROLES = ['commander', 'designee', 'administrator', 'member', 'evidence-technician', 'auditor'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

export const ROLE_TITLES: Record<Role, string> = {
  commander: 'Administration Division Commander',
  designee: "Commander's designee (may approve releases)",
  administrator: 'Administrator (imports, purges, holds, people and training)',
  member: 'Member (searches for a documented purpose)',
  'evidence-technician': 'Evidence technician (packages and media)',
  auditor: 'Auditor (reads the access log, nothing else)',
};
