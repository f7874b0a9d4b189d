/**
 * The documents' fonts: found in the app's own files, unpacked from WOFF to the font it
 * wraps, and every character `drawable` lets through has a glyph in both weights.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentFonts, drawable, isDrawn } from '../../src-main/core/documents/fonts';
import { sfntFromWoff } from '../../src-main/core/documents/woff';

const repoRoot = path.resolve(__dirname, '../..');
const requireFromRoot = createRequire(path.join(repoRoot, 'package.json'));

/** fontkit, the font reader pdfkit uses, as a second opinion on the fonts */
interface Font {
  postscriptName: string;
  numGlyphs: number;
  hasGlyphForCodePoint(codePoint: number): boolean;
  glyphForCodePoint(codePoint: number): { advanceWidth: number };
}
const fontkit = requireFromRoot('fontkit') as { create(bytes: Buffer): Font };

const WOFF = (weight: 400 | 700) => path.join(repoRoot, `node_modules/@fontsource/inter/files/inter-latin-${weight}-normal.woff`);

describe('the fonts of documents', () => {
  it("are Inter regular and bold, read from the app's @fontsource/inter files and unpacked", () => {
    const fonts = documentFonts();
    expect(fontkit.create(fonts.regular).postscriptName).toBe('Inter-Regular');
    expect(fontkit.create(fonts.bold).postscriptName).toBe('Inter-Bold');
    expect(fonts.regular.equals(sfntFromWoff(fs.readFileSync(WOFF(400))))).toBe(true);
  });

  it('unpack from WOFF to the same font: same glyphs, same metrics', () => {
    for (const weight of [400, 700] as const) {
      const woff = fs.readFileSync(WOFF(weight));
      const packed = fontkit.create(woff);
      const unpacked = fontkit.create(sfntFromWoff(woff));
      expect(unpacked.postscriptName).toBe(packed.postscriptName);
      expect(unpacked.numGlyphs).toBe(packed.numGlyphs);
      for (const char of 'Ag7.#é—') {
        const codePoint = char.codePointAt(0)!;
        expect(unpacked.glyphForCodePoint(codePoint).advanceWidth).toBe(packed.glyphForCodePoint(codePoint).advanceWidth);
      }
    }
  });

  it('refuse a file that is not WOFF', () => {
    expect(() => sfntFromWoff(documentFonts().regular)).toThrow(/not WOFF 1\.0/);
  });

  it('draw every character drawable lets through, in both weights', () => {
    const fonts = [documentFonts().regular, documentFonts().bold].map((bytes) => fontkit.create(bytes));
    const missing: string[] = [];
    let drawn = 0;
    for (let codePoint = 0; codePoint <= 0xffff; codePoint++) {
      if (!isDrawn(codePoint)) continue;
      drawn++;
      for (const font of fonts) {
        if (!font.hasGlyphForCodePoint(codePoint)) missing.push(`U+${codePoint.toString(16)} in ${font.postscriptName}`);
      }
    }
    expect(missing).toEqual([]);
    expect(drawn).toBeGreaterThan(190);
  });
});

describe('drawable', () => {
  it('keeps what the fonts draw', () => {
    expect(drawable('Café “26-1187” – 1,000 · Zoë')).toBe('Café “26-1187” – 1,000 · Zoë');
  });

  it('writes a letter the fonts lack as its base letter, or "?"', () => {
    expect(drawable('Dvořák Łódź')).toBe('Dvorák ?ódz');
    expect(drawable('数')).toBe('?');
  });

  it('turns line breaks, tabs and other control characters into spaces', () => {
    expect(drawable('one\ntwo\tthree\r\nfour\u2028five\u0007')).toBe('one two three  four five ');
  });

  it('leaves out characters meant to be invisible', () => {
    expect(drawable('re\u00adcord\u200b 26\u2060-1187')).toBe('record 26-1187');
  });
});
