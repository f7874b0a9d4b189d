/**
 * Plate-pattern semantics, table by table: what a pattern matches and what it must not,
 * the OCR misread pairs, one missing or extra character, and the trigram sets the index
 * is asked for (every OCR-close plate must be inside them).
 */
import { describe, expect, it } from 'vitest';
import {
  classGlob,
  classPrefixes,
  normalisePattern,
  ocrCloseness,
  ocrForm,
  ocrVariants,
  patternMatcher,
} from '../../src-main/core/reads/plates';

describe('wildcard patterns', () => {
  const cases: [pattern: string, matches: string[], mustNot: string[]][] = [
    ['7ABC123', ['7ABC123'], ['7ABC1234', '7ABC12', '7A8C123', 'X7ABC123']],
    ['AB?12*', ['ABX12', 'AB912CD', 'ABC12Q'], ['AB12', 'ABXY12', 'XAB912']],
    ['*7X4*', ['7X4', 'A7X4B', '1237X4'], ['7X', '7XX4', '7Y4']],
    ['*BC12*', ['BC12', 'ABC123', 'XY7BC129'], ['B C12', 'BC1', 'BXC12']],
    ['??1', ['AB1', '001'], ['A1', 'ABC1']],
    ['A*B*C', ['ABC', 'AXXBYYC'], ['AB', 'ACB']],
  ];
  it.each(cases)('%s', (pattern, matches, mustNot) => {
    const match = patternMatcher(normalisePattern(pattern));
    for (const plate of matches) expect(match(plate), `${pattern} should match ${plate}`).toBe(true);
    for (const plate of mustNot) expect(match(plate), `${pattern} must not match ${plate}`).toBe(false);
  });

  it('reads a pattern as typed: case, spaces and dashes do not matter; repeated * is one', () => {
    expect(normalisePattern(' ab-?1 2** ')).toBe('AB?12*');
  });
});

describe('OCR-aware closeness', () => {
  const pairs: [string, string][] = [
    ['0', 'O'],
    ['0', 'Q'],
    ['0', 'D'],
    ['O', 'Q'],
    ['O', 'D'],
    ['Q', 'D'],
    ['1', 'I'],
    ['1', 'L'],
    ['I', 'L'],
    ['2', 'Z'],
    ['5', 'S'],
    ['8', 'B'],
    ['6', 'G'],
  ];
  it.each(pairs)('%s and %s are a misread pair, both ways', (a, b) => {
    expect(ocrCloseness(`7${a}X9`, `7${b}X9`)).toEqual({ distance: 1, difference: `${a} read as ${b}` });
    expect(ocrCloseness(`7${b}X9`, `7${a}X9`)).toEqual({ distance: 1, difference: `${b} read as ${a}` });
    expect(ocrForm(a)).toBe(ocrForm(b));
  });

  it.each([
    ['7', 'Z'],
    ['C', '0'],
    ['A', '4'],
    ['U', 'V'],
    ['M', 'N'],
    ['E', 'F'],
  ])('%s and %s are not', (a, b) => {
    expect(ocrCloseness(`K${a}X9`, `K${b}X9`)).toBeNull();
  });

  it('ranks: as typed 0, each misread 1, a missing or extra character 2, anything further no match', () => {
    expect(ocrCloseness('8ABC100', '8ABC100')).toEqual({ distance: 0, difference: null });
    expect(ocrCloseness('8ABC100', 'BABC1OO')?.distance).toBe(3);
    expect(ocrCloseness('8ABC100', '8ABC10')).toEqual({ distance: 2, difference: '"0" missing from the read' });
    expect(ocrCloseness('8ABC100', '8ABXC100')).toEqual({ distance: 2, difference: 'extra "X" in the read' });
    expect(ocrCloseness('8ABC100', 'ABC100')).toEqual({ distance: 2, difference: '"8" missing from the read' });
    expect(ocrCloseness('8ABC100', '8A8C1O')).toEqual({ distance: 4, difference: '"0" missing from the read; B read as 8, 0 read as O' });
    expect(ocrCloseness('8ABC100', '8ABC1')).toBeNull(); // two missing
    expect(ocrCloseness('8ABC100', '8ABC1000X')).toBeNull(); // two extra
    expect(ocrCloseness('8ABC100', '8AXC100')).toBeNull(); // B and X are not a pair
  });

  it('gives the index shapes that hold every plate within one character, misreads included, and no other', () => {
    const shapes = ocrVariants('7ABC123').map((v) => new RegExp(`^${classGlob(v).replace(/\?/g, '.')}$`));
    const near = ['7ABC123', '7A8C123', '7ABC12', 'ABC123', '7ABCX123', '7ABC1234', 'X7ABC123', '7BC123', 'Z7A8C1Z3'.slice(1)];
    for (const plate of near)
      expect(
        shapes.some((shape) => shape.test(plate)),
        plate,
      ).toBe(true);
    for (const plate of ['7ABC1', '7XBC123', '7ABC12345', 'Z7ABC1234'])
      expect(
        shapes.some((shape) => shape.test(plate)),
        plate,
      ).toBe(false);
    expect(classGlob('8?01')).toBe('[8B]?[0OQD][1IL]');
    expect(classPrefixes('80X', 2).sort()).toEqual(['80', '8D', '8O', '8Q', 'B0', 'BD', 'BO', 'BQ']);
  });
});
