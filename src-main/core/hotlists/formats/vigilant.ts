import type { Readable } from 'node:stream';
import { invalid } from '../../errors';
import { headerKey, readTable, type TableLayout } from '../../intake/tabular';
import { listed, matchHeader } from '../../intake/vendor-log';
import { columnsLayout, type EntryField, type HotlistItem, type HotlistRow } from './entries';

/**
 * Vigilant-style CSV: the header must hold `Hot Plate`, `State` and `Alert` (Low, Medium
 * or High); reason, case, dates and notes are read when their columns are there.
 */

export const VIGILANT_REQUIRED = ['Hot Plate', 'State', 'Alert'] as const;
/** Optional Vigilant-style columns Custodian reads, by the names they go by. */
const VIGILANT_OPTIONAL: Record<string, EntryField> = {
  reason: 'reason',
  category: 'reason',
  'alert reason': 'reason',
  'hot list reason': 'reason',
  case: 'caseNumber',
  'case number': 'caseNumber',
  'case #': 'caseNumber',
  'case no': 'caseNumber',
  'case no.': 'caseNumber',
  effective: 'effective',
  'effective date': 'effective',
  'start date': 'effective',
  expiration: 'expires',
  'expiration date': 'expires',
  expires: 'expires',
  expiry: 'expires',
  'expiry date': 'expires',
  'exp date': 'expires',
  note: 'note',
  notes: 'note',
  comment: 'note',
  comments: 'note',
  description: 'note',
};

function vigilantLayout(first: string[], fileName: string): TableLayout<HotlistRow> {
  const match = matchHeader(first, VIGILANT_REQUIRED, VIGILANT_REQUIRED.length);
  if (!match) {
    const missing = VIGILANT_REQUIRED.filter((name) => !first.some((cell) => headerKey(cell) === headerKey(name)));
    throw invalid(
      'hotlist-layout',
      `${fileName} is not a Vigilant-style hot list: its header lacks ${listed(missing)} (it has ${listed(first.map((f) => f.trim()))}).`,
    );
  }
  const columns: Partial<Record<EntryField, number>> = {};
  match.canonical.forEach((name, at) => {
    if (name === 'Hot Plate') columns.plate = at;
    else if (name === 'State') columns.state = at;
    else if (name === 'Alert') columns.alertLevel = at;
    else {
      const field = VIGILANT_OPTIONAL[headerKey(match.names[at]!)];
      if (field && columns[field] === undefined) columns[field] = at;
    }
  });
  return columnsLayout(true, match.names, columns);
}

/** The Vigilant-style columns a header holds that Custodian does not read (said when detecting). */
export function unreadVigilantColumns(first: string[]): string[] {
  const known = new Set([...VIGILANT_REQUIRED.map(headerKey), ...Object.keys(VIGILANT_OPTIONAL)]);
  return first.map((f) => f.trim()).filter((name) => name !== '' && !known.has(headerKey(name)));
}

/** Every entry and reject of a Vigilant-style CSV, in file order. */
export function readVigilant(input: Readable, fileName: string, delimiter: string): AsyncGenerator<HotlistItem> {
  return readTable<HotlistRow>(input, { fileName }, (first) => vigilantLayout(first, fileName), delimiter);
}
