import { stringify } from 'csv-stringify/sync';
import type { Db } from '../store/database';
import { hashingWriter } from '../hashing-writer';
import type { Steps } from '../steps';
import { rejectsAfter } from './records';

const REJECTS_PER_STEP = 5_000;

/** An import's rejected rows as CSV (line, column, reason), in line order, a step at a time. */
export function* exportRejects(
  db: () => Db,
  importId: number,
  total: number,
  write: (chunk: string) => void,
): Steps<{ rows: number; bytes: number; sha256: string }> {
  const out = hashingWriter(write);
  out.write(stringify([], { header: true, columns: ['line', 'column', 'reason'] }));
  let after = 0;
  let rows = 0;
  for (;;) {
    const step = rejectsAfter(db(), importId, after, REJECTS_PER_STEP);
    if (step.length === 0) break;
    out.write(stringify(step, { columns: ['line', 'column', 'reason'] }));
    rows += step.length;
    after = step.lastRowid!;
    yield { done: rows, total, unit: 'rows' };
  }
  return { rows, ...out.summary() };
}
