/**
 * Coordinates as the file gave them. The text a file writes ("37.3420") is kept as written.
 * A number written with more than 15 significant digits ("37.342000000000006") shows the
 * binary remainder of some arithmetic (37.34 + 0.002) that the program writing the file
 * printed in full: a spreadsheet's cells (Excel keeps 15 significant digits and shows no
 * more), a vendor's JSON. Digits past the 15th are not precision the file had, so they are
 * dropped; printing the number itself (JavaScript's shortest exact form) would show them.
 */
const SIGNIFICANT_DIGITS = 15;
const PLAIN_DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

function significantDigits(text: string): number {
  return text.replace(/^[+-]/, '').replace('.', '').replace(/^0+/, '').length;
}

/** The coordinate to keep and show for what a file wrote (text, or a JSON number); the text must be a number. */
export function writtenCoordinate(written: string | number): string {
  const text = typeof written === 'number' ? String(written) : written.trim();
  if (PLAIN_DECIMAL.test(text) && significantDigits(text) <= SIGNIFICANT_DIGITS) return text.replace(/^\+/, '');
  return String(Number(Number(text).toPrecision(SIGNIFICANT_DIGITS)));
}

/** How a stored coordinate is shown: its text, or for reads stored before the text was kept, the number at the precision it can have. */
export function shownCoordinate(text: string | null, value: number | null): string | null {
  if (text !== null) return text;
  return value === null ? null : writtenCoordinate(value);
}
