import { hashingWriter } from '../hashing-writer';
import { stringify } from 'csv-stringify/sync';
import { actionPhrase } from '../../contract/phrases';
import type { AuditEntry, AuditFilter, AuditOrder } from '../../contract/schemas';
import type { Db } from '../store/database';
import type { Steps } from '../steps';
import { chainHeadSeq, countAuditEntries, readAuditEntriesFrom } from './query';

/** The columns of a CSV export, in order: `action` is the operation in words (contract/phrases.ts), beside its name. */
export const AUDIT_CSV_COLUMNS = [
  'seq',
  'at',
  'username',
  'fullName',
  'role',
  'operation',
  'action',
  'objects',
  'caseNumber',
  'purpose',
  'outcome',
  'reason',
  'workstation',
] as const;

const CSV_BATCH = 1000;

export interface ExportSummary {
  entries: number;
  bytes: number;
  /** SHA-256 of exactly the bytes written, so the export can be checked later */
  sha256: string;
}

/** An entry as exported: as the log holds it, with its action in words after the operation's name. */
function exported(e: AuditEntry) {
  const { seq, at, username, fullName, role, operation, ...rest } = e;
  return { seq, at, username, fullName, role, operation, action: actionPhrase(operation), ...rest };
}

const csvRow = (e: AuditEntry) => ({ ...exported(e), objects: JSON.stringify(e.objects) });

/** Entries written per step; between steps a job reports progress and may be cancelled. */
const ENTRIES_PER_STEP = 5_000;

/**
 * Write the entries that match `filter` as CSV or as a JSON array, oldest or newest first,
 * a piece at a time, so memory stays flat however long the log is. Returns what was
 * written and its hash.
 *
 * The export is of the log as it stood when it began (entries up to the head at that
 * moment), read in steps of ENTRIES_PER_STEP with progress yielded after each; `db` is
 * asked for at every step because rotating the master key reopens the store.
 */
export function* exportAuditLog(
  db: () => Db,
  filter: AuditFilter,
  { format, order }: { format: 'csv' | 'json'; order: AuditOrder },
  write: (chunk: string) => void,
): Steps<ExportSummary> {
  const writer = hashingWriter(write);
  const out = writer.write;
  let entries = 0;
  // Taken together, before any step: nothing is appended in between in this process.
  const head = chainHeadSeq(db());
  const total = countAuditEntries(db(), filter);

  let cursor = order === 'newest-first' ? head + 1 : 0;
  let first = true;
  if (format === 'json') out('[');
  for (;;) {
    const step = readAuditEntriesFrom(db(), filter, { order, cursor, throughSeq: head, limit: ENTRIES_PER_STEP });
    if (format === 'csv') {
      // An export with no entries is still a CSV file: its header line.
      const batches = step.length === 0 && first ? [[]] : chunk(step, CSV_BATCH);
      for (const batch of batches) {
        out(stringify(batch.map(csvRow), { header: first, columns: [...AUDIT_CSV_COLUMNS] }));
        first = false;
      }
    } else {
      for (const entry of step) {
        out((first ? '\n' : ',\n') + JSON.stringify(exported(entry)));
        first = false;
      }
    }
    entries += step.length;
    if (step.length < ENTRIES_PER_STEP) break;
    cursor = step[step.length - 1]!.seq;
    yield { done: entries, total, unit: 'entries' };
  }
  if (format === 'json') out(entries === 0 ? ']\n' : '\n]\n');
  return { entries, ...writer.summary() };
}

function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
