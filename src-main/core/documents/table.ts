import { Canvas } from './canvas';
import { CONTENT_WIDTH, INK, TYPE, type TextStyle } from './layout';

export interface TableColumn {
  heading: string;
  /** this column's share of the table's width (shares are relative to each other) */
  share: number;
  /** a column of numbers: aligned right, in figures of one width */
  numbers?: boolean;
}

export interface Table {
  /** what the table is, for the line above it on each page it continues onto ("Kept by holds") */
  name: string;
  columns: readonly TableColumn[];
  rows: readonly (readonly string[])[];
  /** said in place of the table when it has no rows (without it, an empty table leaves nothing) */
  whenEmpty?: string;
  /** a last row in bold under a rule: the totals */
  total?: readonly string[];
}

const PAD_X = 5;
const PAD_Y = 3.5;
const CONTINUED_LINE = 14;

/**
 * Draws a table at the cursor. Rows are never split: a row that does not fit goes to the
 * next page, and every page the table reaches starts with "<name>, continued" and the
 * column headings again. A cell taller than a page (a few thousand characters) is cut
 * with an ellipsis rather than split.
 */
export function drawTable(canvas: Canvas, table: Table): void {
  const total = table.columns.reduce((sum, column) => sum + column.share, 0);
  const widths = table.columns.map((column) => (column.share / total) * CONTENT_WIDTH);
  const headingHeight = rowHeight(canvas, table, headings(table), widths, TYPE.cellHead, Infinity);
  const tallestCell = Canvas.pageRoom() - CONTINUED_LINE - headingHeight - 2 * PAD_Y;

  const heights = table.rows.map((row) => rowHeight(canvas, table, row, widths, TYPE.cell, tallestCell));
  const totalHeight = table.total ? rowHeight(canvas, table, table.total, widths, TYPE.cellStrong, tallestCell) : 0;
  const last = table.rows.length - 1;
  // the room a row needs: the last row takes the total with it, so a total never stands alone
  const needs = (index: number) => heights[index]! + (index === last ? totalHeight : 0);

  canvas.ensureRoom(headingHeight + needs(0));
  drawHeadings(canvas, table, widths, headingHeight);
  table.rows.forEach((row, index) => {
    const height = heights[index]!;
    if (needs(index) > canvas.room()) {
      canvas.rule(canvas.y, INK.rule, 0.6);
      canvas.newPage();
      continueTable(canvas, table, widths, headingHeight);
    }
    if (index % 2 === 1) canvas.shade(canvas.left, canvas.y, CONTENT_WIDTH, height, INK.stripe);
    drawCells(canvas, table, row, widths, TYPE.cell, height);
    canvas.y += height;
  });

  if (table.total) {
    canvas.rule(canvas.y, INK.text, 0.9);
    drawCells(canvas, table, table.total, widths, TYPE.cellStrong, totalHeight);
    canvas.y += totalHeight;
  }
  canvas.rule(canvas.y, INK.rule, 0.6);
}

function headings(table: Table): string[] {
  return table.columns.map((column) => column.heading);
}

function rowHeight(canvas: Canvas, table: Table, cells: readonly string[], widths: number[], style: TextStyle, tallest: number): number {
  const heights = cells.map((cell, i) => canvas.measure(cell, style, widths[i]! - 2 * PAD_X, table.columns[i]?.numbers ?? false));
  return Math.min(Math.max(...heights), tallest) + 2 * PAD_Y;
}

function continueTable(canvas: Canvas, table: Table, widths: number[], headingHeight: number): void {
  canvas.write(`${table.name}, continued`, TYPE.label, canvas.left, canvas.y, CONTENT_WIDTH, { color: INK.muted });
  canvas.y += CONTINUED_LINE;
  drawHeadings(canvas, table, widths, headingHeight);
}

function drawHeadings(canvas: Canvas, table: Table, widths: number[], height: number): void {
  canvas.shade(canvas.left, canvas.y, CONTENT_WIDTH, height, INK.shade);
  drawCells(canvas, table, headings(table), widths, TYPE.cellHead, height);
  canvas.y += height;
}

function drawCells(canvas: Canvas, table: Table, cells: readonly string[], widths: number[], style: TextStyle, height: number): void {
  let x = canvas.left;
  cells.forEach((cell, i) => {
    const width = widths[i]!;
    const numbers = table.columns[i]?.numbers ?? false;
    canvas.write(cell, style, x + PAD_X, canvas.y + PAD_Y, width - 2 * PAD_X, {
      align: numbers ? 'right' : 'left',
      tabular: numbers,
      maxHeight: height - 2 * PAD_Y + 1,
    });
    x += width;
  });
}
