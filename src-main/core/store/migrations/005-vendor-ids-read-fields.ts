import { dedupeHash, VENDOR_LOGS, vendorLogContent, vendorLogKey, type VendorLog } from '../../reads/dedupe';
import type { Db } from '../database';
import type { Migration } from './index';

/**
 * What real vendor files from public-records releases showed was missing (issue 12).
 *
 * Vendor logs are deduped by the vendor's own id: a row with a Flock search or event id is
 * keyed by vendor, kind of log and id (reads/dedupe.ts), so the same search imported from a
 * CSV and again from an XLSX is held once. The same id with other content is kept and
 * recorded in `import_conflicts`, which names both rows by import and line. Every log now has
 * the `duplicate_id` flag the audit table had ("this row's vendor id is shared by another
 * row"). The stored rows that carry an id are rekeyed; rows without one keep their key.
 *
 * Plate reads keep what Rekor / OpenALPR files carry beside the plate: the camera's and the
 * agent's names (camera_label, agent_label), whether the vehicle was parked, and the other
 * readings of the plate (candidates, JSON). Coordinates are shown with the precision the file
 * had (reads/coordinates.ts): the number, and the text the file wrote where it says more than
 * the number's own form ("37.3420"; latitude_text, longitude_text, null otherwise). Reads
 * stored before have no text and are shown from the number, without its binary noise.
 */
export const migration005: Migration = {
  version: 5,
  name: '005-vendor-ids-read-fields',
  up(db) {
    db.exec(`
      ALTER TABLE plate_reads ADD COLUMN camera_label TEXT;
      ALTER TABLE plate_reads ADD COLUMN agent_label TEXT;
      ALTER TABLE plate_reads ADD COLUMN latitude_text TEXT;
      ALTER TABLE plate_reads ADD COLUMN longitude_text TEXT;
      ALTER TABLE plate_reads ADD COLUMN parked INTEGER CHECK (parked IS NULL OR parked IN (0, 1));
      ALTER TABLE plate_reads ADD COLUMN plate_candidates TEXT;   -- JSON [{plate, confidence (0–1), matchesTemplate}], best first

      ALTER TABLE vendor_events ADD COLUMN duplicate_id INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE vendor_search_audit ADD COLUMN duplicate_id INTEGER NOT NULL DEFAULT 0;

      -- A row kept though its vendor id was already held for other content, and the row it
      -- met: earlier in the same import, or in an earlier one. Cleared with its import.
      CREATE TABLE import_conflicts (
        import_id          INTEGER NOT NULL REFERENCES imports(id),
        target             TEXT NOT NULL CHECK (target IN ('vendor-audit', 'vendor-events', 'vendor-search-audit')),
        vendor_id          TEXT NOT NULL,
        line               INTEGER NOT NULL,
        earlier_import_id  INTEGER NOT NULL REFERENCES imports(id),
        earlier_line       INTEGER NOT NULL,
        differs            INTEGER NOT NULL CHECK (differs IN (0, 1))   -- 0: two copies of one row, both stored before schema 5
      ) STRICT;
      CREATE INDEX import_conflicts_by_import ON import_conflicts(import_id, line);

      -- "Was this file imported before?" is asked of every file chosen for import.
      CREATE INDEX imports_by_sha256 ON imports(sha256);
    `);
    for (const log of Object.keys(VENDOR_LOGS) as VendorLog[]) rekeyVendorLog(db, log);
  },
};

interface HeldRow {
  id: number;
  import_id: number;
  source_line: number;
  vendor_id: string;
  content: string;
}

/**
 * Give every stored row of `log` that carries a vendor id the hash of its new key. Rows are
 * taken import by import (committed ones first, so a dead import's rows, cleared before the
 * next import, never sit ahead of a kept row on a key's probes), each in line order. Rows that
 * already share an id are all kept: a later one goes to the key's next free probe, is flagged,
 * and is recorded as a conflict with the first row it meets of the same content, or else the
 * first of the key (as the import writer does).
 */
function rekeyVendorLog(db: Db, log: VendorLog): void {
  const { table, idColumn, content } = VENDOR_LOGS[log];
  const imports = db
    .prepare(`SELECT id FROM imports WHERE id IN (SELECT DISTINCT import_id FROM ${table}) ORDER BY status <> 'committed', id`)
    .pluck()
    .all() as number[];
  const rowsOf = db.prepare(
    `SELECT id, import_id, source_line, ${idColumn} AS vendor_id, ${content.join(', ')} FROM ${table}
     WHERE import_id = ? AND ${idColumn} IS NOT NULL ORDER BY source_line, id`,
  );
  const occupant = db.prepare(
    `SELECT id, import_id, source_line, ${idColumn} AS vendor_id, ${content.join(', ')} FROM ${table} WHERE dedupe_hash = ?`,
  );
  const move = db.prepare(`UPDATE ${table} SET dedupe_hash = ? WHERE id = ?`);
  const flag = db.prepare(`UPDATE ${table} SET duplicate_id = 1 WHERE id = ?`);
  const conflict = db.prepare(
    `INSERT INTO import_conflicts(import_id, target, vendor_id, line, earlier_import_id, earlier_line, differs) VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const held = (row: Record<string, unknown> | undefined): HeldRow | undefined =>
    row && {
      id: row.id as number,
      import_id: row.import_id as number,
      source_line: row.source_line as number,
      vendor_id: row.vendor_id as string,
      content: vendorLogContent(content.map((column) => row[column])),
    };
  /** rows already given their new key: an occupant with the same id that is not among them would be a stale hash */
  const moved = new Set<number>();
  for (const importId of imports) {
    for (const row of (rowsOf.all(importId) as Record<string, unknown>[]).map((r) => held(r)!)) {
      const key = vendorLogKey(log, row.vendor_id);
      let first: HeldRow | undefined;
      let same: HeldRow | undefined;
      for (let probe = 0; ; probe++) {
        const hash = dedupeHash(key, probe);
        const there = held(occupant.get(hash) as Record<string, unknown> | undefined);
        if (there === undefined || there.id === row.id) {
          if (there === undefined) move.run(hash, row.id);
          break;
        }
        if (moved.has(there.id) && there.vendor_id === row.vendor_id) {
          first ??= there;
          if (!same && there.content === row.content) same = there;
        }
      }
      moved.add(row.id);
      const earlier = same ?? first;
      if (!earlier) continue;
      flag.run(row.id);
      if (earlier.import_id === row.import_id) flag.run(earlier.id);
      conflict.run(row.import_id, log, row.vendor_id, row.source_line, earlier.import_id, earlier.source_line, same ? 0 : 1);
    }
  }
}
