import { operations, WORKSPACE_EVENTS } from '../../../src-main/contract/operations';

/** The operation names offered in the filter (any other name can still be typed). */
export const OPERATION_CHOICES = [
  { group: 'Operations', items: Object.keys(operations).sort() },
  { group: 'Sign-in and workspace', items: WORKSPACE_EVENTS.filter((name) => !(name in operations)).sort() },
];
