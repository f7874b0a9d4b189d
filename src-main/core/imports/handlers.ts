import { failed } from '../errors';

// Work in progress (issue 4): the import handlers are being built; until they land each refuses plainly.
const notYet = (): never => {
  throw failed('not-built', 'Imports are being built.');
};

export const importHandlers = {
  'import.preview': notYet,
  'import.run': notYet,
  'import.list': notYet,
  'import.get': notYet,
  'import.rejects': notYet,
  'import.reads': notYet,
  'importProfile.save': notYet,
  'importProfile.list': notYet,
  'importProfile.delete': notYet,
};
