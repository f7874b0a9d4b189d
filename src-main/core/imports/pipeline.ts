import crypto from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import type { ColumnMapping, ImportFormat, ImportSheet } from '../../contract/imports';
import { asSentence, CustodianError, failed } from '../errors';
import type { IntakeInput } from '../intake/input';
import { openEncrypted, type Db } from '../store/database';
import { openContainer, type Container } from './container';
import { READERS } from './formats';
import { clearAbandonedRows, clearImportRows } from './records';
import { isReject, type ParsedItem, type PlateReadRow } from './rows';
import { type RowReject } from '../intake/rows';
import { sha256Of, type ByteSource } from '../intake/source';
import { onSheet, type PlannedSheet } from './sheets';
import { ImportWriter, type PreparedRow } from './writer';

/** Everything the import worker needs; plain data, so it crosses to the worker thread. */
export interface ImportJob {
  database: string;
  /** a copy of the master key; wiped once the worker's connection is open */
  key: Buffer;
  imagesRoot: string;
  importId: number;
  input: IntakeInput;
  format: ImportFormat;
  mapping?: ColumnMapping;
  timezone: string;
  /** a workbook's sheets, each read or skipped (prepare.ts); undefined for other files */
  sheets?: PlannedSheet[];
  /** ms since 1970: "now" for refusing capture times in the future */
  now: number;
  /** rows gathered before they are written and progress is reported */
  batchRows: number;
}

export interface ImportProgress {
  phase: string;
  rows: number;
  bytes: number;
  bytesTotal: number | null;
}

export interface ImportOutcome {
  read: number;
  imported: number;
  duplicates: number;
  rejected: number;
  images: number;
  sha256: string;
  /** what was done with each sheet of a workbook; null for other files */
  sheets: ImportSheet[] | null;
}

/** Thrown out of the pipeline when the person cancelled; the caller turns it into the gate's "cancelled". */
export class ImportCancelled extends Error {}

/**
 * One file, start to finish, on its own connection (in the import worker thread): clear
 * what dead imports left, stream the file through its format reader, write a batch per
 * transaction, report after each batch, stop between batches when cancelled. On any
 * failure the import's rows are deleted before the error goes up: nothing partial stays.
 */
export async function runImport(job: ImportJob, report: (p: ImportProgress) => void, cancelled: () => boolean): Promise<ImportOutcome> {
  // Crossing to the worker made the key a plain Uint8Array.
  const key = Buffer.from(job.key);
  job.key.fill(0);
  const db = openEncrypted(job.database, key);
  key.fill(0);
  // A bigger page cache keeps the indexes' hot pages decrypted across batches (measured in bench/import.ts).
  db.pragma('cache_size=-131072');
  let container: Container | undefined;
  try {
    clearAbandonedRows(db, job.imagesRoot, (deleted) =>
      report({
        phase: `clearing ${deleted.toLocaleString('en-US')} rows left by an unfinished import`,
        rows: 0,
        bytes: 0,
        bytesTotal: null,
      }),
    );
    container = await openContainer(job.input);
    const outcome = await readAndWrite(db, job, container, report, cancelled);
    return outcome;
  } catch (error) {
    clearImportRows(db, job.imagesRoot, job.importId);
    throw error;
  } finally {
    container?.close();
    db.close();
  }
}

async function readAndWrite(
  db: Db,
  job: ImportJob,
  container: Container,
  report: (p: ImportProgress) => void,
  cancelled: () => boolean,
): Promise<ImportOutcome> {
  const reader = READERS[job.format];
  if (reader.needsMapping && !job.mapping)
    throw failed('mapping-required', `${READERS[job.format].format} files are read through a column mapping; choose or save one.`);
  const name = container.entry ?? job.input.name;
  const workbook = job.sheets ? await container.workbook!() : null;
  try {
    // A workbook's sheets are read one after another, each by its own layout; another file is one part.
    const sheets = job.sheets?.filter((sheet) => sheet.format) ?? [null];
    // The file's hash: of the bytes read, except for a ZIP bundle or a workbook (hashed whole, below).
    const hash = container.kind === 'zip' || workbook ? undefined : crypto.createHash('sha256');
    const bytesTotal = workbook ? sheets.reduce((sum, sheet) => sum + sheet!.size, 0) : container.dataSize;
    let bytes = 0;
    const counting = (data: Readable): Readable => {
      const counted = data.pipe(
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            bytes += chunk.length;
            hash?.update(chunk);
            done(null, chunk);
          },
        }),
      );
      data.on('error', (error) => counted.destroy(error));
      return counted;
    };

    const writer = new ImportWriter(db, job.importId, job.imagesRoot);
    let read = 0;
    /** image bytes the batch holds or will fetch: a batch of reads with images is written sooner */
    let imageBytes = 0;
    let rows: PreparedRow[] = [];
    let rejects: RowReject[] = [];
    let phase = `reading ${name}`;
    /** the sheet being read: its rejects name it */
    let sheetName: string | null = null;
    const flush = async () => {
      const kept = await withImages(container, rows, rejects);
      if (sheetName !== null) for (const reject of rejects) reject.reason = onSheet(reject.reason, sheetName, job.sheets!.length);
      writer.writeBatch(kept, rejects);
      rows = [];
      rejects = [];
      imageBytes = 0;
      report({ phase, rows: read, bytes, bytesTotal });
      if (cancelled()) throw new ImportCancelled();
    };

    const counts = new Map<string, ImportSheet>();
    report({ phase, rows: 0, bytes: 0, bytesTotal });
    for (const sheet of sheets) {
      const data = counting(sheet ? await workbook!.openSheet(sheet) : await container.openData());
      if (sheet) phase = `reading ${name}, sheet "${sheet.name}"`;
      sheetName = sheet && sheet.name;
      const before = { read, ...writer.counts };
      const items: AsyncIterable<ParsedItem> = reader.read(data, {
        timezone: job.timezone,
        mapping: job.mapping,
        now: new Date(job.now),
        fileName: name,
        ...(sheet ? { sheet: { name: sheet.name, parts: workbook!.parts } } : {}),
      });
      try {
        for await (const item of items) {
          read++;
          if (isReject(item)) rejects.push(item);
          else {
            rows.push({ row: item });
            if (item.target === 'plate-reads') imageBytes += imageWeight(item);
          }
          if (rows.length + rejects.length >= job.batchRows || imageBytes >= BATCH_IMAGE_BYTES) await flush();
        }
        // a batch holds one sheet's rows, so each sheet's counts are the writer's growth while it was read
        await flush();
      } catch (error) {
        if (error instanceof ImportCancelled || error instanceof CustodianError) throw error;
        throw failed(
          'unreadable',
          `${name} could not be read to the end: ${asSentence((error as Error).message)} Nothing from it was kept.`,
        );
      }
      if (sheet) {
        counts.set(sheet.name, {
          name: sheet.name,
          format: sheet.format,
          skipped: null,
          read: read - before.read,
          imported: writer.counts.imported - before.imported,
          duplicates: writer.counts.duplicates - before.duplicates,
          rejected: writer.counts.rejected - before.rejected,
        });
      }
    }
    const sha256 = hash ? hash.digest('hex') : await sha256Of(job.input as ByteSource);
    const sheetCounts =
      job.sheets?.map(
        (sheet) =>
          counts.get(sheet.name) ?? {
            name: sheet.name,
            format: null,
            skipped: sheet.skipped,
            read: 0,
            imported: 0,
            duplicates: 0,
            rejected: 0,
          },
      ) ?? null;
    return { read, ...writer.counts, sha256, sheets: sheetCounts };
  } finally {
    workbook?.close();
  }
}

/** Image bytes a batch may hold before it is written, so reads with pictures keep memory flat. */
const BATCH_IMAGE_BYTES = 32 * 1024 * 1024;
/** What a file named in a bundle is counted as before it is fetched (a typical plate or scene JPEG is smaller). */
const BUNDLE_IMAGE_ESTIMATE = 256 * 1024;

function imageWeight(row: PlateReadRow): number {
  return row.images.reduce((sum, image) => sum + ('data' in image ? image.data.length : 'file' in image ? BUNDLE_IMAGE_ESTIMATE : 0), 0);
}

function needsBundleFile(row: PlateReadRow): boolean {
  return row.images.some((image) => 'file' in image);
}

/**
 * Fetch the bundle files a batch's reads name; returns the rows to write. A read naming a
 * file the bundle lacks is rejected instead (its line says which file), so a fixed bundle
 * can be imported again.
 */
async function withImages(container: Container, rows: PreparedRow[], rejects: RowReject[]): Promise<PreparedRow[]> {
  const kept: PreparedRow[] = [];
  for (const prepared of rows) {
    const row = prepared.row;
    if (row.target !== 'plate-reads' || !needsBundleFile(row)) {
      kept.push(prepared);
      continue;
    }
    const images: Array<Buffer | undefined> = [];
    let missing: string | undefined;
    for (const image of row.images) {
      if (!('file' in image)) {
        images.push(undefined);
        continue;
      }
      const data = await container.image(image.file);
      if (!data) missing ??= image.file;
      images.push(data);
    }
    if (missing) {
      rejects.push({
        line: row.line,
        column: null,
        reason:
          container.kind === 'zip' || container.kind === 'folder'
            ? `the image ${missing} is not in the bundle`
            : `the image ${missing} was named, but a single file carries no images; import the whole bundle (ZIP or folder)`,
      });
    } else kept.push({ row, images });
  }
  rejects.sort((a, b) => a.line - b.line);
  return kept;
}
