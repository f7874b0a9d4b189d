/**
 * Reading the access log newest first or oldest first (audit.query `order`), a page at a
 * time, as the screen does: the pages of one list hold still while reading it adds entries
 * (`throughSeq`), whichever the order and whether or not a filter is applied.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpInput } from '../../src-main/contract/operations';
import {
  COMMANDER,
  allEntries,
  createWorkspace,
  expectRefusal,
  lastEntry,
  openStore,
  recordedInput,
  removeTempFolders,
  seedAuditEntries,
  signIn,
  type TestWorkspace,
} from '../support/workspace-fixtures';

afterAll(removeTempFolders);

type Query = OpInput<'audit.query'>;

/** Every page of one list, `limit` at a time, pinned to the head the first page saw. */
function readAll(w: TestWorkspace, token: string, query: Query, limit: number): { seqs: number[]; totals: number[]; headSeq: number } {
  const first = w.ws.call(token, 'audit.query', { ...query, limit });
  const seqs = first.entries.map((e) => e.seq);
  const totals = [first.total];
  for (let offset = limit; offset < first.total; offset += limit) {
    const page = w.ws.call(token, 'audit.query', { ...query, offset, limit, throughSeq: first.headSeq });
    expect(page.headSeq).toBe(first.headSeq);
    seqs.push(...page.entries.map((e) => e.seq));
    totals.push(page.total);
  }
  return { seqs, totals, headSeq: first.headSeq };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('audit.query, newest first or oldest first', () => {
  let w: TestWorkspace;
  let token: string;

  beforeAll(() => {
    w = createWorkspace('audit-order');
    token = signIn(w.ws, COMMANDER);
    seedAuditEntries(w.ws, 2_500);
  });
  afterAll(() => w.ws.close());

  it('pages the whole log back to front and front to back, holding still while each page adds an entry', () => {
    const head = lastEntry(w.ws).seq;
    const newest = readAll(w, token, { order: 'newest-first' }, 700);
    expect(newest.headSeq).toBe(head);
    expect(newest.seqs).toEqual(range(1, head).reverse());
    expect(new Set(newest.totals)).toEqual(new Set([head]));
    // Each page read was logged: the log went on growing, the list did not.
    expect(lastEntry(w.ws).seq).toBe(head + newest.totals.length);

    const oldest = readAll(w, token, { order: 'oldest-first' }, 700);
    expect(oldest.seqs).toEqual(range(1, oldest.headSeq));
  });

  it('pages a filtered list the same way in both orders', () => {
    const seeded = allEntries(w.ws)
      .filter((e) => e.username === 'seeded')
      .map((e) => e.seq);
    const newest = readAll(w, token, { username: 'seeded', order: 'newest-first' }, 400);
    const oldest = readAll(w, token, { username: 'seeded', order: 'oldest-first' }, 400);
    expect(oldest.seqs).toEqual(seeded);
    expect(newest.seqs).toEqual([...seeded].reverse());
    expect(new Set(newest.totals)).toEqual(new Set([2_500]));

    // The reads themselves are logged, so a filter on them grows while it is read: pinned, it does not.
    const reads = readAll(w, token, { operation: 'audit.query', order: 'newest-first' }, 3);
    const logged = allEntries(w.ws).filter((e) => e.operation === 'audit.query' && e.seq <= reads.headSeq);
    expect(reads.seqs).toEqual(logged.map((e) => e.seq).reverse());
  });

  it('keeps the chain order when no order is asked for, and records the order when one is', () => {
    const page = w.ws.call(token, 'audit.query', { limit: 3 });
    expect(page.entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    w.ws.call(token, 'audit.query', { order: 'newest-first', limit: 3, throughSeq: 40 });
    expect(recordedInput(lastEntry(w.ws))).toEqual({ order: 'newest-first', offset: 0, limit: 3, throughSeq: 40 });
    const pinned = w.ws.call(token, 'audit.query', { order: 'newest-first', limit: 3, throughSeq: 40 });
    expect(pinned).toMatchObject({ total: 40, headSeq: 40 });
    expect(pinned.entries.map((e) => e.seq)).toEqual([40, 39, 38]);
  });

  it('refuses an order it does not know, naming the field', () => {
    expectRefusal(() => w.ws.call(token, 'audit.query', { order: 'sideways' as 'newest-first' }), {
      kind: 'invalid',
      code: 'invalid-input',
      message: /order/,
    });
  });
});

describe('audit.query within a time window', () => {
  it('finds entries recorded late with an earlier time (refusals waiting for a sign-in), in both orders', () => {
    const w = createWorkspace('audit-order-window');
    try {
      const token = signIn(w.ws, COMMANDER);
      seedAuditEntries(w.ws, 400, new Date('2026-11-01T09:00:00Z'));
      seedAuditEntries(w.ws, 30, new Date('2026-10-01T09:00:00Z')); // written after, dated before
      seedAuditEntries(w.ws, 200, new Date('2026-11-02T09:00:00Z'));
      const inWindow = (from: string, to: string) =>
        allEntries(w.ws)
          .filter((e) => e.at >= from && e.at <= to)
          .map((e) => e.seq);
      for (const [from, to] of [
        ['2026-10-01', '2026-10-31'],
        ['2026-10-01', '2026-11-01'],
        ['2026-11-02', '2026-11-02'],
      ] as const) {
        const expected = inWindow(`${from}T00:00:00.000Z`, `${to}T23:59:59.999Z`);
        expect(expected.length).toBeGreaterThan(0);
        expect(readAll(w, token, { from, to, order: 'oldest-first' }, 64).seqs).toEqual(expected);
        expect(readAll(w, token, { from, to, order: 'newest-first' }, 64).seqs).toEqual([...expected].reverse());
      }
      expect(readAll(w, token, { from: '2025-01-01', to: '2025-01-31', order: 'newest-first' }, 64)).toMatchObject({
        seqs: [],
        totals: [0],
      });
    } finally {
      w.ws.close();
    }
  });
});

describe('audit.query on a log with entries missing (changed behind the gate)', () => {
  it('still pages every entry there is, in both orders', () => {
    const w = createWorkspace('audit-order-gap');
    try {
      const token = signIn(w.ws, COMMANDER);
      seedAuditEntries(w.ws, 300);
      const db = openStore(w.ws);
      db.exec('DROP TRIGGER audit_log_no_delete');
      db.prepare('DELETE FROM audit_log WHERE seq BETWEEN 100 AND 149').run();
      const present = (through: number) =>
        db.prepare('SELECT seq FROM audit_log WHERE seq <= ? ORDER BY seq').pluck().all(through) as number[];

      const newest = readAll(w, token, { order: 'newest-first' }, 64);
      expect(newest.seqs).toEqual(present(newest.headSeq).reverse());
      expect(newest.seqs).not.toContain(120);
      const oldest = readAll(w, token, { order: 'oldest-first' }, 64);
      expect(oldest.seqs).toEqual(present(oldest.headSeq));
      expect(oldest.totals[0]).toBe(present(oldest.headSeq).length);
    } finally {
      w.ws.close();
    }
  });
});
