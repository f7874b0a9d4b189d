import { drawable, type FontWeight } from './fonts';
import { CONTENT_BOTTOM, CONTENT_WIDTH, INK, MARGIN, TYPE, type TextStyle } from './layout';

/**
 * The name each weight is registered under in pdfkit (document.ts registers them): the
 * fonts' own PostScript names. pdfkit keeps a font it has opened under that name, and the
 * regular weight, the document's default font, is opened before anything is registered;
 * under any other name pdfkit would parse the font file again on every switch of weight.
 */
export const FONT_NAME: Record<FontWeight, string> = { regular: 'Inter-Regular', bold: 'Inter-Bold' };

/**
 * OpenType features for every text: figures of one width (tabular), so numbers line up in
 * columns and a full stop is not kerned in under a 7 ("427.5" read as "4275"), as Inter does
 * with its proportional figures.
 */
const FEATURES: PDFKit.Mixins.OpenTypeFeatures[] = ['tnum'];

export interface WriteOptions {
  align?: 'left' | 'right' | 'center';
  color?: string;
  /** at most this tall; what does not fit ends in an ellipsis (a table cell, a footer) */
  maxHeight?: number;
}

/**
 * The pages being laid out, top to bottom, with a cursor (`y`). Everything that draws
 * measures first and asks for room; a page break starts a new page with the running head,
 * so pdfkit never breaks a page by itself. Every text drawn passes through `drawable`.
 */
export class Canvas {
  /** where the next thing goes on the current page */
  y: number = MARGIN.top;

  constructor(
    readonly pdf: PDFKit.PDFDocument,
    /** the line at the top of every page after the first */
    private readonly runningHead: string,
  ) {}

  get left(): number {
    return MARGIN.side;
  }

  /** the height `text` takes at `width` in `style` */
  measure(text: string, style: TextStyle, width: number): number {
    this.use(style);
    return this.pdf.heightOfString(drawable(text), { width, lineGap: style.lineGap, features: FEATURES });
  }

  /** the width `text` takes on one line in `style` */
  widthOf(text: string, style: TextStyle): number {
    this.use(style);
    return this.pdf.widthOfString(drawable(text), { features: FEATURES });
  }

  /** draws `text` with its top at `y`, wrapped at `width` */
  write(text: string, style: TextStyle, x: number, y: number, width: number, options: WriteOptions = {}): void {
    this.use(style);
    this.pdf.fillColor(options.color ?? INK.text);
    this.pdf.text(drawable(text), x, y, {
      width,
      lineGap: style.lineGap,
      align: options.align ?? 'left',
      features: FEATURES,
      ...(options.maxHeight === undefined ? {} : { height: options.maxHeight, ellipsis: true }),
    });
  }

  /** the room left on this page below the cursor */
  room(): number {
    return CONTENT_BOTTOM - this.y;
  }

  /** the height a fresh page offers below its running head */
  static pageRoom(): number {
    return CONTENT_BOTTOM - Canvas.firstLineAfterRunningHead();
  }

  /** a new page unless `height` fits below the cursor; true when it started one */
  ensureRoom(height: number): boolean {
    if (height <= this.room()) return false;
    this.newPage();
    return true;
  }

  newPage(): void {
    this.pdf.addPage();
    this.write(this.runningHead, TYPE.runningHead, MARGIN.side, MARGIN.top, CONTENT_WIDTH, { color: INK.muted, maxHeight: 12 });
    this.rule(MARGIN.top + 13, INK.faint);
    this.y = Canvas.firstLineAfterRunningHead();
  }

  private static firstLineAfterRunningHead(): number {
    return MARGIN.top + 24;
  }

  /** a line across the content width (or from `x` for `width`) */
  rule(y: number, color: string = INK.rule, lineWidth = 0.6, x: number = MARGIN.side, width: number = CONTENT_WIDTH): void {
    this.pdf
      .moveTo(x, y)
      .lineTo(x + width, y)
      .lineWidth(lineWidth)
      .strokeColor(color)
      .stroke();
  }

  shade(x: number, y: number, width: number, height: number, color: string): void {
    this.pdf.rect(x, y, width, height).fillColor(color).fill();
  }

  box(x: number, y: number, width: number, height: number, lineWidth: number, color: string = INK.text): void {
    this.pdf.rect(x, y, width, height).lineWidth(lineWidth).strokeColor(color).stroke();
  }

  private use(style: TextStyle): void {
    this.pdf.font(FONT_NAME[style.weight]).fontSize(style.size);
  }
}
