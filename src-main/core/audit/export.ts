import crypto from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { AuditEntry, AuditFilter } from '../../contract/schemas';
import type { Db } from '../store/database';
import { iterateAuditEntries } from './query';

/** The columns of a CSV export, in order. */
export const AUDIT_CSV_COLUMNS = [
  'seq',
  'at',
  'username',
  'fullName',
  'role',
  'operation',
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

const csvRow = (e: AuditEntry) => ({ ...e, objects: JSON.stringify(e.objects) });

/**
 * Write the entries that match `filter` as CSV or as a JSON array, a piece at a time,
 * so memory stays flat however long the log is. Returns what was written and its hash.
 */
export function exportAuditLog(db: Db, filter: AuditFilter, format: 'csv' | 'json', write: (chunk: string) => void): ExportSummary {
  const hash = crypto.createHash('sha256');
  let bytes = 0;
  let entries = 0;
  const out = (chunk: string) => {
    hash.update(chunk);
    bytes += Buffer.byteLength(chunk);
    write(chunk);
  };

  if (format === 'csv') {
    let batch: ReturnType<typeof csvRow>[] = [];
    let header = true;
    const flush = () => {
      out(stringify(batch, { header, columns: [...AUDIT_CSV_COLUMNS] }));
      header = false;
      batch = [];
    };
    for (const entry of iterateAuditEntries(db, filter)) {
      batch.push(csvRow(entry));
      entries++;
      if (batch.length === CSV_BATCH) flush();
    }
    if (batch.length > 0 || header) flush();
  } else {
    out('[');
    for (const entry of iterateAuditEntries(db, filter)) {
      out((entries === 0 ? '\n' : ',\n') + JSON.stringify(entry));
      entries++;
    }
    out(entries === 0 ? ']\n' : '\n]\n');
  }
  return { entries, bytes, sha256: hash.digest('hex') };
}
