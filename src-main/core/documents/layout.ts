/**
 * The page and its type, in PDF points (1/72 inch): US Letter, three-quarter-inch margins,
 * a band at the foot of every page for the footer. Shared by the document and its tables.
 */
export const PAGE = { width: 612, height: 792 } as const;
export const MARGIN = { top: 54, side: 54 } as const;
/** content stops here; below it is the footer band */
export const CONTENT_BOTTOM = PAGE.height - 72;
export const CONTENT_WIDTH = PAGE.width - 2 * MARGIN.side;
export const FOOTER_RULE_Y = PAGE.height - 58;
export const FOOTER_TEXT_Y = PAGE.height - 52;

/** Greys that survive a black-and-white printer. */
export const INK = { text: '#111111', muted: '#555555', rule: '#8c8c8c', faint: '#c8c8c8', shade: '#e2e2e2', stripe: '#f3f3f3' } as const;

/** Each kind of text: its weight, size (pt) and the gap between its lines. */
export const TYPE = {
  department: { weight: 'bold', size: 10.5, lineGap: 1 },
  title: { weight: 'bold', size: 20, lineGap: 1 },
  subtitle: { weight: 'regular', size: 10.5, lineGap: 1.5 },
  runningHead: { weight: 'regular', size: 8, lineGap: 1 },
  section: { weight: 'bold', size: 12, lineGap: 1 },
  body: { weight: 'regular', size: 9.5, lineGap: 2 },
  bodyStrong: { weight: 'bold', size: 9.5, lineGap: 2 },
  label: { weight: 'regular', size: 8.5, lineGap: 1.5 },
  cell: { weight: 'regular', size: 9, lineGap: 1.5 },
  cellHead: { weight: 'bold', size: 8.5, lineGap: 1.5 },
  cellStrong: { weight: 'bold', size: 9, lineGap: 1.5 },
  small: { weight: 'regular', size: 7.5, lineGap: 1 },
} as const;

export type TextStyle = (typeof TYPE)[keyof typeof TYPE];
