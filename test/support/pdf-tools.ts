import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO } from './cli';

/**
 * Poppler's command-line tools on a PDF file: what a reader of the document gets. They
 * are required (Debian's poppler-utils): a document test without them would prove nothing.
 */
function poppler(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** pdfinfo's fields ("Pages", "Title", …); pdfinfo fails on a file that is not a readable PDF */
export function pdfInfo(file: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const line of poppler('pdfinfo', [file]).split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match) fields[match[1]!] = match[2]!;
  }
  return fields;
}

/** the text of every page, in reading order (or of page `page` alone), laid out as on the page */
export function pdfText(file: string, page?: number): string {
  const pages = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return poppler('pdftotext', ['-layout', ...pages, file, '-']);
}

export interface PdfWord {
  page: number;
  text: string;
  /** its box in points from the top left of the page */
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

/** every word on every page with where it is (pdftotext -bbox) */
export function pdfWords(file: string): PdfWord[] {
  const words: PdfWord[] = [];
  let page = 0;
  for (const line of poppler('pdftotext', ['-bbox', file, '-']).split('\n')) {
    if (line.includes('<page ')) page++;
    const match = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
    if (!match) continue;
    const [xMin, yMin, xMax, yMax] = match.slice(1, 5).map(Number) as [number, number, number, number];
    const text = match[5]!
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    words.push({ page, text, xMin, yMin, xMax, yMax });
  }
  return words;
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
}

/** every font the pages use, as pdffonts lists them */
export function pdfFonts(file: string): PdfFont[] {
  const lines = poppler('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
  return lines.map((line) => {
    // name, type (may contain spaces), encoding, then emb sub uni (yes/no) and the object id
    const match = /^(\S+)\s+(.+?)\s{2,}\S+\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(line.trim());
    if (!match) throw new Error(`pdffonts printed a line this test cannot read: ${line}`);
    return { name: match[1]!, type: match[2]!, embedded: match[3] === 'yes' };
  });
}

/** where page images go for people to look at: test-results/documents/ */
export const DOCUMENT_IMAGES = path.join(REPO, 'test-results', 'documents');

/** each page rendered to test-results/documents/<name>-<n>.png (pdftoppm, 100 dpi); the files written */
export function renderPages(file: string, name: string): string[] {
  fs.mkdirSync(DOCUMENT_IMAGES, { recursive: true });
  for (const old of fs.readdirSync(DOCUMENT_IMAGES).filter((f) => f.startsWith(`${name}-`))) fs.rmSync(path.join(DOCUMENT_IMAGES, old));
  poppler('pdftoppm', ['-r', '100', '-png', file, path.join(DOCUMENT_IMAGES, name)]);
  return fs
    .readdirSync(DOCUMENT_IMAGES)
    .filter((f) => new RegExp(`^${name}-\\d+\\.png$`).test(f))
    .sort()
    .map((f) => path.join(DOCUMENT_IMAGES, f));
}
