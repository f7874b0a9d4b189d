import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { entryHash, entryHashHex, genesisHash, HASHED_COLUMNS } from '../../src-main/core/audit/chain';

const row = {
  seq: 7,
  at: '2026-11-29T10:15:00.123Z',
  account_id: 3,
  username: 'jdoe',
  full_name: 'Jane Doe',
  role: 'member',
  operation: 'alpr.holdings',
  objects: '{"input":{}}',
  case_number: '26-0042',
  purpose: 'Stolen vehicle reported 2026-11-28',
  outcome: 'ok',
  reason: null,
  workstation: 'RECORDS-DESK-1',
};

/** The definition, written out the slow, obvious way. */
function referenceHash(prev: Buffer, values: unknown[]): string {
  return crypto.createHash('sha256').update(prev).update(JSON.stringify(values), 'utf8').digest('hex');
}

describe('the access-log entry hash', () => {
  const prev = genesisHash('4d07a731-2897-4cee-886e-cbe509dd2e1a');

  it('is pinned: the bytes hashed never change without this test noticing', () => {
    expect(prev.toString('hex')).toBe(
      crypto
        .createHash('sha256')
        .update('custodian-audit-genesis-v1\0' + '4d07a731-2897-4cee-886e-cbe509dd2e1a')
        .digest('hex'),
    );
    expect(entryHash(prev, row).toString('hex')).toBe('4d9a61305b97b0d8edbf1477d0f7ad26cfb2e1a63f00d64ec0c29adcca1379dd');
  });

  it('equals SHA-256(previous hash || JSON of the columns in order), also for non-ASCII and very large entries', () => {
    const values = HASHED_COLUMNS.map((c) => row[c]);
    expect(entryHashHex(prev.toString('hex'), values)).toBe(referenceHash(prev, values));
    const unusual = { ...row, full_name: 'Zoë Ñúñez 李雷 🚓', objects: JSON.stringify({ note: 'x'.repeat(200_000) }) };
    const unusualValues = HASHED_COLUMNS.map((c) => unusual[c]);
    expect(entryHashHex(prev.toString('hex'), unusualValues)).toBe(referenceHash(prev, unusualValues));
    // and a small one again after the scratch buffer grew
    expect(entryHashHex(prev.toString('hex'), values)).toBe(referenceHash(prev, values));
  });

  it('changes when any hashed column changes', () => {
    const base = entryHash(prev, row).toString('hex');
    for (const column of HASHED_COLUMNS) {
      const changed = { ...row, [column]: column === 'seq' || column === 'account_id' ? 99 : 'changed' };
      expect(entryHash(prev, changed).toString('hex'), column).not.toBe(base);
    }
  });
});
