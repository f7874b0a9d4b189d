/**
 * The purge certificate as a reader gets it, through poppler's tools on real files: a valid
 * PDF whose text carries the counts, the periods and cut-offs, who ran it, the hash of the
 * destroyed ids and the access-log sequence numbers; 300 kept groups flowing over several
 * pages with the table's headings on each; Inter embedded and no other font; the same data
 * giving the same bytes. Every page is rendered to test-results/documents/ to be looked at.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeCertificatePdf, type PurgeCertificateData } from '../../src-main/core/retention/certificate';
import { DESTROYED_IDS_SHA256, LONG, SHORT } from '../fixtures/purge-certificates';
import { pdfFonts, pdfInfo, pdfText, renderPages } from '../support/pdf-tools';
import { removeTempFolders, tempFolder } from '../support/temp';

afterAll(removeTempFolders);

const folder = tempFolder('certificate');

async function written(name: string, data: PurgeCertificateData): Promise<{ file: string; bytes: Buffer; sha256: string }> {
  const { bytes, sha256 } = await purgeCertificatePdf(data);
  const file = path.join(folder, `${name}.pdf`);
  fs.writeFileSync(file, bytes);
  return { file, bytes, sha256 };
}

/** every run of spaces as one, so words laid out in columns compare as a line */
const squeezed = (text: string) => text.replace(/[ \t]+/g, ' ');

describe('a purge certificate with two holds', () => {
  let file: string;
  let text: string;

  beforeAll(async () => {
    ({ file } = await written('short', SHORT));
    text = squeezed(pdfText(file));
  });

  it('is a PDF pdfinfo reads, named in its metadata, on US Letter pages', () => {
    const info = pdfInfo(file);
    expect(info.Title).toBe('Purge certificate');
    expect(info.Author).toBe('Parsons Police Department');
    expect(info.Subject).toContain('run 42');
    expect(info['Page size']).toContain('612 x 792');
    expect(Number(info.Pages)).toBe(2);
  });

  it('carries the department, the run, who ran it, the period and both cut-offs', () => {
    expect(text).toContain('Parsons Police Department');
    expect(text).toContain('Purge certificate');
    expect(text).toContain('Purge run 42');
    expect(text).toContain('Dana Whitfield (dwhitfield)');
    expect(text).toContain('Started 2026-12-07 02:00:00 UTC');
    expect(text).toContain('Finished 2026-12-07 02:00:09 UTC');
    expect(text).toContain('30 days (2,592,000 seconds)');
    expect(text).toContain('Cut-off 2026-11-07 02:00:00 UTC: reads captured before this instant');
    expect(text).toContain('730 days (63,072,000 seconds)');
    expect(text).toContain('Vendor audit cut-off 2024-12-07 02:00:00 UTC');
    expect(text).not.toMatch(/DRILL/);
  });

  it('carries the counts destroyed per category and kept per case and hold', () => {
    expect(text).toMatch(/Plate reads 1,000,000/);
    expect(text).toMatch(/then its file\) 100,000/);
    expect(text).toMatch(/Search-index rows of those reads 2,000,417/);
    expect(text).toMatch(/Hot-list alert links to those reads 17/);
    expect(text).toMatch(/Vendor audit rows \(search audits and event logs\) 5,321/);
    // sorted by case number, each with its hold and count, then the total
    expect(text).toMatch(
      /26-0042 #1 Investigation: everything from import 12 5,000\n[\s\S]*26-1187 #3 Evidence: reads matching AB\*12 from 1–3 May 214/,
    );
    expect(text).toMatch(/2 holds 5,214/);
    expect(text).toContain('5,214 reads captured before the cut-off, kept by 2 holds');
  });

  it('carries the hash of the destroyed ids, how to check it, and the access-log sequence numbers', () => {
    expect(text).toContain(DESTROYED_IDS_SHA256);
    expect(text).toContain('in ascending order, one per line, each line');
    expect(text).toContain('sort -n ids.txt | sha256sum');
    expect(text).toContain('Sequence numbers 1204 to 1230 (27 entries)');
  });

  it('has a footer on every page with its identity and page n of m', () => {
    for (const page of [1, 2]) {
      const pageText = squeezed(pdfText(file, page));
      expect(pageText).toContain(`Page ${page} of 2`);
      expect(pageText).toContain('Custodian purge certificate · run 42 · finished 2026-12-07 02:00:09 UTC');
    }
  });

  it('embeds Inter, regular and bold, and uses no other font', () => {
    const fonts = pdfFonts(file);
    expect(fonts.map((font) => font.name.replace(/^[A-Z]{6}\+/, '')).sort()).toEqual(['Inter-Bold', 'Inter-Regular']);
    expect(fonts.every((font) => font.embedded)).toBe(true);
    // not even an unused standard font is declared
    expect(fs.readFileSync(file, 'latin1')).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier|Symbol|ZapfDingbats)/);
  });

  it('renders every page to PNG (test-results/documents/certificate-short-*.png)', () => {
    const images = renderPages(file, 'certificate-short');
    expect(images).toHaveLength(2);
    for (const image of images) expect(fs.statSync(image).size).toBeGreaterThan(10_000);
  });
});

describe('a purge certificate keeping 300 groups, as of a drill, run on schedule, without a department', () => {
  let file: string;
  let pages: number;

  beforeAll(async () => {
    ({ file } = await written('long', LONG));
    pages = Number(pdfInfo(file).Pages);
  });

  it('flows the kept groups over several pages, each page of the table starting with its headings again', () => {
    expect(pages).toBeGreaterThanOrEqual(8);
    let pagesContinued = 0;
    for (let page = 1; page <= pages; page++) {
      const pageText = squeezed(pdfText(file, page));
      expect(pageText).toContain(`Page ${page} of ${pages}`);
      if (page > 1) expect(pageText).toContain('Department not named in Settings · Purge certificate');
      if (!pageText.includes('Kept by holds, continued')) continue;
      pagesContinued++;
      expect(pageText).toMatch(/Kept by holds, continued\n\s*Case Hold What the hold keeps Reads kept\n/);
    }
    // the table starts on one page and continues on every page after it
    expect(pagesContinued).toBeGreaterThanOrEqual(6);
    expect(squeezed(pdfText(file, pages))).toContain('Kept by holds, continued');
  });

  it('lists every group exactly once, in order, with the total of all', () => {
    const text = squeezed(pdfText(file));
    const rows = [...text.matchAll(/^ ?(26-\d{4}) #(\d+) /gm)].map((match) => [match[1], Number(match[2])]);
    expect(rows).toEqual(LONG.kept.map((group) => [group.caseNumber, group.holdId]));
    const total = LONG.kept.reduce((sum, group) => sum + group.reads, 0);
    expect(text).toContain(`300 holds ${total.toLocaleString('en-US')}`);
    // each label wrapped over three lines keeps its last line
    const wrapped = LONG.kept.filter((group) => group.holdLabel.endsWith('2026-CV-0133')).length;
    expect(text.match(/under subpoena 2026-CV-0133/g)).toHaveLength(wrapped);
  });

  it('marks the as-of as a drill, says the run was scheduled, and that the department is not named', () => {
    const first = squeezed(pdfText(file, 1));
    expect(first).toContain('DRILL: this purge ran as of 2026-06-01 12:00:00 UTC, a time set for a drill or a test');
    expect(first).toContain('As of 2026-06-01 12:00:00 UTC (drill or test: set by hand');
    expect(first).toContain('Run by Scheduled: started by Custodian itself');
    expect(first).toContain('Department not named in Settings');
    expect(pdfInfo(file).Author).toBeUndefined();
    expect(squeezed(pdfText(file))).toContain('Sequence number 77 (1 entry)');
  });

  it('renders every page to PNG (test-results/documents/certificate-long-*.png)', () => {
    const images = renderPages(file, 'certificate-long');
    expect(images).toHaveLength(pages);
  });
});

describe('the same data', () => {
  it('gives the same bytes, and finish() hashes exactly those bytes', async () => {
    const first = await purgeCertificatePdf(LONG);
    const second = await purgeCertificatePdf(structuredClone(LONG));
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect(second.sha256).toBe(first.sha256);
    expect(first.sha256).toBe(crypto.createHash('sha256').update(first.bytes).digest('hex'));
  });

  it('and other data other bytes, with another file ID', async () => {
    const fileId = (bytes: Buffer) => /\/ID \[<([0-9a-f]+)>/.exec(bytes.toString('latin1'))?.[1];
    const one = await purgeCertificatePdf(SHORT);
    const other = await purgeCertificatePdf({ ...SHORT, runId: 44 });
    expect(other.sha256).not.toBe(one.sha256);
    expect(fileId(one.bytes)).toMatch(/^[0-9a-f]{32}$/);
    expect(fileId(other.bytes)).not.toBe(fileId(one.bytes));
  });
});

describe('text the fonts cannot draw', () => {
  it('is written as its base letter, or "?", never dropped', async () => {
    const { file } = await written('letters', {
      ...SHORT,
      ranBy: { name: 'Zoë Łukasiewicz-Dvořák', username: 'zl' },
      kept: [{ caseNumber: '26-0001', holdId: 1, holdLabel: 'Evidence:\nline two\tand a tab', reads: 1 }],
    });
    const text = squeezed(pdfText(file));
    expect(text).toContain('Zoë ?ukasiewicz-Dvorák (zl)');
    expect(text).toContain('Evidence: line two and a tab');
  });
});

describe('a time that is not one', () => {
  it('is refused, and no document comes out', async () => {
    await expect(purgeCertificatePdf({ ...SHORT, cutOff: 'yesterday' })).rejects.toMatchObject({
      kind: 'failed',
      message: expect.stringMatching(/cutOff is not a time: "yesterday"/),
    });
  });
});
