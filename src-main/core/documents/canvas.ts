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
 * OpenType features. Kerning is off: Inter kerns a full stop in under a 7 ("427.5" reads as
 * "4275"), and ids, times and hashes must read exactly. Figures of one width (tabular) line
 * numbers up in columns, but only there: in Inter they widen hyphens too ("cut - off").
 * (pdfkit hands these objects to fontkit, which takes them; pdfkit's types know only a list
 * of features to turn on, and kerning is on by default.)
 */
const TEXT_FEATURES = { kern: false } as unknown as PDFKit.Mixins.OpenTypeFeatures[];
const TABULAR_FEATURES = { kern: false, tnum: true } as unknown as PDFKit.Mixins.OpenTypeFeatures[];

export interface WriteOptions {
  align?: 'left' | 'right';
  color?: string;
  /** at most this tall; what does not fit ends in an ellipsis (a table cell, a footer) */
  maxHeight?: number;
  /** figures of one width, for a column of numbers */
  tabular?: boolean;
}

/**
 * The pages being laid out, top to bottom, with a cursor (`y`). Everything that draws
 * measures first and asks for room; a page break starts a new page with the running head,
 * so pdfkit never breaks a page by itself. Every text drawn passes through `drawable`.
 */
export class Canvas {
  /** where the next thing goes on the current page */
  y: number = MARGIN.top;
  /** the current page, counted from 1 */
  page = 1;

  constructor(
    readonly pdf: PDFKit.PDFDocument,
    /** the line at the top of every page after the first */
    private readonly runningHead: string,
  ) {}

  get left(): number {
    return MARGIN.side;
  }

  /** the height `text` takes at `width` in `style` */
  measure(text: string, style: TextStyle, width: number, tabular = false): number {
    this.use(style);
    return this.pdf.heightOfString(drawable(text), { width, lineGap: style.lineGap, features: features(tabular) });
  }

  /** draws `text` with its top at `y`, wrapped at `width` */
  write(text: string, style: TextStyle, x: number, y: number, width: number, options: WriteOptions = {}): void {
    this.use(style);
    this.pdf.fillColor(options.color ?? INK.text);
    this.pdf.text(drawable(text), x, y, {
      width,
      lineGap: style.lineGap,
      align: options.align ?? 'left',
      features: features(options.tabular ?? false),
      ...(options.maxHeight === undefined ? {} : { height: options.maxHeight, ellipsis: true }),
    });
  }

  /**
   * Writes `text` at the cursor, wrapped at `width`, going on over as many pages as it
   * needs: what fits goes on this page (whole words), the rest on the next. Moves the
   * cursor below the text.
   */
  flow(text: string, style: TextStyle, x: number, width: number, color: string): void {
    let rest = drawable(text).trim();
    while (rest !== '') {
      const fits = this.fittingWords(rest, style, width);
      if (fits === rest) {
        const height = this.measure(rest, style, width);
        this.write(rest, style, x, this.y, width, { color });
        this.y += height;
        return;
      }
      if (fits !== '') this.write(fits, style, x, this.y, width, { color });
      else if (this.y === Canvas.firstLineAfterRunningHead()) {
        // one "word" taller than a whole page: it is cut there, so the flow always ends
        this.write(rest, style, x, this.y, width, { color, maxHeight: this.room() });
        this.y = CONTENT_BOTTOM;
        return;
      }
      this.newPage();
      rest = rest.slice(fits.length).trimStart();
    }
  }

  /** the longest run of whole words from the start of `text` that fits in the room left */
  private fittingWords(text: string, style: TextStyle, width: number): string {
    if (this.measure(text, style, width) <= this.room()) return text;
    const ends = [...text.matchAll(/\S+/g)].map((word) => word.index + word[0].length);
    let fit = 0; // ends[fit - 1] is the end of the longest prefix known to fit
    let low = 1;
    let high = ends.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.measure(text.slice(0, ends[middle - 1]), style, width) <= this.room()) {
        fit = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    return fit === 0 ? '' : text.slice(0, ends[fit - 1]);
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
    this.page++;
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

function features(tabular: boolean): PDFKit.Mixins.OpenTypeFeatures[] {
  return tabular ? TABULAR_FEATURES : TEXT_FEATURES;
}
