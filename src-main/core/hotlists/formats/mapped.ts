import type { Readable } from 'node:stream';
import type { HotlistMapping } from '../../../contract/hotlists';
import { invalid } from '../../errors';
import { headerKey, headerNames, numberedNames, readTable, type TableLayout } from '../../intake/tabular';
import { listed } from '../../intake/vendor-log';
import { columnsLayout, type EntryField, type HotlistItem, type HotlistRow } from './entries';

/** Anything else (NCIC-style and state extracts) through a hot-list mapping. */

function mappedLayout(first: string[], mapping: HotlistMapping, fileName: string): TableLayout<HotlistRow> {
  const names = mapping.hasHeader ? headerNames(first) : numberedNames(first.length);
  const keys = names.map(headerKey);
  const columns: Partial<Record<EntryField, number>> = {};
  for (const [field, name] of Object.entries(mapping.columns) as [EntryField, string | undefined][]) {
    if (name === undefined) continue;
    const at = keys.indexOf(headerKey(name));
    if (at < 0) {
      throw invalid(
        'hotlist-mapping',
        `The mapping reads the column "${name}" (${field}), which ${fileName} does not have; its columns are ${listed(names, 12)}. Check the mapping and its delimiter.`,
      );
    }
    columns[field] = at;
  }
  return columnsLayout(mapping.hasHeader, names, columns);
}

/** Every entry and reject of a CSV read through a saved hot-list mapping (its columns and delimiter), in file order. */
export function readMapped(input: Readable, fileName: string, mapping: HotlistMapping): AsyncGenerator<HotlistItem> {
  return readTable<HotlistRow>(input, { fileName }, (first) => mappedLayout(first, mapping, fileName), mapping.delimiter);
}
