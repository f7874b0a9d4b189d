import { failed } from '../errors';
import type { OperationContext } from '../gate/context';

const notYet = (_ctx: OperationContext): never => {
  throw failed('not-built', 'Search is being built.');
};

export const searchHandlers = {
  'search.plates': notYet,
  'search.read': notYet,
  'search.thumbnails': notYet,
  'search.export': notYet,
};
