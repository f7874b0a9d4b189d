import PDFDocument from 'pdfkit';
import { Canvas, FONT_NAME } from './canvas';
import { finishPdf, type FinishedDocument } from './finish';
import { addSignaturePlaceholder, signPdf, type Signing } from './signing';
import { documentFonts } from './fonts';
import { CONTENT_WIDTH, FOOTER_RULE_Y, FOOTER_TEXT_Y, INK, MARGIN, PAGE, TYPE, type TextStyle } from './layout';
import { drawTable, type Table } from './table';

/** What heads a document and names it. */
export interface DocumentHead {
  /** the department's name; null (or blank) when Settings does not name one: the head then says so */
  department: string | null;
  /** what the document is: "Purge certificate" */
  title: string;
  /** one line under the title */
  subtitle: string;
  /**
   * what tells this document from every other the workspace makes ("Purge certificate,
   * run 42"): in the footer of every page and the PDF's subject
   */
  identity: string;
  /** when the record was made: the PDF's creation date, given so the same data gives the same bytes */
  madeAt: Date;
}

export interface Field {
  label: string;
  value: string;
  /** the value in bold */
  strong?: boolean;
  /** the value on its own line below the label, across the page (a hash that must not wrap) */
  wide?: boolean;
}

export const DEPARTMENT_NOT_NAMED = 'Department not named in Settings';

const LABEL_WIDTH = 150;
const FIELD_GAP = 5;
const SECTION_SPACE = 16;
/** from the foot of a heading's text to what follows, its rule between */
const SECTION_RULE_SPACE = 10;
/** text up to this tall (about five lines) is kept on one page; taller text flows over pages */
const KEEP_TOGETHER = 72;
/** a heading is not left alone at the foot of a page: this much must fit below it */
const KEEP_WITH_HEADING = 40;
const NOTICE_PAD = 9;
const PAGE_NUMBER_WIDTH = 80;

/**
 * A record laid out on US Letter pages: the department and title at the head, then
 * sections of labelled fields, paragraphs, notices, tables that flow across pages and
 * a section to sign; every page carries a footer with the document's identity and
 * "Page n of m". Made in one go, then `finish()` turns it into bytes and their hash.
 *
 * The same head and content give the same bytes: the creation date is `madeAt`, and
 * pdfkit derives the file's ID from the document information (title, subject, author,
 * creation date), so nothing depends on the clock or on chance.
 */
export class RecordDocument {
  private readonly pdf: PDFKit.PDFDocument;
  private readonly canvas: Canvas;
  /** the department's name, or null when there is none (an empty name is none) */
  private readonly department: string | null;
  private finished = false;

  constructor(private readonly head: DocumentHead) {
    this.department = head.department?.trim() || null;
    const fonts = documentFonts();
    this.pdf = new PDFDocument({
      size: [PAGE.width, PAGE.height],
      // no bottom margin for pdfkit: the canvas breaks pages itself (above the footer band),
      // so pdfkit never adds a page on its own, and the footer can be drawn below the content
      margins: { top: MARGIN.top, left: MARGIN.side, right: MARGIN.side, bottom: 0 },
      bufferPages: true,
      // streams are not deflated: compressed output may differ between zlib builds and processors
      // (Node's and Electron's zlib is Chromium's fork, whose match finding has used hardware
      // hashing where the processor has it), and the same data must give the same bytes on any
      // computer, in the app and the CLI alike. The cost: a two-page certificate is 44 kB, not 19 kB.
      compress: false,
      // the default font is Inter, so pdfkit never loads a standard font (Helvetica); pdfkit
      // takes a font's bytes here although its types say a name
      font: fonts.regular as unknown as string,
      lang: 'en-US',
      displayTitle: true,
      info: {
        Title: head.title,
        Subject: head.identity,
        ...(this.department === null ? {} : { Author: this.department }),
        Creator: 'Custodian',
        Producer: 'Custodian (PDFKit)',
        CreationDate: head.madeAt,
      },
    });
    this.pdf.registerFont(FONT_NAME.regular, fonts.regular);
    this.pdf.registerFont(FONT_NAME.bold, fonts.bold);
    this.canvas = new Canvas(this.pdf, `${this.department ?? DEPARTMENT_NOT_NAMED}  ·  ${head.title}`);
    this.drawHead();
  }

  private drawHead(): void {
    const { canvas, head, department } = this;
    this.line(department ?? DEPARTMENT_NOT_NAMED, TYPE.department, department === null ? INK.muted : INK.text, 4);
    this.line(head.title, TYPE.title, INK.text, 3);
    this.line(head.subtitle, TYPE.subtitle, INK.muted, 8);
    canvas.rule(canvas.y, INK.text, 1.4);
    canvas.y += 10;
  }

  /**
   * Text across the page, then `after` points of space: on one page when it is short
   * enough (a few lines), otherwise flowing on over the next pages.
   */
  private line(text: string, style: TextStyle, color: string, after: number): void {
    const { canvas } = this;
    const height = canvas.measure(text, style, CONTENT_WIDTH);
    if (height <= KEEP_TOGETHER) canvas.ensureRoom(height);
    canvas.flow(text, style, canvas.left, CONTENT_WIDTH, color);
    canvas.y += after;
  }

  /** a section heading, kept with what follows it */
  section(title: string): this {
    this.startSection(title, KEEP_WITH_HEADING);
    return this;
  }

  /** the heading, on a new page unless it and `keepWith` points below it fit on this one */
  private startSection(title: string, keepWith: number): void {
    const { canvas } = this;
    const height = canvas.measure(title, TYPE.section, CONTENT_WIDTH);
    if (!canvas.ensureRoom(SECTION_SPACE + height + SECTION_RULE_SPACE + keepWith)) canvas.y += SECTION_SPACE;
    canvas.write(title, TYPE.section, canvas.left, canvas.y, CONTENT_WIDTH);
    canvas.y += height + 3;
    canvas.rule(canvas.y, INK.faint);
    canvas.y += SECTION_RULE_SPACE - 3;
  }

  paragraph(text: string, options: { muted?: boolean } = {}): this {
    this.line(text, TYPE.body, options.muted ? INK.muted : INK.text, 6);
    return this;
  }

  /** a boxed notice that must not be missed (a drill, a warning), kept on one page */
  notice(title: string, text: string): this {
    const { canvas } = this;
    const width = CONTENT_WIDTH - 2 * NOTICE_PAD;
    const titleHeight = canvas.measure(title, TYPE.bodyStrong, width);
    const textHeight = canvas.measure(text, TYPE.body, width);
    const height = titleHeight + 2 + textHeight + 2 * NOTICE_PAD;
    canvas.ensureRoom(height);
    canvas.shade(canvas.left, canvas.y, CONTENT_WIDTH, height, INK.stripe);
    canvas.box(canvas.left, canvas.y, CONTENT_WIDTH, height, 1.6);
    canvas.write(title, TYPE.bodyStrong, canvas.left + NOTICE_PAD, canvas.y + NOTICE_PAD, width);
    canvas.write(text, TYPE.body, canvas.left + NOTICE_PAD, canvas.y + NOTICE_PAD + titleHeight + 2, width);
    canvas.y += height + 10;
    return this;
  }

  /**
   * Labels on the left, their values beside them (or, `wide`, below them). A field is kept
   * on one page when it is short enough; a longer value flows on over the next pages.
   */
  fields(fields: readonly Field[]): this {
    const { canvas } = this;
    for (const field of fields) {
      const valueStyle = field.strong ? TYPE.bodyStrong : TYPE.body;
      const labelWidth = field.wide ? CONTENT_WIDTH : LABEL_WIDTH - 10;
      const valueWidth = field.wide ? CONTENT_WIDTH : CONTENT_WIDTH - LABEL_WIDTH;
      const labelHeight = canvas.measure(field.label, TYPE.label, labelWidth);
      const valueHeight = canvas.measure(field.value, valueStyle, valueWidth);
      const height = field.wide ? labelHeight + 2 + valueHeight : Math.max(labelHeight + 1, valueHeight);
      // kept together when it can be; a value that flows starts with at least its label and a line
      canvas.ensureRoom(height <= KEEP_TOGETHER ? height : labelHeight + 2 + KEEP_WITH_HEADING);
      const top = canvas.y;
      const page = canvas.page;
      canvas.write(field.label, TYPE.label, canvas.left, top + (field.wide ? 0 : 1), labelWidth, { color: INK.muted });
      canvas.y = field.wide ? top + labelHeight + 2 : top;
      canvas.flow(field.value, valueStyle, field.wide ? canvas.left : canvas.left + LABEL_WIDTH, valueWidth, INK.text);
      if (canvas.page === page) canvas.y = Math.max(canvas.y, top + labelHeight + 1);
      canvas.y += FIELD_GAP;
    }
    canvas.y += 2;
    return this;
  }

  /** a table that flows onto as many pages as it needs, its headings repeated on each */
  table(table: Table): this {
    if (table.rows.length === 0) return table.whenEmpty === undefined ? this : this.paragraph(table.whenEmpty, { muted: true });
    drawTable(this.canvas, table);
    this.canvas.y += 8;
    return this;
  }

  /**
   * A section of lines to sign on, side by side, each with its label below, after a
   * caption saying who signs; heading, caption and lines are kept on one page.
   */
  signOff(title: string, caption: string, labels: readonly string[]): this {
    const { canvas } = this;
    const gap = 18;
    const width = (CONTENT_WIDTH - gap * (labels.length - 1)) / labels.length;
    const captionHeight = canvas.measure(caption, TYPE.body, CONTENT_WIDTH);
    const writeOn = 30;
    const labelHeight = 14;
    this.startSection(title, captionHeight + writeOn + labelHeight);
    canvas.write(caption, TYPE.body, canvas.left, canvas.y, CONTENT_WIDTH);
    const lineY = canvas.y + captionHeight + writeOn;
    labels.forEach((label, i) => {
      const x = canvas.left + i * (width + gap);
      canvas.rule(lineY, INK.text, 0.8, x, width);
      canvas.write(label, TYPE.label, x, lineY + 3, width, { color: INK.muted });
    });
    canvas.y = lineY + labelHeight + 6;
    return this;
  }

  /**
   * The footer on every page, then the PDF's bytes, signed when `signing` is given (the
   * signature's field on the first page, signed at `madeAt`), and their hash; a document is
   * finished once.
   */
  async finish(signing?: Signing): Promise<FinishedDocument> {
    if (this.finished) throw new Error('This document is already finished.');
    this.finished = true;
    this.drawFooters();
    if (signing) {
      this.pdf.switchToPage(this.pdf.bufferedPageRange().start);
      addSignaturePlaceholder(this.pdf, signing, this.head.madeAt);
    }
    const bytes = await this.rendered();
    return finishPdf(signing ? await signPdf(bytes, signing, this.head.madeAt) : bytes);
  }

  private drawFooters(): void {
    const { canvas, pdf } = this;
    const { start, count } = pdf.bufferedPageRange();
    for (let page = start; page < start + count; page++) {
      pdf.switchToPage(page);
      canvas.rule(FOOTER_RULE_Y, INK.faint);
      const identityWidth = CONTENT_WIDTH - PAGE_NUMBER_WIDTH;
      canvas.write(this.head.identity, TYPE.small, canvas.left, FOOTER_TEXT_Y, identityWidth, { color: INK.muted, maxHeight: 10 });
      canvas.write(`Page ${page - start + 1} of ${count}`, TYPE.small, canvas.left + identityWidth, FOOTER_TEXT_Y, PAGE_NUMBER_WIDTH, {
        align: 'right',
        color: INK.muted,
      });
    }
  }

  private rendered(): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      this.pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.pdf.on('end', () => resolve(Buffer.concat(chunks)));
      this.pdf.on('error', reject);
      this.pdf.end();
    });
  }
}
