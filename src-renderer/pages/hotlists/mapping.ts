import type { HotlistMappingInput } from '../../../src-main/contract/hotlists';
import { withoutUnusedColumns, type ColumnChoice, type Delimiter } from '../common/column-mapping';

export type HotlistMappingColumn = keyof HotlistMappingInput['columns'];

/** The fields a hot-list mapping fills, in the editor's order (hotlistMappingSchema). */
export const HOTLIST_MAPPING_FIELDS: readonly { key: HotlistMappingColumn; label: string; required?: true }[] = [
  { key: 'plate', label: 'Plate', required: true },
  { key: 'state', label: 'State' },
  { key: 'reason', label: 'Reason or category' },
  { key: 'caseNumber', label: 'Case number' },
  { key: 'effective', label: 'Effective date' },
  { key: 'expires', label: 'Expiry date' },
  { key: 'alertLevel', label: 'Alert level' },
  { key: 'note', label: 'Note' },
];

export function blankHotlistMapping(): HotlistMappingInput {
  return { delimiter: ',', hasHeader: true, columns: { plate: '' } };
}

/** The mapping as the gate takes it: the columns left as "Not in this file" left out. */
export function cleanHotlistMapping(mapping: HotlistMappingInput): HotlistMappingInput {
  return { ...mapping, columns: withoutUnusedColumns(mapping.columns) };
}

/** How much of the file is read in the browser to find its first line (the header, when it has one). */
const HEAD_BYTES = 65_536;

/** The file's first line, read in the browser before anything is sent (a byte-order mark and the line end left out). */
export async function readFirstLine(file: Blob): Promise<string> {
  const text = await file.slice(0, HEAD_BYTES).text();
  return text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
}

/** One line split by the delimiter, a quoted field ("Stolen, recovered") kept whole and its quotes taken off. */
function splitLine(line: string, delimiter: Delimiter): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let at = 0; at < line.length; at++) {
    const char = line[at]!;
    if (quoted) {
      if (char === '"' && line[at + 1] === '"') {
        field += '"';
        at++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (char === delimiter) {
      fields.push(field);
      field = '';
    } else field += char;
  }
  fields.push(field);
  return fields;
}

/**
 * The columns the editor offers, named as the gate will name them: by the header (trimmed; an
 * empty name is its column number), or by number with the first line's value beside it when
 * the file has no header.
 */
export function columnsOf(firstLine: string, delimiter: Delimiter, hasHeader: boolean): ColumnChoice[] {
  if (firstLine.trim() === '') return [];
  const fields = splitLine(firstLine, delimiter);
  return fields.map((field, index) => {
    const number = String(index + 1);
    if (!hasHeader) return { value: number, label: `Column ${number}${field.trim() ? ` (${field.trim()})` : ''}` };
    const name = field.trim() || number;
    return { value: name, label: name };
  });
}
