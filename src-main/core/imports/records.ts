import fs from 'node:fs';
import os from 'node:os';
import {
  columnMappingSchema,
  IMPORT_FORMATS,
  SUMMARY_CONFLICTS_SHOWN,
  SUMMARY_REJECTS_SHOWN,
  type ColumnMapping,
  type IdConflict,
  type ImportFormat,
  type ImportRecord,
  type ImportSheet,
  type ImportSummary,
  type ImportTarget,
  type Reject,
} from '../../contract/imports';
import { failed } from '../errors';
import type { StoreOpenedEvent } from '../gate/context';
import type { Db } from '../store/database';
import { importImagesDir } from '../reads/images';
import { unindexReads } from '../reads/plate-index';

/**
 * The import records: one per file, kept for good. An import is 'running' while its rows
 * are being written, then exactly one of committed, cancelled, failed or interrupted (its
 * process died). Only committed imports' rows are ever visible (the committed_reads view).
 */

/** This process, as recorded on the imports it runs. */
export const THIS_PROCESS = `${os.hostname()} ${process.pid}`;

/**
 * Imports this process is running now. One of ours that is 'running' but not here lost its
 * job without closing its record (the store was closed under it): it counts as dead.
 */
const runningHere = new Set<number>();

/** This process has stopped running `importId` (committed, ended, or given up on). */
export function releaseImport(importId: number): void {
  runningHere.delete(importId);
}

/** Is the process that started a running import still running it? (Another computer's is assumed so.) */
function ownerAlive(importId: number, owner: string | null): boolean {
  if (!owner) return false;
  const [host, pid] = owner.split(' ');
  if (host !== os.hostname()) return true;
  if (Number(pid) === process.pid) return runningHere.has(importId);
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Each time the store opens: an import whose process died (killed, power cut) is marked
 * interrupted, with an access-log entry; its rows were never visible and are cleared before
 * the next import.
 */
export function interruptedImportsOnOpen(db: Db, now: Date): StoreOpenedEvent[] {
  return markInterruptedImports(db, now).map((importId) => ({
    operation: 'import.interrupted',
    objects: { importId },
    outcome: 'error',
    reason: 'The program stopped while this import was running; nothing from it was kept.',
  }));
}

/** Mark imports whose process died as interrupted; returns their ids. Their rows are cleared before the next import. */
export function markInterruptedImports(db: Db, now: Date): number[] {
  const running = db.prepare("SELECT id, owner FROM imports WHERE status = 'running'").all() as { id: number; owner: string | null }[];
  const dead = running.filter((r) => !ownerAlive(r.id, r.owner)).map((r) => r.id);
  const mark = db.prepare(
    `UPDATE imports SET status = 'interrupted', owner = NULL, finished_at = ?, imported = 0, duplicates = 0, rejected = 0, images = 0,
       error = 'The program stopped while this import was running; nothing from it was kept.' WHERE id = ?`,
  );
  for (const id of dead) mark.run(now.toISOString(), id);
  return dead;
}

export interface NewImport {
  fileName: string;
  entry: string | null;
  size: number;
  format: ImportFormat;
  detection: string;
  profile: string | null;
  mapping: ColumnMapping | null;
  timezone: string;
  accountId: number;
  importedBy: string;
  now: Date;
}

/**
 * Record a new import as running. One import runs at a time per workspace: its rows
 * are told apart from committed ones only by their import's state, and a second import
 * must not count them as duplicates.
 */
export function beginImport(db: Db, spec: NewImport): number {
  const importId = db
    .transaction(() => {
      markInterruptedImports(db, spec.now);
      const other = db.prepare("SELECT file_name, imported_by, started_at FROM imports WHERE status = 'running'").get() as
        { file_name: string; imported_by: string; started_at: string } | undefined;
      if (other) {
        throw failed(
          'import-running',
          `Another import is running (${other.file_name}, started by ${other.imported_by} at ${other.started_at}). Imports run one at a time; start this one when it has finished.`,
        );
      }
      return Number(
        db
          .prepare(
            `INSERT INTO imports(file_name, entry, size, sha256, format, detection, target, profile, mapping, timezone, status, owner, started_at, account_id, imported_by)
             VALUES (?, ?, ?, '', ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?)`,
          )
          .run(
            spec.fileName,
            spec.entry,
            spec.size,
            spec.format,
            spec.detection,
            IMPORT_FORMATS[spec.format].target,
            spec.profile,
            spec.mapping ? JSON.stringify(spec.mapping) : null,
            spec.timezone,
            THIS_PROCESS,
            spec.now.toISOString(),
            spec.accountId,
            spec.importedBy,
          ).lastInsertRowid,
      );
    })
    .immediate();
  runningHere.add(importId);
  return importId;
}

export interface FinalCounts {
  read: number;
  imported: number;
  duplicates: number;
  rejected: number;
  images: number;
  sha256: string;
  /** a workbook's sheets with their counts, kept with the record; null for other files */
  sheets: ImportSheet[] | null;
}

/**
 * Make an import's rows visible: one small transaction (the gate writes its access-log
 * entry in the same one). Refused if the import is no longer this process's running one.
 */
export function commitImport(db: Db, importId: number, counts: FinalCounts, now: Date): void {
  if (counts.imported + counts.duplicates + counts.rejected !== counts.read) {
    throw failed(
      'import-miscounted',
      `Import ${importId} counted ${counts.read} rows but accounted for ${counts.imported + counts.duplicates + counts.rejected}; nothing was kept.`,
    );
  }
  const result = db
    .prepare(
      `UPDATE imports SET status = 'committed', owner = NULL, finished_at = ?, sha256 = ?, rows_read = ?, imported = ?, duplicates = ?, rejected = ?, images = ?
       WHERE id = ? AND status = 'running' AND owner = ?`,
    )
    .run(
      now.toISOString(),
      counts.sha256,
      counts.read,
      counts.imported,
      counts.duplicates,
      counts.rejected,
      counts.images,
      importId,
      THIS_PROCESS,
    );
  if (result.changes !== 1) throw failed('import-lost', `Import ${importId} is no longer running here; nothing was kept.`);
  const keepSheet = db.prepare(
    `INSERT INTO import_sheets(import_id, position, name, format, skipped, rows_read, imported, duplicates, rejected)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  counts.sheets?.forEach((sheet, position) =>
    keepSheet.run(
      importId,
      position,
      sheet.name,
      sheet.format,
      sheet.skipped,
      sheet.read,
      sheet.imported,
      sheet.duplicates,
      sheet.rejected,
    ),
  );
}

/** A workbook import's sheets as kept with its record, in tab order; null when the file was no workbook. */
function storedSheets(db: Db, importId: number): ImportSheet[] | null {
  const rows = db
    .prepare(
      'SELECT name, format, skipped, rows_read AS read, imported, duplicates, rejected FROM import_sheets WHERE import_id = ? ORDER BY position',
    )
    .all(importId) as ImportSheet[];
  return rows.length ? rows : null;
}

/** Close an import that did not finish: nothing from it is kept (its rows are cleared by `clearAbandonedRows`). */
export function endImport(db: Db, importId: number, status: 'cancelled' | 'failed', error: string, now: Date, sha256 = ''): void {
  db.prepare(
    `UPDATE imports SET status = ?, owner = NULL, finished_at = ?, error = ?, sha256 = CASE WHEN ? <> '' THEN ? ELSE sha256 END,
       rows_read = 0, imported = 0, duplicates = 0, rejected = 0, images = 0
     WHERE id = ? AND status = 'running'`,
  ).run(status, now.toISOString(), error, sha256, sha256, importId);
}

/**
 * The tables that hold an import's rows: every table with an `import_id` column, besides the
 * import records themselves. Features that keep rows about an import's reads (hot-list alerts)
 * carry the read's import id, so those rows stay hidden until the import commits and are
 * cleared with its rows, without this module naming them. Ordered so that a table comes
 * before the tables its foreign keys point to (alerts before the reads they name).
 */
export function importRowTables(db: Db): string[] {
  const tables = db
    .prepare(
      `SELECT m.name FROM sqlite_schema m WHERE m.type = 'table' AND m.name <> 'imports'
         AND EXISTS (SELECT 1 FROM pragma_table_info(m.name) c WHERE c.name = 'import_id') ORDER BY m.name`,
    )
    .pluck()
    .all() as string[];
  const pointsTo = new Map(
    tables.map((table) => [
      table,
      new Set((db.prepare('SELECT "table" FROM pragma_foreign_key_list(?)').pluck().all(table) as string[]).filter((t) => t !== table)),
    ]),
  );
  const ordered: string[] = [];
  while (pointsTo.size > 0) {
    const referenced = new Set([...pointsTo.values()].flatMap((targets) => [...targets]));
    const next = [...pointsTo.keys()].filter((table) => !referenced.has(table));
    if (next.length === 0) throw new Error(`The tables ${[...pointsTo.keys()].join(', ')} refer to each other in a cycle.`);
    for (const table of next) {
      ordered.push(table);
      pointsTo.delete(table);
    }
  }
  return ordered;
}

/** Delete an import's rows, a batch per transaction, then its image files; returns how many rows went. */
export function clearImportRows(
  db: Db,
  imagesRoot: string,
  importId: number,
  onBatch: (deleted: number) => void = () => {},
  batch = 20_000,
): number {
  let deleted = 0;
  unindexReads(db, db.prepare('SELECT id FROM plate_reads WHERE import_id = ?').pluck().all(importId) as number[], batch);
  for (const table of importRowTables(db)) {
    const remove = db.prepare(`DELETE FROM ${table} WHERE rowid IN (SELECT rowid FROM ${table} WHERE import_id = ? LIMIT ?)`);
    for (;;) {
      const { changes } = remove.run(importId, batch);
      if (changes === 0) break;
      deleted += changes;
      onBatch(deleted);
    }
  }
  // The key rows are gone (crypto-shredding); now the files.
  fs.rmSync(importImagesDir(imagesRoot, importId), { recursive: true, force: true });
  return deleted;
}

/**
 * Clear the rows of every import that ended without committing. Runs in the import worker
 * before each import, so a later import never meets a dead one's rows.
 */
export function clearAbandonedRows(db: Db, imagesRoot: string, onBatch: (deleted: number) => void = () => {}): number {
  const abandoned = db.prepare("SELECT id FROM imports WHERE status IN ('cancelled', 'failed', 'interrupted')").pluck().all() as number[];
  let deleted = 0;
  for (const importId of abandoned) deleted += clearImportRows(db, imagesRoot, importId, (n) => onBatch(deleted + n));
  return deleted;
}

interface ImportRowData {
  id: number;
  file_name: string;
  entry: string | null;
  size: number;
  sha256: string;
  format: ImportFormat;
  detection: string;
  target: ImportTarget;
  profile: string | null;
  mapping: string | null;
  timezone: string;
  status: ImportRecord['status'];
  owner: string | null;
  started_at: string;
  finished_at: string | null;
  imported_by: string;
  rows_read: number;
  imported: number;
  duplicates: number;
  rejected: number;
  images: number;
  error: string | null;
}

function toRecord(r: ImportRowData): ImportRecord {
  return {
    importId: r.id,
    file: r.file_name,
    entry: r.entry,
    size: r.size,
    sha256: r.sha256,
    format: r.format,
    formatTitle: IMPORT_FORMATS[r.format]?.title ?? r.format,
    detection: r.detection,
    target: r.target,
    profile: r.profile,
    mapping: r.mapping ? columnMappingSchema.parse(JSON.parse(r.mapping)) : null,
    timezone: r.timezone,
    // A running import whose process has died shows as interrupted before anyone clears it.
    status: r.status === 'running' && !ownerAlive(r.id, r.owner) ? 'interrupted' : r.status,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    importedBy: r.imported_by,
    read: r.rows_read,
    imported: r.imported,
    duplicates: r.duplicates,
    rejected: r.rejected,
    images: r.images,
    error: r.error,
  };
}

/** Imports that kept a list of rejected rows (one that did not commit kept nothing, its counts are zero). */
const WITH_REJECTS = "status = 'committed' AND rejected > 0";

/** The newest imports first; with `sha256`, only the imports of that file (has it been imported before?); `withRejects`, only those that rejected rows. */
export function listImports(db: Db, limit: number, only: { sha256?: string; withRejects?: boolean } = {}): ImportRecord[] {
  const where = [...(only.sha256 ? ['sha256 = @sha256'] : []), ...(only.withRejects ? [WITH_REJECTS] : [])];
  return (
    db
      .prepare(`SELECT * FROM imports ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT @limit`)
      .all({ ...(only.sha256 ? { sha256: only.sha256 } : {}), limit }) as ImportRowData[]
  ).map(toRecord);
}

/** How many imports have rejected rows: what `listImports(…, { withRejects: true })` lists, counted. */
export function countImportsWithRejects(db: Db): number {
  return db.prepare(`SELECT count(*) FROM imports WHERE ${WITH_REJECTS}`).pluck().get() as number;
}

export function countCommittedImports(db: Db): number {
  return db.prepare("SELECT count(*) FROM imports WHERE status = 'committed'").pluck().get() as number;
}

export function findImport(db: Db, importId: number): ImportRecord | undefined {
  const row = db.prepare('SELECT * FROM imports WHERE id = ?').get(importId) as ImportRowData | undefined;
  return row && toRecord(row);
}

/**
 * An import's record with its first rejects, the rows it kept though their vendor id was
 * already held for other content, the alerts its reads raised (counted by the hot lists) and,
 * just after it ran, what it did with each sheet of a workbook.
 */
export function importSummary(db: Db, record: ImportRecord, alerts: number): ImportSummary {
  const conflictCount = db.prepare('SELECT count(*) FROM import_conflicts WHERE import_id = ?').pluck().get(record.importId) as number;
  return {
    ...record,
    rejects: rejectsAfter(db, record.importId, 0, SUMMARY_REJECTS_SHOWN),
    alerts,
    sheets: storedSheets(db, record.importId),
    conflicts: conflicts(db, record.importId),
    conflictCount,
  };
}

function conflicts(db: Db, importId: number): IdConflict[] {
  const rows = db
    .prepare(
      `SELECT c.vendor_id, c.line, c.earlier_import_id, c.earlier_line, c.differs, i.file_name, i.finished_at
       FROM import_conflicts c JOIN imports i ON i.id = c.earlier_import_id WHERE c.import_id = ? ORDER BY c.line, c.rowid LIMIT ?`,
    )
    .all(importId, SUMMARY_CONFLICTS_SHOWN) as {
    vendor_id: string;
    line: number;
    earlier_import_id: number;
    earlier_line: number;
    differs: number;
    file_name: string;
    finished_at: string | null;
  }[];
  return rows.map((r) => ({
    vendorId: r.vendor_id,
    line: r.line,
    earlier: { importId: r.earlier_import_id, file: r.file_name, line: r.earlier_line, importedAt: r.finished_at },
    differs: r.differs === 1,
  }));
}

/** Rejects of an import in line order, after `afterRowid` (keyset paging for the CSV export). */
export function rejectsAfter(db: Db, importId: number, afterRowid: number, limit: number): Reject[] & { lastRowid?: number } {
  const rows = db
    .prepare(
      'SELECT rowid, line, column_name AS "column", reason FROM import_rejects WHERE import_id = ? AND rowid > ? ORDER BY rowid LIMIT ?',
    )
    .all(importId, afterRowid, limit) as Array<Reject & { rowid: number }>;
  const rejects: Reject[] & { lastRowid?: number } = rows.map(({ line, column, reason }) => ({ line, column, reason }));
  if (rows.length) rejects.lastRowid = rows[rows.length - 1]!.rowid;
  return rejects;
}
