import type { ColumnMappingInput } from '../../../src-main/contract/imports';

/*
 * What both column-mapping editors share: plate reads in CSV (Imports page) and hot-list
 * extracts (Hot lists page). The two mappings describe different fields, so each editor keeps
 * its own list of fields; the delimiters, how a column is chosen (ColumnMappingParts.tsx) and
 * saving a mapping by name are the same.
 */

/** The delimiters a mapping may name (the same five for reads and hot lists). */
export type Delimiter = NonNullable<ColumnMappingInput['delimiter']>;

export const DELIMITERS: readonly { value: Delimiter; label: string }[] = [
  { value: ',', label: 'Comma ( , )' },
  { value: ';', label: 'Semicolon ( ; )' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe ( | )' },
  { value: ':', label: 'Colon ( : )' },
];

/** One of the file's columns: its name as the mapping stores it, and how it is shown. */
export interface ColumnChoice {
  value: string;
  label: string;
}

/** A mapping's columns without the ones left as "Not in this file", ready for the gate. */
export function withoutUnusedColumns<C extends object>(columns: C): C {
  return Object.fromEntries(Object.entries(columns).filter(([, column]) => column !== undefined && column !== '')) as C;
}
