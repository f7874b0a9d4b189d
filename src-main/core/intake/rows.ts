import type { SheetParts } from './xlsx';

/**
 * What the intake readers give for each record of a file: a record, or a reject that says
 * which line and column were wrong and why. Readers never touch the store; the feature that
 * reads the file (imports, hot lists) counts and keeps what they give.
 */

export interface RowReject {
  target?: undefined;
  line: number;
  column: string | null;
  reason: string;
}

/** Every cell of a row as written, and which ones the vendor withheld (a redaction marker, as opposed to empty). */
export interface Cells {
  /** canonical names of the columns whose value was withheld */
  withheld: string[];
  /** every cell of the row as written, by the file's own header (or column number) */
  cells: Record<string, string>;
}

/** How a table is read: its file's name (for messages), and, for a workbook, which sheet the input is. */
export interface TableSource {
  fileName: string;
  /** the input is this sheet of an XLSX workbook (the sheet's XML, see xlsx.ts), not delimited text */
  sheet?: { name: string; parts: SheetParts };
}
