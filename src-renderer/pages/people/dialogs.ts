import type { Account } from '../../../src-main/contract/schemas';

/** Which modal the People page has open. */
export type PeopleDialog =
  | { kind: 'add' }
  | { kind: 'training'; username?: string }
  | { kind: 'disable'; person: Account }
  | { kind: 'confidential'; person: Account; authorize: boolean };
