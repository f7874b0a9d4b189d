import crypto from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand survives.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 160 random bits as eight groups of four characters, e.g. 7K3M-Q9XP-… */
export function newRecoveryCode(): string {
  const bytes = crypto.randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/** Accepts the code as a person might type it: any case, spaces or dashes, O for 0, I/L for 1. */
export function normaliseRecoveryCode(input: string): string {
  const clean = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return (clean.match(/.{1,4}/g) ?? []).join('-');
}
