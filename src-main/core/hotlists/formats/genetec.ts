import type { Readable } from 'node:stream';
import { invalid } from '../../errors';
import { csvBatches } from '../../intake/csv';
import { headerKey } from '../../intake/tabular';
import { textChunks } from '../../intake/text';
import { buildEntry, type EntryCells, type EntryField, type EntryLabels, type HotlistItem } from './entries';

/**
 * Genetec hot list / permit files: `;` (also Tab, `,` or `:`), no header, or a header
 * naming Genetec's attributes. The formats page gives the attributes as
 * `Category;PlateState;PlateNumber;EffectiveDate;ExpiryDate;PermitID` and the example
 * `QC;DEF228;2012-01-31;2012-05-31;PermitID_1`, which has five fields: QC is Quebec, so
 * the example is the six-field line without its Category. A line is read by its number
 * of fields: 6 the full form, 5 without Category (its first field must be a state code,
 * or the line is refused rather than read as a category), 2 the short form
 * (`ABC123;` or `ABC123;CA`), 1 a plate alone. Fixed-width files are not supported.
 */

const GENETEC_ATTRIBUTES = ['Category', 'PlateState', 'PlateNumber', 'EffectiveDate', 'ExpiryDate', 'PermitID'] as const;
type GenetecAttribute = (typeof GENETEC_ATTRIBUTES)[number];
const GENETEC_FIELDS: Record<GenetecAttribute, EntryField> = {
  Category: 'reason',
  PlateState: 'state',
  PlateNumber: 'plate',
  EffectiveDate: 'effective',
  ExpiryDate: 'expires',
  PermitID: 'note',
};
/** The layouts of a headerless line, by its number of fields. */
const GENETEC_BY_COUNT: Record<number, readonly GenetecAttribute[]> = {
  1: ['PlateNumber'],
  2: ['PlateNumber', 'PlateState'],
  5: ['PlateState', 'PlateNumber', 'EffectiveDate', 'ExpiryDate', 'PermitID'],
  6: GENETEC_ATTRIBUTES,
};
export const GENETEC_DELIMITERS = [';', '\t', ',', ':'] as const;

/** The Genetec header (a first line naming the attributes), as attributes in file order; null when the line is data. */
export function genetecHeader(fields: string[]): GenetecAttribute[] | null {
  const keys = fields.map((f) => headerKey(f.replace(/^\uFEFF/, '')));
  if (!keys.includes('platenumber')) return null;
  const byKey = new Map(GENETEC_ATTRIBUTES.map((a) => [headerKey(a), a]));
  return keys.map((key, index) => {
    const attribute = byKey.get(key);
    if (!attribute) {
      throw invalid(
        'hotlist-layout',
        `The header names "${fields[index]!.trim()}", which is not a Genetec hot-list attribute (${GENETEC_ATTRIBUTES.join(', ')}).`,
      );
    }
    return attribute;
  });
}

/** A line with no delimiter but columns set apart by spaces: a fixed-width file. */
export function looksFixedWidth(line: string): boolean {
  const trimmed = line.trim();
  return /\S {2,}\S/.test(trimmed) || trimmed.split(/\s+/).length >= 3;
}

export const FIXED_WIDTH =
  'is a fixed-width hot list (columns set apart by spaces, no delimiter). Custodian does not read fixed-width files: export the list from Genetec with a delimiter (";" is its default) and import that.';

/** One Genetec line, read by the header's attributes or, without a header, by its number of fields. */
export function genetecLine(line: number, fields: string[], header: readonly GenetecAttribute[] | null): HotlistItem {
  while (fields.length > 2 && fields[fields.length - 1]!.trim() === '' && !GENETEC_BY_COUNT[fields.length] && !header) fields.pop();
  const attributes = header ?? GENETEC_BY_COUNT[fields.length];
  if (!attributes || (header && fields.length !== header.length && fields.slice(header.length).some((f) => f.trim() !== ''))) {
    const expected = header
      ? `the header has ${header.length}`
      : 'a Genetec line has 1 or 2 (plate and state), 5 (PlateState;PlateNumber;EffectiveDate;ExpiryDate;PermitID) or 6 (Category first)';
    return { line, column: null, reason: `the line has ${fields.length} fields, but ${expected}` };
  }
  if (!header && fields.length === 5) {
    const first = fields[0]!.trim();
    if (first !== '' && !/^[A-Za-z]{2,3}$/.test(first)) {
      return {
        line,
        column: 'PlateState',
        reason: `a five-field line starts with the plate's state (PlateState;PlateNumber;EffectiveDate;ExpiryDate;PermitID, as in Genetec's example), and "${first}" is not a state code; a line with a Category has all six fields`,
      };
    }
  }
  const cells: EntryCells = {};
  const labels: EntryLabels = {};
  attributes.forEach((attribute, index) => {
    const field = GENETEC_FIELDS[attribute];
    const value = fields[index]?.trim() ?? '';
    cells[field] = attribute === 'PermitID' && value !== '' ? `Permit ID ${value}` : value;
    labels[field] = attribute;
  });
  return buildEntry(line, cells, labels);
}

/** Every entry and reject of a Genetec file, in file order; a first line naming the attributes is its header. */
export async function* readGenetec(input: Readable, fileName: string, delimiter: string): AsyncGenerator<HotlistItem> {
  let header: GenetecAttribute[] | null | undefined;
  for await (const batch of csvBatches(textChunks(input, fileName, 'hot-list'), delimiter)) {
    for (const item of batch) {
      if (!('fields' in item)) {
        yield item;
        continue;
      }
      if (item.fields.every((f) => f.trim() === '')) continue;
      if (header === undefined) {
        header = genetecHeader(item.fields);
        if (header) continue;
        if (item.fields.length === 1 && looksFixedWidth(item.fields[0]!))
          throw invalid('hotlist-fixed-width', `${fileName} ${FIXED_WIDTH}`);
      }
      yield genetecLine(item.line, item.fields, header);
    }
  }
}
