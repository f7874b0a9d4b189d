import { describe, expect, it } from 'vitest';
import { shownCoordinate, writtenCoordinate } from '../../src-main/core/reads/coordinates';

describe('coordinates at the precision the file had', () => {
  it('keeps the text a file wrote, trailing zeros and all', () => {
    expect(writtenCoordinate('37.3420')).toBe('37.3420');
    expect(writtenCoordinate(' -122.25 ')).toBe('-122.25');
    expect(writtenCoordinate('+37.5')).toBe('37.5');
    expect(writtenCoordinate('.5')).toBe('.5');
  });

  it('drops the binary noise of arithmetic printed past 15 significant digits (a spreadsheet cell, a JSON number)', () => {
    expect(String(37.34 + 0.002)).toBe('37.342000000000006');
    expect(writtenCoordinate(37.34 + 0.002)).toBe('37.342');
    expect(writtenCoordinate('37.342000000000006')).toBe('37.342');
    expect(writtenCoordinate(-95.27 + 0.01)).toBe('-95.26');
    expect(writtenCoordinate('0.30000000000000004')).toBe('0.3');
    // a genuine value with many digits, within 15, is kept
    expect(writtenCoordinate('37.0000333333333')).toBe('37.0000333333333');
    expect(writtenCoordinate('37.00003333333333')).toBe('37.0000333333333'); // the 16th digit is below a nanometre
    expect(writtenCoordinate('3.7342e1')).toBe('37.342');
  });

  it('shows stored text, or a number stored before the text was kept without its noise', () => {
    expect(shownCoordinate('37.3420', 37.342)).toBe('37.3420');
    expect(shownCoordinate(null, 37.342000000000006)).toBe('37.342');
    expect(shownCoordinate(null, null)).toBeNull();
  });
});
