import type { Migration } from './index';

/**
 * The table plate reads land in. The imports work extends it (images, import records);
 * the core holds it now so the gate has real ALPR data to guard from the first release.
 */
export const migration002: Migration = {
  version: 2,
  name: '002-plate-reads',
  up(db) {
    db.exec(`
      CREATE TABLE plate_reads (
        id              INTEGER PRIMARY KEY,
        vendor          TEXT NOT NULL,
        vendor_read_id  TEXT,
        plate_raw       TEXT NOT NULL,
        plate_norm      TEXT NOT NULL,
        state           TEXT,
        captured_at     TEXT NOT NULL,   -- UTC ISO-8601
        captured_text   TEXT NOT NULL,   -- the time exactly as the vendor wrote it
        camera          TEXT,
        latitude        REAL,
        longitude       REAL,
        confidence      REAL CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1))
      ) STRICT;
      CREATE INDEX plate_reads_by_time ON plate_reads(captured_at);
      CREATE INDEX plate_reads_by_plate ON plate_reads(plate_norm);
    `);
  },
};
