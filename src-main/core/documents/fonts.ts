import fs from 'node:fs';
import { createRequire } from 'node:module';
import { sfntFromWoff } from './woff';

/**
 * The typeface every document is set in: Inter (SIL Open Font License), regular and bold,
 * embedded (as subsets) in each PDF, so a document looks the same on every computer and
 * the standard PDF fonts, which are not embedded, are never used for text.
 *
 * Where the files come from: the `@fontsource/inter` package, a runtime dependency, resolved
 * with `require.resolve` from this module (the way `auth/passwords.ts` finds its list).
 * - Under Node from the repository (the tests, tsx, the `custodian` command in dist-node),
 *   that finds `node_modules/@fontsource/inter/files/…` above this file.
 * - In the packaged app this code is in `out/main/index.js` inside `resources/app.asar`, and
 *   electron-builder puts the production `node_modules` (package.json "dependencies", which
 *   lists @fontsource/inter) in the same archive, so the same resolution finds
 *   `app.asar/node_modules/@fontsource/inter/files/…`; Electron's `fs` reads files inside
 *   the asar as it reads any other. The files are read here, unpacked from WOFF (woff.ts) and
 *   handed to pdfkit as bytes.
 * Nothing is fetched from anywhere.
 */
const FONT_FILES = {
  regular: '@fontsource/inter/files/inter-latin-400-normal.woff',
  bold: '@fontsource/inter/files/inter-latin-700-normal.woff',
} as const;

export type FontWeight = keyof typeof FONT_FILES;

let loaded: Record<FontWeight, Buffer> | undefined;

/** The fonts as OpenType bytes, read and unpacked once. */
export function documentFonts(): Record<FontWeight, Buffer> {
  if (!loaded) {
    const require = createRequire(__filename);
    loaded = {
      regular: sfntFromWoff(fs.readFileSync(require.resolve(FONT_FILES.regular))),
      bold: sfntFromWoff(fs.readFileSync(require.resolve(FONT_FILES.bold))),
    };
  }
  return loaded;
}

/**
 * The characters both font files draw: printable Basic Latin and Latin-1, and the
 * punctuation documents use. (The files' "latin" subset declares a wider range, but not
 * every character in it has a glyph; test/unit/documents-fonts.test.ts checks each one
 * listed here against both files.)
 */
const DRAWN_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0xac], // (not 0xad, the soft hyphen: the fonts have no glyph for it)
  [0xae, 0xff],
  [0x2013, 0x2014], // en and em dash
  [0x2018, 0x2019], // single quotes
  [0x201c, 0x201d], // double quotes
  [0x2022, 0x2022], // bullet
  [0x2026, 0x2026], // ellipsis
  [0x2212, 0x2212], // minus sign
];

export function isDrawn(codePoint: number): boolean {
  return DRAWN_RANGES.some(([first, last]) => codePoint >= first && codePoint <= last);
}

/** What stands for a character the fonts cannot draw (rather than an empty box or nothing). */
export const UNDRAWABLE = '?';

/**
 * Text as the fonts can draw it: line breaks, tabs and other control characters become
 * spaces; characters meant to be invisible (a soft hyphen, a zero-width space) are left
 * out; a letter the fonts lack is written as its base letter when it has one ("ő" → "o",
 * from its Unicode decomposition), otherwise as "?". A record never silently loses a
 * character: what cannot be drawn shows where it was.
 */
export function drawable(text: string): string {
  let out = '';
  for (const char of text) {
    const codePoint = char.codePointAt(0)!;
    if (isDrawn(codePoint)) out += char;
    else if (/\p{Cc}|\p{Zl}|\p{Zp}/u.test(char)) out += ' ';
    else if (/\p{Cf}/u.test(char)) continue;
    else out += baseLetter(char) ?? UNDRAWABLE;
  }
  return out;
}

function baseLetter(char: string): string | undefined {
  const base = char.normalize('NFD').replace(/\p{M}/gu, '');
  return base.length > 0 && [...base].every((c) => isDrawn(c.codePointAt(0)!)) ? base : undefined;
}
