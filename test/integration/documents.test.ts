/**
 * The documents layer on its own, read back with poppler: text longer than a page flows
 * onto the next pages losing no word, nothing is drawn over the footer or off the page, a
 * table's headings come back on each page it reaches, a cell taller than a page is cut with
 * an ellipsis, and a document is finished once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RecordDocument } from '../../src-main/core/documents/document';
import { CONTENT_BOTTOM, FOOTER_RULE_Y, MARGIN, PAGE } from '../../src-main/core/documents/layout';
import { pdfInfo, pdfText, pdfWords, renderPages, type PdfWord } from '../support/pdf-tools';
import { removeTempFolders, tempFolder } from '../support/temp';

afterAll(removeTempFolders);

const words = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i}`);
const PARAGRAPH = words('para', 2500);
const FIELD_VALUE = words('value', 900);
const HUGE_CELL = words('huge', 3000);

function layoutDocument(): RecordDocument {
  return new RecordDocument({
    department: 'Test Department',
    title: 'Layout check',
    subtitle: 'Every part of a document, each longer than a page',
    identity: 'Layout check, document 1',
    madeAt: new Date('2026-01-01T00:00:00Z'),
  })
    .notice('A notice', 'Kept on one page, in a box.')
    .section('A paragraph longer than a page')
    .paragraph(PARAGRAPH.join(' '))
    .section('Fields')
    .fields([
      { label: 'Short', value: 'one line' },
      { label: 'Longer than a page', value: FIELD_VALUE.join(' ') },
      { label: 'After it', value: 'fieldafter' },
    ])
    .section('A table')
    .table({
      name: 'Rows',
      columns: [
        { heading: 'Row', share: 1 },
        { heading: 'Text', share: 5 },
        { heading: 'Count', share: 1, numbers: true },
      ],
      rows: [
        ...Array.from({ length: 120 }, (_, i) => [
          `row${i}`,
          i % 10 === 0 ? words(`wrap${i}x`, 40).join(' ') : `text of row ${i}`,
          String(i),
        ]),
        ['rowhuge', HUGE_CELL.join(' '), '1'],
        ['rowlast', 'the row after the huge one', '2'],
      ],
      total: ['Total', '', '7,263'],
    })
    .signOff('Sign-off', 'Signed by the person checking.', ['Name', 'Signature', 'Date']);
}

describe('a document with text, fields and a table each longer than a page', () => {
  let file: string;
  let pages: number;
  let all: PdfWord[];

  beforeAll(async () => {
    const { bytes } = await layoutDocument().finish();
    file = path.join(tempFolder('documents'), 'layout.pdf');
    fs.writeFileSync(file, bytes);
    pages = Number(pdfInfo(file).Pages);
    all = pdfWords(file);
  });

  it('flows a long paragraph and a long field value over pages, every word once and in order', () => {
    expect(pages).toBeGreaterThanOrEqual(10);
    for (const expected of [PARAGRAPH, FIELD_VALUE]) {
      const prefix = expected[0]!.replace(/\d+$/, '');
      const found = all.filter((word) => new RegExp(`^${prefix}\\d+$`).test(word.text)).map((word) => word.text);
      expect(found).toEqual(expected);
    }
    const pageOf = (text: string) => all.find((word) => word.text === text)!.page;
    expect(pageOf('para2499')).toBeGreaterThan(pageOf('para0'));
    expect(pageOf('value899')).toBeGreaterThan(pageOf('value0'));
    expect(all.some((word) => word.text === 'fieldafter')).toBe(true);
  });

  it('draws nothing over the footer band or off the page', () => {
    const misplaced = all.filter(
      (word) =>
        word.xMin < MARGIN.side - 0.5 ||
        word.xMax > PAGE.width - MARGIN.side + 0.5 ||
        word.yMin < MARGIN.top - 0.5 ||
        (word.yMax > CONTENT_BOTTOM + 0.5 && word.yMin < FOOTER_RULE_Y) ||
        word.yMax > PAGE.height - 36,
    );
    expect(misplaced).toEqual([]);
  });

  it('repeats the table headings on every page the table reaches, and cuts a cell taller than a page', () => {
    const tablePages = new Set(all.filter((word) => /^row\d+$/.test(word.text)).map((word) => word.page));
    const [first] = [...tablePages].sort((a, b) => a - b);
    for (const page of tablePages) {
      const text = pdfText(file, page).replace(/[ \t]+/g, ' ');
      if (page === first) continue;
      expect(text).toMatch(/Rows, continued\n\s*Row Text Count\n/);
    }
    expect(all.filter((word) => /^row\d+$/.test(word.text))).toHaveLength(120);
    const huge = all.filter((word) => /^huge\d+/.test(word.text));
    expect(huge.length).toBeGreaterThan(100);
    expect(huge.length).toBeLessThan(HUGE_CELL.length);
    expect(huge.at(-1)!.text).toMatch(/…$/);
    expect(all.some((word) => word.text === 'rowlast')).toBe(true);
  });

  it('puts the identity and page n of m in the footer of every page', () => {
    for (let page = 1; page <= pages; page++) {
      const footer = all
        .filter((word) => word.page === page && word.yMin >= FOOTER_RULE_Y)
        .map((word) => word.text)
        .join(' ');
      expect(footer).toBe(`Layout check, document 1 Page ${page} of ${pages}`);
    }
  });

  it('renders to PNG (test-results/documents/layout-*.png)', () => {
    expect(renderPages(file, 'layout')).toHaveLength(pages);
  });
});

describe('the head', () => {
  it('says the department is not named when its name is blank, and puts no author in the metadata', async () => {
    const { bytes } = await new RecordDocument({
      department: '  ',
      title: 'Head',
      subtitle: 'Blank',
      identity: 'Head 1',
      madeAt: new Date(0),
    }).finish();
    const file = path.join(tempFolder('documents'), 'head.pdf');
    fs.writeFileSync(file, bytes);
    expect(pdfText(file, 1)).toMatch(/^\s*Department not named in Settings\n/);
    expect(pdfInfo(file).Author).toBeUndefined();
  });
});

describe('a finished document', () => {
  it('cannot be finished again', async () => {
    const document = new RecordDocument({
      department: null,
      title: 'Once',
      subtitle: 'Finished once',
      identity: 'Once',
      madeAt: new Date(0),
    });
    await document.finish();
    await expect(document.finish()).rejects.toThrow(/already finished/);
  });
});
