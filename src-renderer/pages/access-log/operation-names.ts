import type { OperationName } from '../../../src-main/contract/operations';

/**
 * Every operation in the contract, by name. Written out (not read from the contract's
 * operation table) so the page does not load zod, whose schemas try `new Function` and
 * so trip the Content-Security-Policy; `satisfies` makes the compiler reject a list that
 * misses or invents an operation.
 */
const CONTRACT_OPERATIONS = {
  'session.whoami': true,
  'session.signOut': true,
  'user.add': true,
  'user.list': true,
  'user.disable': true,
  'user.setConfidential': true,
  'user.changePassword': true,
  'training.record': true,
  'training.list': true,
  'settings.get': true,
  'settings.update': true,
  'audit.query': true,
  'audit.export': true,
  'audit.verify': true,
  'audit.checkpoint': true,
  'workspace.rekey': true,
  'alpr.holdings': true,
} as const satisfies Record<OperationName, true>;

/**
 * Entries the workspace writes itself, outside the gate (signing in, unlocking, set-up,
 * recovery, a reset of the sign-in counters): they are in the log but not in the contract's
 * operation table.
 */
const WORKSPACE_OPERATIONS = ['session.signIn', 'session.unlock', 'workspace.init', 'workspace.recover', 'session.logonStateReset'];

/** The operation names offered in the filter (any other name can still be typed). */
export const OPERATION_CHOICES = [
  { group: 'Operations', items: Object.keys(CONTRACT_OPERATIONS).sort() },
  { group: 'Sign-in and workspace', items: WORKSPACE_OPERATIONS.filter((name) => !(name in CONTRACT_OPERATIONS)).sort() },
];
