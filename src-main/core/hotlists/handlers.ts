import type { OperationName } from '../../contract/operations';
import { failed } from '../errors';
import type { OperationContext } from '../gate/context';

// Being built (issue 5): hot lists, alerts and verifications.
const notYet = (_ctx: OperationContext): never => {
  throw failed('not-built', 'Hot lists and alerts are being built.');
};

type HotlistOperation = Extract<OperationName, `hotlist.${string}` | `hotlistProfile.${string}` | `alert.${string}`>;

export const hotlistHandlers = {
  'hotlist.import': notYet,
  'hotlist.add': notYet,
  'hotlist.retireEntry': notYet,
  'hotlist.list': notYet,
  'hotlist.entries': notYet,
  'hotlistProfile.save': notYet,
  'hotlistProfile.list': notYet,
  'alert.list': notYet,
  'alert.get': notYet,
  'alert.verify': notYet,
} satisfies Record<HotlistOperation, unknown>;
