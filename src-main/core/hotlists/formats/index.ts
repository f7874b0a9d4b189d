import type { Readable } from 'node:stream';
import type { HotlistFormat, HotlistMapping } from '../../../contract/hotlists';
import { invalid } from '../../errors';
import type { HotlistItem } from './entries';
import { readGenetec } from './genetec';
import { readMapped } from './mapped';
import { readVigilant } from './vigilant';

/**
 * Hot-list files (VENDOR-FORMATS.md, "Hot lists"), read a line at a time. Every entry and
 * every reject carries the line it starts on; a malformed line is rejected with the reason
 * and the rest of the file is read. A layout Custodian does not know is refused with a
 * sentence that says what was found, never guessed.
 *
 * One file per format: Genetec lists (genetec.ts), Vigilant-style CSV (vigilant.ts) and
 * anything else through a hot-list mapping (mapped.ts); detection in detect.ts. Every
 * format ends in entries.ts, which checks and normalises one entry.
 */

export interface ReadHotlistOptions {
  fileName: string;
  format: HotlistFormat;
  delimiter: string;
  mapping?: HotlistMapping;
}

/** Every entry and reject of a hot-list file, in file order, streaming. */
export function readHotlist(input: Readable, options: ReadHotlistOptions): AsyncGenerator<HotlistItem> {
  const { fileName, delimiter } = options;
  switch (options.format) {
    case 'genetec':
      return readGenetec(input, fileName, delimiter);
    case 'vigilant':
      return readVigilant(input, fileName, delimiter);
    case 'mapped': {
      const mapping = options.mapping;
      if (!mapping)
        throw invalid('hotlist-mapping-required', `${fileName} is read through a hot-list mapping; choose a saved one or give one.`);
      return readMapped(input, fileName, mapping);
    }
  }
}

export { entryPlate, isEntry, parseDay, type HotlistItem, type HotlistRow } from './entries';
export { detectHotlist, genetecDelimiter, type HotlistLayout } from './detect';
