import { describe, expect, it } from 'vitest';
import { newRecoveryCode, normaliseRecoveryCode } from '../../src-main/core/auth/recovery-code';

// Crockford's base32: digits and capitals without I, L, O or U.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUP = '[0-9A-HJKMNP-TV-Z]{4}';
const RECOVERY_CODE = new RegExp(`^${GROUP}(?:-${GROUP}){7}$`);

describe('a new recovery code', () => {
  const codes = Array.from({ length: 500 }, () => newRecoveryCode());

  it('is eight groups of four Crockford base32 characters, joined by dashes', () => {
    for (const code of codes) {
      expect(code).toMatch(RECOVERY_CODE);
      expect(code).toHaveLength(39);
      expect(code.split('-')).toHaveLength(8);
    }
  });

  it('never uses the letters that are easy to misread (I, L, O, U)', () => {
    expect(codes.join('')).not.toMatch(/[ILOU]/);
  });

  it('is different every time', () => {
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('draws on the whole alphabet, in every position', () => {
    const letters = codes.join('').replace(/-/g, '');
    expect(new Set(letters)).toEqual(new Set(CROCKFORD));
    // 500 codes give 500 characters for each of the 32 positions; each should see many letters.
    for (let position = 0; position < 32; position++) {
      const seen = new Set(codes.map((c) => c.replace(/-/g, '')[position]));
      expect(seen.size, `position ${position}`).toBeGreaterThan(24);
    }
  });

  it('is already in the form that normalising produces', () => {
    for (const code of codes.slice(0, 50)) expect(normaliseRecoveryCode(code)).toBe(code);
  });
});

describe('reading back a recovery code as a person typed it', () => {
  const code = '7K3M-Q9XP-0A1B-C2D3-E4F5-G6H7-J8K9-MNPQ';

  it('accepts the code exactly as shown', () => {
    expect(normaliseRecoveryCode(code)).toBe(code);
  });

  it('accepts lower case', () => {
    expect(normaliseRecoveryCode(code.toLowerCase())).toBe(code);
  });

  it('accepts spaces instead of dashes, extra spaces and tabs', () => {
    expect(normaliseRecoveryCode(code.replace(/-/g, ' '))).toBe(code);
    expect(normaliseRecoveryCode(`  ${code.replace(/-/g, '  ')}\t`)).toBe(code);
  });

  it('accepts the code run together with no dashes', () => {
    expect(normaliseRecoveryCode(code.replace(/-/g, ''))).toBe(code);
  });

  it('reads the letter O as the digit zero', () => {
    expect(normaliseRecoveryCode('7K3M-Q9XP-OA1B-C2D3-E4F5-G6H7-J8K9-MNPQ')).toBe(code);
    expect(normaliseRecoveryCode('7k3m-q9xp-oa1b-c2d3-e4f5-g6h7-j8k9-mnpq')).toBe(code);
  });

  it('reads the letters I and L as the digit one', () => {
    expect(normaliseRecoveryCode('7K3M-Q9XP-0AIB-C2D3-E4F5-G6H7-J8K9-MNPQ')).toBe(code);
    expect(normaliseRecoveryCode('7K3M-Q9XP-0ALB-C2D3-E4F5-G6H7-J8K9-MNPQ')).toBe(code);
    expect(normaliseRecoveryCode('7k3m q9xp 0alb c2d3 e4f5 g6h7 j8k9 mnpq')).toBe(code);
    expect(normaliseRecoveryCode('7k3m q9xp 0aib c2d3 e4f5 g6h7 j8k9 mnpq')).toBe(code);
  });

  it('reads back any new code after all of these slips at once', () => {
    for (let i = 0; i < 50; i++) {
      const fresh = newRecoveryCode();
      const typed = fresh
        .replace(/0/g, 'o')
        .replace(/1/g, i % 2 ? 'l' : 'I')
        .replace(/-/g, ' ')
        .toLowerCase();
      expect(normaliseRecoveryCode(typed)).toBe(fresh);
    }
  });

  it('does not turn a wrong code into a right one', () => {
    expect(normaliseRecoveryCode(code.slice(0, -1))).not.toBe(code);
    expect(normaliseRecoveryCode(code.replace('7K3M', '7K3N'))).not.toBe(code);
  });
});
