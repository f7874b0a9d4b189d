import type { Db } from '../store/database';
import { dedupeHash, plateReadKey } from '../reads/dedupe';
import { plateIndexer } from '../reads/plate-index';
import { sealImage } from '../reads/images';
import type { ImportRow, PlateReadRow, VendorAuditRow, VendorEventRow, VendorSearchAuditRow } from './rows';
import type { RowReject } from '../intake/rows';

/** A row of a batch, with the images it names already fetched from the bundle. */
export interface PreparedRow {
  row: ImportRow;
  /** bytes of each image, in the order of row.images; undefined where the bundle has no such file */
  images?: Array<Buffer | undefined>;
}

/** Longest a writing transaction stays open; other writers (every gate call logs) wait at most about this long. */
export const MAX_TRANSACTION_MS = 1000;

export interface WriteCounts {
  imported: number;
  duplicates: number;
  rejected: number;
  images: number;
}

/**
 * Writes one import's rows into the store, a batch per transaction. Rows carry the
 * import's id and stay invisible until the import is committed (records.ts). Duplicates
 * (by natural key, see dedupe.ts) are counted, not stored.
 */
export class ImportWriter {
  readonly counts: WriteCounts = { imported: 0, duplicates: 0, rejected: 0, images: 0 };
  private readonly insertRow: (row: ImportRow, hash: bigint) => number | null;
  private readonly isStored: (row: ImportRow, key: string, hash: bigint) => boolean;
  private readonly insertReject;
  private readonly insertImage;
  private readonly insertLink;
  /** the search index (reads/plate-index.ts) */
  private readonly indexPlate;
  /** vendor logs: how often each exact row has been seen in this file, so repeats within a file are kept */
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly importId: number,
    private readonly imagesRoot: string,
  ) {
    this.insertReject = db.prepare('INSERT INTO import_rejects(import_id, line, column_name, reason) VALUES (?, ?, ?, ?)');
    this.insertImage = db.prepare(
      `INSERT INTO read_images(read_id, import_id, kind, file, key, nonce, tag, size, sha256, media_type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertLink = db.prepare('INSERT INTO read_images(read_id, import_id, kind, link) VALUES (?, ?, ?, ?)');
    this.indexPlate = plateIndexer(db);
    const statements = rowStatements(db, importId);
    this.insertRow = statements.insert;
    this.isStored = statements.isStored;
  }

  /**
   * Write a batch, in as few transactions as keep each under MAX_TRANSACTION_MS: fewer
   * commits insert faster (each commit rewrites the index pages it touched), shorter ones
   * keep the rest of the app from waiting on the store.
   */
  writeBatch(rows: PreparedRow[], rejects: RowReject[]): void {
    // Keys in file order (a vendor log's key counts repeats), then written in hash order:
    // the unique hash index is then walked once per batch instead of at random, which
    // keeps large stores fast once the index no longer fits the page cache. The sort is
    // stable, so of two rows with one key the first in the file is the one kept.
    const keyed = rows.map((prepared) => {
      const key = this.naturalKey(prepared.row);
      return { prepared, key, hash: dedupeHash(key) };
    });
    keyed.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
    let next = 0;
    do {
      const started = Date.now();
      this.db.transaction(() => {
        while (next < keyed.length) {
          const { prepared, key, hash } = keyed[next++]!;
          this.write(prepared, key, hash);
          if ((next & 1023) === 0 && Date.now() - started > MAX_TRANSACTION_MS) return;
        }
        for (const reject of rejects) {
          this.insertReject.run(this.importId, reject.line, reject.column, reject.reason);
          this.counts.rejected++;
        }
      })();
    } while (next < keyed.length);
  }

  private write({ row, images }: PreparedRow, key: string, firstHash: bigint): void {
    for (let probe = 0; ; probe++) {
      const hash = probe === 0 ? firstHash : dedupeHash(key, probe);
      const id = this.insertRow(row, hash);
      if (id !== null) {
        this.counts.imported++;
        if (row.target === 'plate-reads') {
          this.indexPlate(id, row.plateNorm);
          this.writeImages(id, row, images);
        }
        return;
      }
      // Taken: the same row again, or (rarely) another row whose key shares the hash.
      if (this.isStored(row, key, hash)) {
        this.counts.duplicates++;
        return;
      }
    }
  }

  private naturalKey(row: ImportRow): string {
    if (row.target === 'plate-reads') return plateReadKey(row.vendor, row.vendorReadId, row.plateNorm, row.capturedAt, row.camera);
    // A vendor log has no reliable id (Flock repeats some): its key is the row's content
    // and which repeat of that content in this file it is.
    const content = `${row.target}\u0000${JSON.stringify(row.cells)}`;
    const occurrence = this.seen.get(content) ?? 0;
    this.seen.set(content, occurrence + 1);
    return `${content}\u0000${occurrence}`;
  }

  private writeImages(readId: number, row: PlateReadRow, images: Array<Buffer | undefined> | undefined): void {
    row.images.forEach((image, i) => {
      if ('url' in image) {
        this.insertLink.run(readId, this.importId, image.kind, image.url);
        return;
      }
      const data = 'data' in image ? image.data : images?.[i];
      if (!data) return; // a missing bundle file is reported by the pipeline as the row's reject reason
      const sealed = sealImage(this.imagesRoot, this.importId, data);
      this.insertImage.run(
        readId,
        this.importId,
        image.kind,
        sealed.file,
        sealed.key,
        sealed.nonce,
        sealed.tag,
        sealed.size,
        sealed.sha256,
        sealed.mediaType,
      );
      this.counts.images++;
    });
  }
}

const json = (value: unknown) => JSON.stringify(value);
const flag = (value: boolean) => (value ? 1 : 0);

/** The insert and the stored-key lookup for each kind of row. */
function rowStatements(db: Db, importId: number) {
  const reads = db.prepare(
    `INSERT OR IGNORE INTO plate_reads(import_id, source_line, dedupe_hash, vendor, vendor_read_id, plate_raw, plate_norm, state, captured_at,
       captured_text, camera, latitude, longitude, confidence, direction, make, model, color)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const audit = db.prepare(
    `INSERT OR IGNORE INTO vendor_audit_searches(import_id, source_line, dedupe_hash, vendor_entry_id, name, org_name, networks_searched,
       devices_searched, time_frame_start, time_frame_end, time_frame_text, plate, plate_has_wildcard, reason, case_number, filters,
       offense_type, searched_at, searched_text, search_type, text_prompt, moderation, withheld, cells)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const events = db.prepare(
    `INSERT OR IGNORE INTO vendor_events(import_id, source_line, dedupe_hash, vendor_event_id, occurred_at, occurred_text, user, event_type,
       entity_type, entity_details, details, withheld, cells)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const searches = db.prepare(
    `INSERT OR IGNORE INTO vendor_search_audit(import_id, source_line, dedupe_hash, vendor_entry_id, user_id, searched_at, searched_text,
       network_count, reason, withheld, cells)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const keyOfRead = db.prepare('SELECT vendor, vendor_read_id, plate_norm, captured_at, camera FROM plate_reads WHERE dedupe_hash = ?');
  const cellsOf = {
    'vendor-audit': db.prepare('SELECT cells FROM vendor_audit_searches WHERE dedupe_hash = ?').pluck(),
    'vendor-events': db.prepare('SELECT cells FROM vendor_events WHERE dedupe_hash = ?').pluck(),
    'vendor-search-audit': db.prepare('SELECT cells FROM vendor_search_audit WHERE dedupe_hash = ?').pluck(),
  };
  const inserted = (result: { changes: number; lastInsertRowid: number | bigint }) =>
    result.changes === 1 ? Number(result.lastInsertRowid) : null;
  const insert = (row: ImportRow, hash: bigint): number | null => {
    switch (row.target) {
      case 'plate-reads':
        return insertRead(row, hash);
      case 'vendor-audit':
        return insertAudit(row, hash);
      case 'vendor-events':
        return insertEvent(row, hash);
      case 'vendor-search-audit':
        return insertSearch(row, hash);
    }
  };
  const insertRead = (r: PlateReadRow, hash: bigint) =>
    inserted(
      reads.run(
        importId,
        r.line,
        hash,
        r.vendor,
        r.vendorReadId,
        r.plateRaw,
        r.plateNorm,
        r.state,
        r.capturedAt,
        r.capturedText,
        r.camera,
        r.latitude,
        r.longitude,
        r.confidence,
        r.direction,
        r.make,
        r.model,
        r.color,
      ),
    );
  const insertAudit = (r: VendorAuditRow, hash: bigint) =>
    inserted(
      audit.run(
        importId,
        r.line,
        hash,
        r.vendorEntryId,
        r.name,
        r.orgName,
        r.networksSearched,
        r.devicesSearched,
        r.timeFrameStart,
        r.timeFrameEnd,
        r.timeFrameText,
        r.plate,
        flag(r.plateHasWildcard),
        r.reason,
        r.caseNumber,
        r.filters,
        r.offenseType,
        r.searchedAt,
        r.searchedText,
        r.searchType,
        r.textPrompt,
        r.moderation,
        json(r.withheld),
        json(r.cells),
      ),
    );
  const insertEvent = (r: VendorEventRow, hash: bigint) =>
    inserted(
      events.run(
        importId,
        r.line,
        hash,
        r.vendorEventId,
        r.occurredAt,
        r.occurredText,
        r.user,
        r.eventType,
        r.entityType,
        r.entityDetails,
        json(r.details),
        json(r.withheld),
        json(r.cells),
      ),
    );
  const insertSearch = (r: VendorSearchAuditRow, hash: bigint) =>
    inserted(
      searches.run(
        importId,
        r.line,
        hash,
        r.vendorEntryId,
        r.userId,
        r.searchedAt,
        r.searchedText,
        r.networkCount,
        r.reason,
        json(r.withheld),
        json(r.cells),
      ),
    );

  /** Is the row stored under `hash` this very row (a duplicate), rather than another that shares the hash? */
  const isStored = (row: ImportRow, key: string, hash: bigint): boolean => {
    if (row.target === 'plate-reads') {
      const r = keyOfRead.get(hash) as
        { vendor: string; vendor_read_id: string | null; plate_norm: string; captured_at: number; camera: string | null } | undefined;
      return r !== undefined && plateReadKey(r.vendor, r.vendor_read_id, r.plate_norm, r.captured_at, r.camera) === key;
    }
    // A vendor log row's key is its content plus which repeat it is; the repeat is in the hash only.
    return cellsOf[row.target].get(hash) === json(row.cells);
  };
  return { insert, isStored };
}
