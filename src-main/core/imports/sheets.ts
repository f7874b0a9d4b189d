import { IMPORT_FORMATS, type ColumnMapping, type ImportFormat, type SheetPlan } from '../../contract/imports';
import { failed } from '../errors';
import { headerKey } from '../intake/tabular';
import { listed } from '../intake/vendor-log';
import { sheetHeader, type OpenWorkbook, type WorkbookSheet } from '../intake/xlsx';
import { detectFormat, READERS, type Detection } from './formats';

/**
 * Which sheets of a workbook an import reads. Every sheet is looked at: each one whose first
 * row matches the import's layout is imported, read by its own header (the columns may be in
 * another order on each); the others (a cover page, notes, an empty tab) are skipped, by name
 * and with the reason.
 *
 * One import is one kind of record, so the sheets it imports are all of one format. A
 * workbook holding two kinds of log (an audit and an event log) is refused when the format
 * is detected, with a sentence naming the sheets: choosing the vendor imports the sheets of
 * that kind and skips the rest, by name.
 */

/** A sheet as an import reads it: where it is in the package, and what it is read as or why it is skipped. */
export interface PlannedSheet extends SheetPlan, WorkbookSheet {}

/** A sheet and what its first row looks like (null: the sheet has no rows). */
export interface SheetLook {
  sheet: WorkbookSheet;
  header: string[];
  detection: Detection | null;
}

const NO_HEAD = Buffer.alloc(0);
const title = (format: ImportFormat) => IMPORT_FORMATS[format].title;
const quoted = (names: string[]) => names.map((name) => `"${name}"`).join(', ');

/** Every sheet's first row, detected. */
export async function lookAtSheets(workbook: OpenWorkbook, fileName: string): Promise<SheetLook[]> {
  const looks: SheetLook[] = [];
  for (const sheet of workbook.sheets) {
    const header = await sheetHeader(workbook, sheet, fileName);
    looks.push({ sheet, header, detection: header.length ? detectFormat(NO_HEAD, fileName, header) : null });
  }
  return looks;
}

/**
 * What the workbook as a whole is detected as: the first sheet with a known layout, else the
 * first with rows. With more than one sheet and none known, the sentence names each.
 */
export function workbookDetection(fileName: string, looks: SheetLook[]): Detection {
  const known = looks.find((look) => look.detection?.format);
  if (known) return known.detection!;
  const first = looks.find((look) => look.detection);
  if (!first) return { format: null, detection: `${fileName} holds no sheet with rows.`, columns: [] };
  if (looks.length === 1) return first.detection!;
  const each = looks.map((look) => `"${look.sheet.name}": ${look.detection ? look.detection.detection : 'empty.'}`);
  return { ...first.detection!, detection: `No sheet of the workbook matches a known layout. ${each.join(' ')}` };
}

/** Why a sheet is not read as `format`, or null when it is. */
function skipReason(look: SheetLook, format: ImportFormat, mapping: ColumnMapping | null, onlySheetWithRows: boolean): string | null {
  if (!look.detection) return 'the sheet is empty';
  if (READERS[format].needsMapping || format === 'flock-reads') {
    if (!mapping) return null;
    const missing = mappedColumnsMissing(look.header, mapping);
    return missing.length ? `it has no ${listed(missing)} column${missing.length === 1 ? '' : 's'}, which the mapping reads` : null;
  }
  const found = look.detection.format;
  // a workbook's one sheet is read as the format chosen, as a CSV would be: its reader says what does not fit
  if (found === format || onlySheetWithRows) return null;
  if (found) return `it is a ${title(found)}, not a ${title(format)}`;
  return `its first row (${listed(look.header.filter((cell) => cell.trim() !== ''))}) matches no known layout`;
}

function mappedColumnsMissing(header: string[], mapping: ColumnMapping): string[] {
  const named = Object.values(mapping.columns).filter((name): name is string => name !== undefined);
  if (!mapping.hasHeader) return named.filter((name) => !(Number(name) >= 1 && Number(name) <= header.length));
  const keys = new Set(header.map(headerKey));
  return named.filter((name) => !keys.has(headerKey(name)));
}

/**
 * The sheets of an import read as `format`; `chosen` when the person named the vendor. Refuses
 * a detected workbook of several kinds, and one where no sheet fits, naming every sheet.
 */
export function planSheets(
  fileName: string,
  looks: SheetLook[],
  format: ImportFormat,
  chosen: boolean,
  mapping: ColumnMapping | null,
): PlannedSheet[] {
  const kinds = [...new Set(looks.map((look) => look.detection?.format).filter((found): found is ImportFormat => !!found))];
  if (!chosen && kinds.length > 1) {
    const which = kinds.map(
      (kind) => `${quoted(looks.filter((look) => look.detection?.format === kind).map((look) => look.sheet.name))} ${title(kind)}`,
    );
    throw failed(
      'workbook-mixed',
      `${fileName} holds sheets of different kinds (${which.join('; ')}). One import is one kind of record: choose the vendor to import the sheets of one kind (the others are skipped, by name), then import the file again for the other.`,
    );
  }
  const withRows = looks.filter((look) => look.detection).length;
  const planned = looks.map((look): PlannedSheet => {
    const skipped = skipReason(look, format, mapping, withRows === 1);
    return { ...look.sheet, format: skipped ? null : format, skipped };
  });
  if (!planned.some((sheet) => sheet.format)) {
    throw failed(
      'workbook-no-sheet',
      `${fileName}: no sheet can be read as a ${title(format)}. ${planned.map((sheet) => `"${sheet.name}": ${sheet.skipped}.`).join(' ')}`,
    );
  }
  return planned;
}

/** The import's detection sentence, with which sheets it reads and which it skips (kept on the record). */
export function describeSheets(detection: string, sheets: PlannedSheet[]): string {
  if (sheets.length < 2) return detection;
  const read = sheets.filter((sheet) => sheet.format);
  const skipped = sheets.filter((sheet) => !sheet.format);
  const parts = [`${detection} Sheets read: ${quoted(read.map((sheet) => sheet.name))}.`];
  if (skipped.length) parts.push(`Skipped: ${skipped.map((sheet) => `"${sheet.name}" (${sheet.skipped})`).join('; ')}.`);
  return parts.join(' ');
}

/** A reject's reason on a workbook of several sheets names its sheet (the line is the sheet's row). */
export function onSheet(reason: string, sheet: string, sheets: number): string {
  return sheets > 1 ? `sheet "${sheet}": ${reason}` : reason;
}
