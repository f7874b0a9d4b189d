import type { Db } from '../store/database';
import {
  dedupeHash,
  plateReadKey,
  VENDOR_LOGS,
  vendorLogContent,
  vendorLogKey,
  type VendorLog,
  type VendorLogContentColumn,
} from '../reads/dedupe';
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
 * (by natural key, see dedupe.ts) are counted, not stored. A vendor-log row whose vendor id
 * is already held for other content is kept, flagged, and the conflict recorded with both
 * rows' lines (import_conflicts).
 */
export class ImportWriter {
  readonly counts: WriteCounts = { imported: 0, duplicates: 0, rejected: 0, images: 0 };
  private readonly insertRow: (row: ImportRow, hash: bigint, conflicting: boolean) => number | null;
  private readonly storedAt: (row: ImportRow, key: string, hash: bigint) => Stored;
  private readonly recordConflict: (row: VendorLogRow, earlier: HeldRow) => void;
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
    this.storedAt = statements.storedAt;
    this.recordConflict = statements.recordConflict;
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
    /** a row held under the same vendor id with other content: this one is kept beside it */
    let differsFrom: HeldRow | undefined;
    for (let probe = 0; ; probe++) {
      const hash = probe === 0 ? firstHash : dedupeHash(key, probe);
      const id = this.insertRow(row, hash, differsFrom !== undefined);
      if (id !== null) {
        this.counts.imported++;
        if (differsFrom) this.recordConflict(row as VendorLogRow, differsFrom);
        if (row.target === 'plate-reads') {
          this.indexPlate(id, row.plateNorm);
          this.writeImages(id, row, images);
        }
        return;
      }
      // Taken: the same row again, the same vendor id with other content, or (rarely)
      // another row whose key shares the hash. The next probe is tried unless it is a duplicate.
      const stored = this.storedAt(row, key, hash);
      if (stored === 'same') {
        this.counts.duplicates++;
        return;
      }
      if (stored !== 'other') differsFrom ??= stored;
    }
  }

  private naturalKey(row: ImportRow): string {
    if (row.target === 'plate-reads') return plateReadKey(row.vendor, row.vendorReadId, row.plateNorm, row.capturedAt, row.camera);
    const vendorId = vendorIdOf(row);
    if (vendorId !== null) return vendorLogKey(row.target, vendorId);
    // Without the vendor's id, a row's key is its content and which repeat of that content
    // in this file it is (two identical rows in one file may be two searches).
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

type VendorLogRow = VendorAuditRow | VendorEventRow | VendorSearchAuditRow;
type RowOf<L extends VendorLog> = Extract<VendorLogRow, { target: L }>;

/** A row already stored under a new row's vendor id, with other content: named in the conflict. */
interface HeldRow {
  hash: bigint;
  importId: number;
  line: number;
  vendorId: string;
}
/** What is stored under a hash a row wanted: the same row, another (a shared hash), or the same vendor id with other content. */
type Stored = 'same' | 'other' | HeldRow;

function vendorIdOf(row: VendorLogRow): string | null {
  return row.target === 'vendor-events' ? row.vendorEventId : row.vendorEntryId;
}

/**
 * Each vendor log's columns and how a row fills them. The content columns (VENDOR_LOGS) are
 * among them, so the values compared with a stored row are the ones stored.
 */
const LOG_COLUMNS: {
  [L in VendorLog]: Record<VendorLogContentColumn<L> | (typeof VENDOR_LOGS)[L]['idColumn'] | 'cells', (r: RowOf<L>) => unknown> &
    Record<string, (r: RowOf<L>) => unknown>;
} = {
  'vendor-audit': {
    vendor_entry_id: (r) => r.vendorEntryId,
    name: (r) => r.name,
    org_name: (r) => r.orgName,
    networks_searched: (r) => r.networksSearched,
    devices_searched: (r) => r.devicesSearched,
    time_frame_start: (r) => r.timeFrameStart,
    time_frame_end: (r) => r.timeFrameEnd,
    time_frame_text: (r) => r.timeFrameText,
    plate: (r) => r.plate,
    plate_has_wildcard: (r) => flag(r.plateHasWildcard),
    reason: (r) => r.reason,
    case_number: (r) => r.caseNumber,
    filters: (r) => r.filters,
    offense_type: (r) => r.offenseType,
    searched_at: (r) => r.searchedAt,
    searched_text: (r) => r.searchedText,
    search_type: (r) => r.searchType,
    text_prompt: (r) => r.textPrompt,
    moderation: (r) => r.moderation,
    withheld: (r) => json(r.withheld),
    cells: (r) => json(r.cells),
  },
  'vendor-events': {
    vendor_event_id: (r) => r.vendorEventId,
    occurred_at: (r) => r.occurredAt,
    occurred_text: (r) => r.occurredText,
    user: (r) => r.user,
    event_type: (r) => r.eventType,
    entity_type: (r) => r.entityType,
    entity_details: (r) => r.entityDetails,
    details: (r) => json(r.details),
    withheld: (r) => json(r.withheld),
    cells: (r) => json(r.cells),
  },
  'vendor-search-audit': {
    vendor_entry_id: (r) => r.vendorEntryId,
    user_id: (r) => r.userId,
    searched_at: (r) => r.searchedAt,
    searched_text: (r) => r.searchedText,
    network_count: (r) => r.networkCount,
    reason: (r) => r.reason,
    withheld: (r) => json(r.withheld),
    cells: (r) => json(r.cells),
  },
};

const inserted = (result: { changes: number; lastInsertRowid: number | bigint }) =>
  result.changes === 1 ? Number(result.lastInsertRowid) : null;

/** One vendor log's insert, and what is stored under a hash: the same row, another one, or the same id with other content. */
function logStatements<L extends VendorLog>(db: Db, importId: number, log: L) {
  const { table, idColumn, content } = VENDOR_LOGS[log];
  const columns = LOG_COLUMNS[log];
  const names = Object.keys(columns);
  const fill = Object.values(columns) as ((r: RowOf<L>) => unknown)[];
  const insert = db.prepare(
    `INSERT OR IGNORE INTO ${table}(import_id, source_line, dedupe_hash, duplicate_id, ${names.join(', ')})
     VALUES (${['?', '?', '?', '?', ...names.map(() => '?')].join(', ')})`,
  );
  const held = db.prepare(
    `SELECT import_id, source_line, ${idColumn} AS vendor_id, cells, ${content.join(', ')} FROM ${table} WHERE dedupe_hash = ?`,
  );
  const flagHeld = db.prepare(`UPDATE ${table} SET duplicate_id = 1 WHERE dedupe_hash = ?`);
  const contentOf = (values: (column: VendorLogContentColumn<L>) => unknown) =>
    vendorLogContent(content.map((column) => values(column as VendorLogContentColumn<L>)));
  return {
    insert: (row: RowOf<L>, hash: bigint, conflicting: boolean) =>
      inserted(insert.run(importId, row.line, hash, flag(conflicting), ...fill.map((value) => value(row)))),
    storedAt(row: RowOf<L>, hash: bigint): Stored {
      const stored = held.get(hash) as
        (Record<string, unknown> & { import_id: number; source_line: number; vendor_id: string | null }) | undefined;
      if (!stored) throw new Error(`line ${row.line} could not be stored (the store refused its values)`);
      const vendorId = vendorIdOf(row);
      // Without an id, the key is the row's cells and which repeat it is; the repeat is in the hash only.
      if (vendorId === null) return stored.vendor_id === null && stored.cells === json(row.cells) ? 'same' : 'other';
      if (stored.vendor_id !== vendorId) return 'other';
      const same = contentOf((column) => stored[column]) === contentOf((column) => columns[column](row));
      return same ? 'same' : { hash, importId: stored.import_id, line: stored.source_line, vendorId };
    },
    flagHeld: (hash: bigint) => flagHeld.run(hash),
  };
}

/** The insert, the stored-key lookup and the conflict record for each kind of row. */
function rowStatements(db: Db, importId: number) {
  const reads = db.prepare(
    `INSERT OR IGNORE INTO plate_reads(import_id, source_line, dedupe_hash, vendor, vendor_read_id, plate_raw, plate_norm, state, captured_at,
       captured_text, camera, camera_label, agent_label, latitude, longitude, latitude_text, longitude_text, confidence, parked,
       plate_candidates, direction, make, model, color)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const keyOfRead = db.prepare('SELECT vendor, vendor_read_id, plate_norm, captured_at, camera FROM plate_reads WHERE dedupe_hash = ?');
  const logs = {
    'vendor-audit': logStatements(db, importId, 'vendor-audit'),
    'vendor-events': logStatements(db, importId, 'vendor-events'),
    'vendor-search-audit': logStatements(db, importId, 'vendor-search-audit'),
  };
  const conflict = db.prepare(
    `INSERT INTO import_conflicts(import_id, target, vendor_id, line, earlier_import_id, earlier_line, differs) VALUES (?, ?, ?, ?, ?, ?, 1)`,
  );
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
        r.cameraLabel ?? null,
        r.agentLabel ?? null,
        r.latitude,
        r.longitude,
        r.latitudeText ?? null,
        r.longitudeText ?? null,
        r.confidence,
        r.parked === undefined ? null : flag(r.parked),
        r.plateCandidates ? json(r.plateCandidates) : null,
        r.direction,
        r.make,
        r.model,
        r.color,
      ),
    );

  const insert = (row: ImportRow, hash: bigint, conflicting: boolean): number | null => {
    switch (row.target) {
      case 'plate-reads':
        return insertRead(row, hash);
      case 'vendor-audit':
        return logs[row.target].insert(row, hash, conflicting);
      case 'vendor-events':
        return logs[row.target].insert(row, hash, conflicting);
      case 'vendor-search-audit':
        return logs[row.target].insert(row, hash, conflicting);
    }
  };

  const storedAt = (row: ImportRow, key: string, hash: bigint): Stored => {
    switch (row.target) {
      case 'plate-reads': {
        const r = keyOfRead.get(hash) as
          { vendor: string; vendor_read_id: string | null; plate_norm: string; captured_at: number; camera: string | null } | undefined;
        if (!r) throw new Error(`line ${row.line} could not be stored (the store refused its values)`);
        return plateReadKey(r.vendor, r.vendor_read_id, r.plate_norm, r.captured_at, r.camera) === key ? 'same' : 'other';
      }
      case 'vendor-audit':
        return logs[row.target].storedAt(row, hash);
      case 'vendor-events':
        return logs[row.target].storedAt(row, hash);
      case 'vendor-search-audit':
        return logs[row.target].storedAt(row, hash);
    }
  };

  /** Both rows are kept; within this import both are flagged, and an earlier import's row is named, not changed. */
  const recordConflict = (row: VendorLogRow, earlier: HeldRow): void => {
    conflict.run(importId, row.target, earlier.vendorId, row.line, earlier.importId, earlier.line);
    if (earlier.importId === importId) logs[row.target].flagHeld(earlier.hash);
  };
  return { insert, storedAt, recordConflict };
}
