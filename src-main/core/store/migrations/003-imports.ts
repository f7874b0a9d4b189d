import { dedupeHash, plateReadKey } from '../../reads/dedupe';
import type { Migration } from './index';

/**
 * Imports (issue 4). Every stored row now names the import it came from and its line, and
 * is visible only once its import is committed: an import writes its rows in batches
 * while it runs (so the rest of the app keeps working), and the one small transaction
 * that marks it committed makes them all appear at once. A cancelled, failed or killed
 * import's rows never become visible and are cleared before the next import.
 *
 * plate_reads is rebuilt: capture time becomes an integer (ms since 1970 UTC; smaller and
 * faster to index than text), and a 64-bit natural-key hash enforces "no read twice".
 */
export const migration003: Migration = {
  version: 3,
  name: '003-imports',
  up(db) {
    const earlier = db.prepare('SELECT * FROM plate_reads ORDER BY id').all() as EarlierRead[];
    db.exec(`
      DROP TABLE plate_reads;

      CREATE TABLE imports (
        id            INTEGER PRIMARY KEY,
        file_name     TEXT NOT NULL,
        entry         TEXT,                 -- the data file inside a bundle
        size          INTEGER NOT NULL,
        sha256        TEXT NOT NULL,
        format        TEXT NOT NULL,
        detection     TEXT NOT NULL,
        target        TEXT NOT NULL CHECK (target IN ('plate-reads', 'vendor-audit', 'vendor-events', 'vendor-search-audit')),
        profile       TEXT,
        mapping       TEXT,                 -- JSON ColumnMapping
        timezone      TEXT NOT NULL,
        status        TEXT NOT NULL CHECK (status IN ('running', 'committed', 'cancelled', 'failed', 'interrupted')),
        owner         TEXT,                 -- "host pid" of the process running it, while running
        started_at    TEXT NOT NULL,
        finished_at   TEXT,
        account_id    INTEGER NOT NULL REFERENCES accounts(id),
        imported_by   TEXT NOT NULL,
        rows_read     INTEGER NOT NULL DEFAULT 0,
        imported      INTEGER NOT NULL DEFAULT 0,
        duplicates    INTEGER NOT NULL DEFAULT 0,
        rejected      INTEGER NOT NULL DEFAULT 0,
        images        INTEGER NOT NULL DEFAULT 0,
        error         TEXT,
        CHECK (status <> 'committed' OR imported + duplicates + rejected = rows_read)
      ) STRICT;
      CREATE INDEX imports_by_status ON imports(status);

      CREATE TABLE import_rejects (
        import_id   INTEGER NOT NULL REFERENCES imports(id),
        line        INTEGER NOT NULL,
        column_name TEXT,
        reason      TEXT NOT NULL
      ) STRICT;
      CREATE INDEX import_rejects_by_import ON import_rejects(import_id, line);

      CREATE TABLE import_profiles (
        name      TEXT PRIMARY KEY COLLATE NOCASE,
        mapping   TEXT NOT NULL,
        saved_by  TEXT NOT NULL,
        saved_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE plate_reads (
        id              INTEGER PRIMARY KEY,
        import_id       INTEGER NOT NULL REFERENCES imports(id),
        source_line     INTEGER NOT NULL,
        dedupe_hash     INTEGER NOT NULL,     -- see reads/dedupe.ts
        vendor          TEXT NOT NULL,
        vendor_read_id  TEXT,
        plate_raw       TEXT NOT NULL,
        plate_norm      TEXT NOT NULL,
        state           TEXT,
        captured_at     INTEGER NOT NULL,     -- ms since 1970 UTC
        captured_text   TEXT NOT NULL,        -- the time exactly as the vendor wrote it
        camera          TEXT,
        latitude        REAL CHECK (latitude IS NULL OR (latitude >= -90 AND latitude <= 90)),
        longitude       REAL CHECK (longitude IS NULL OR (longitude >= -180 AND longitude <= 180)),
        confidence      REAL CHECK (confidence IS NULL OR (confidence >= 0 AND confidence <= 1)),
        direction       TEXT,
        make            TEXT,
        model           TEXT,
        color           TEXT
      ) STRICT;

      -- One row per image: the file is AES-256-GCM under its own key, kept only here.
      -- Deleting the row makes the file unreadable (crypto-shredding), then the file goes.
      CREATE TABLE read_images (
        id          INTEGER PRIMARY KEY,
        read_id     INTEGER NOT NULL REFERENCES plate_reads(id),
        import_id   INTEGER NOT NULL REFERENCES imports(id),
        kind        TEXT NOT NULL CHECK (kind IN ('plate', 'context', 'vehicle')),
        file        TEXT,                    -- relative to the workspace's images folder; null for a link
        link        TEXT,                    -- a vendor URL recorded, never fetched
        key         BLOB,
        nonce       BLOB,
        tag         BLOB,
        size        INTEGER,
        sha256      TEXT,                    -- of the plain image
        media_type  TEXT,
        CHECK ((file IS NOT NULL AND key IS NOT NULL AND nonce IS NOT NULL AND tag IS NOT NULL) OR (file IS NULL AND link IS NOT NULL))
      ) STRICT;
      CREATE INDEX read_images_by_read ON read_images(read_id);
      CREATE INDEX read_images_by_import ON read_images(import_id);

      CREATE TABLE vendor_audit_searches (
        id                 INTEGER PRIMARY KEY,
        import_id          INTEGER NOT NULL REFERENCES imports(id),
        source_line        INTEGER NOT NULL,
        dedupe_hash        INTEGER NOT NULL UNIQUE,
        vendor_entry_id    TEXT,
        duplicate_id       INTEGER NOT NULL DEFAULT 0,   -- the vendor's ID repeats within this import
        name               TEXT,
        org_name           TEXT,
        networks_searched  INTEGER,
        devices_searched   INTEGER,
        time_frame_start   INTEGER,
        time_frame_end     INTEGER,
        time_frame_text    TEXT,
        plate              TEXT,
        plate_has_wildcard INTEGER NOT NULL,
        reason             TEXT,
        case_number        TEXT,
        filters            TEXT,
        offense_type       TEXT,
        searched_at        INTEGER,
        searched_text      TEXT,
        search_type        TEXT,
        text_prompt        TEXT,
        moderation         TEXT,
        withheld           TEXT NOT NULL,    -- JSON list of columns the vendor withheld
        cells              TEXT NOT NULL     -- JSON: every cell as written
      ) STRICT;
      CREATE INDEX vendor_audit_searches_by_import ON vendor_audit_searches(import_id);
      CREATE INDEX vendor_audit_searches_by_time ON vendor_audit_searches(searched_at);

      CREATE TABLE vendor_events (
        id               INTEGER PRIMARY KEY,
        import_id        INTEGER NOT NULL REFERENCES imports(id),
        source_line      INTEGER NOT NULL,
        dedupe_hash      INTEGER NOT NULL UNIQUE,
        vendor_event_id  TEXT,
        occurred_at      INTEGER,
        occurred_text    TEXT,
        user             TEXT,
        event_type       TEXT,
        entity_type      TEXT,
        entity_details   TEXT,
        details          TEXT NOT NULL,    -- JSON: the Key: value lines
        withheld         TEXT NOT NULL,
        cells            TEXT NOT NULL
      ) STRICT;
      CREATE INDEX vendor_events_by_import ON vendor_events(import_id);

      CREATE TABLE vendor_search_audit (
        id               INTEGER PRIMARY KEY,
        import_id        INTEGER NOT NULL REFERENCES imports(id),
        source_line      INTEGER NOT NULL,
        dedupe_hash      INTEGER NOT NULL UNIQUE,
        vendor_entry_id  TEXT,
        user_id          TEXT,
        searched_at      INTEGER,
        searched_text    TEXT,
        network_count    INTEGER,
        reason           TEXT,
        withheld         TEXT NOT NULL,
        cells            TEXT NOT NULL
      ) STRICT;
      CREATE INDEX vendor_search_audit_by_import ON vendor_search_audit(import_id);

      CREATE UNIQUE INDEX plate_reads_by_dedupe ON plate_reads(dedupe_hash);
      CREATE INDEX plate_reads_by_time ON plate_reads(captured_at);
      CREATE INDEX plate_reads_by_plate ON plate_reads(plate_norm);
      CREATE INDEX plate_reads_by_import ON plate_reads(import_id, source_line);

      -- What every reader of plate data sees: reads of committed imports only.
      CREATE VIEW committed_reads AS
        SELECT * FROM plate_reads WHERE import_id IN (SELECT id FROM imports WHERE status = 'committed');
    `);
    carryOverEarlierReads(db, earlier);
  },
};

type EarlierRead = Record<string, string | number | null>;

/**
 * Reads stored before imports were recorded (schema 2 had no import records) are kept,
 * under one import record that says where they came from.
 */
function carryOverEarlierReads(db: Parameters<Migration['up']>[0], earlier: EarlierRead[]): void {
  if (earlier.length === 0) return;
  const account = db.prepare("SELECT id, full_name FROM accounts WHERE status = 'active' ORDER BY id LIMIT 1").get() as
    { id: number; full_name: string } | undefined;
  if (!account) throw new Error('plate reads exist but no account does: this store is not a Custodian workspace');
  const now = new Date().toISOString();
  const importId = Number(
    db
      .prepare(
        `INSERT INTO imports(file_name, size, sha256, format, detection, target, timezone, status, started_at, finished_at, account_id, imported_by, rows_read, imported)
         VALUES ('(stored before imports were recorded)', 0, '', 'csv', 'carried over by the schema 3 upgrade', 'plate-reads', 'UTC', 'running', ?, ?, ?, ?, ?, 0)`,
      )
      .run(now, now, account.id, account.full_name, earlier.length).lastInsertRowid,
  );
  const insert = db.prepare(
    `INSERT OR IGNORE INTO plate_reads(id, import_id, source_line, dedupe_hash, vendor, vendor_read_id, plate_raw, plate_norm, state, captured_at, captured_text, camera, latitude, longitude, confidence)
     VALUES (?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let imported = 0;
  for (const r of earlier) {
    const capturedAt = Date.parse(String(r.captured_at));
    const key = plateReadKey(
      String(r.vendor),
      r.vendor_read_id as string | null,
      String(r.plate_norm),
      capturedAt,
      r.camera as string | null,
    );
    imported += insert.run(
      r.id,
      importId,
      dedupeHash(key),
      r.vendor,
      r.vendor_read_id,
      r.plate_raw,
      r.plate_norm,
      r.state,
      capturedAt,
      r.captured_text,
      r.camera,
      r.latitude,
      r.longitude,
      r.confidence,
    ).changes;
  }
  db.prepare("UPDATE imports SET status = 'committed', imported = ?, duplicates = ? WHERE id = ?").run(
    imported,
    earlier.length - imported,
    importId,
  );
}
