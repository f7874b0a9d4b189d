import { ocrForm } from '../../reads/plates';
import type { Migration } from './index';

/**
 * Search, hot lists and alerts (issue 5).
 *
 * plate_search: an FTS5 trigram index of every read's plate in OCR form (reads/plates.ts),
 * keyed by the read's id. Contentless (the plate stays in plate_reads only) with deletes
 * allowed, so a purged or cleared read leaves nothing behind in the index. Measured
 * against a table of distinct plates and a hand-made trigram table: FTS5 inserts 200k
 * plates/s, a B-tree of plates 63k/s (bench/RESULTS.md).
 *
 * Hot lists hold entries (full or partial plates); alerts pair an entry with a read; a
 * verification records the check an officer made in an official database (427.4(f)).
 * Verifications are never changed: a later one supersedes an earlier one.
 */
export const migration004: Migration = {
  version: 4,
  name: '004-search-hotlists',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE plate_search USING fts5(plate_ocr, content='', contentless_delete=1, tokenize='trigram', detail='none');

      CREATE TABLE hotlists (
        id               INTEGER PRIMARY KEY,
        name             TEXT NOT NULL UNIQUE COLLATE NOCASE,
        source           TEXT NOT NULL CHECK (source IN ('NCIC', 'state', 'local')),
        created_by       INTEGER NOT NULL REFERENCES accounts(id),
        created_by_name  TEXT NOT NULL,
        created_at       TEXT NOT NULL,
        updated_at       TEXT NOT NULL
      ) STRICT;

      -- One row per file loaded into a list: what it was and who loaded it.
      CREATE TABLE hotlist_loads (
        id              INTEGER PRIMARY KEY,
        list_id         INTEGER NOT NULL REFERENCES hotlists(id),
        file_name       TEXT NOT NULL,
        size            INTEGER NOT NULL,
        sha256          TEXT NOT NULL,
        format          TEXT NOT NULL,
        profile         TEXT,
        mapping         TEXT,
        entries         INTEGER NOT NULL,
        rejected        INTEGER NOT NULL,
        loaded_by       INTEGER NOT NULL REFERENCES accounts(id),
        loaded_by_name  TEXT NOT NULL,
        loaded_at       TEXT NOT NULL
      ) STRICT;
      CREATE INDEX hotlist_loads_by_list ON hotlist_loads(list_id);

      CREATE TABLE hotlist_load_rejects (
        load_id  INTEGER NOT NULL REFERENCES hotlist_loads(id),
        line     INTEGER NOT NULL,
        reason   TEXT NOT NULL
      ) STRICT;
      CREATE INDEX hotlist_load_rejects_by_load ON hotlist_load_rejects(load_id, line);

      CREATE TABLE hotlist_entries (
        id               INTEGER PRIMARY KEY,
        list_id          INTEGER NOT NULL REFERENCES hotlists(id),
        load_id          INTEGER REFERENCES hotlist_loads(id),   -- null for an entry added by hand
        source_line      INTEGER,
        plate_raw        TEXT NOT NULL,
        plate_norm       TEXT NOT NULL,                          -- a partial plate keeps its * and ?
        partial          INTEGER NOT NULL CHECK (partial IN (0, 1)),
        state            TEXT,
        reason           TEXT,
        case_number      TEXT,
        alert_level      TEXT,
        note             TEXT,
        effective_on     TEXT,                                   -- YYYY-MM-DD, first day in force
        expires_on       TEXT,                                   -- YYYY-MM-DD, last day in force
        added_by         INTEGER NOT NULL REFERENCES accounts(id),
        added_by_name    TEXT NOT NULL,
        added_at         TEXT NOT NULL,
        retired_at       TEXT,                                   -- taken off the list (a newer load, or by hand)
        retired_by_name  TEXT,
        retired_reason   TEXT
      ) STRICT;
      CREATE INDEX hotlist_entries_by_list ON hotlist_entries(list_id, id);
      CREATE INDEX hotlist_entries_by_plate ON hotlist_entries(plate_norm) WHERE partial = 0 AND retired_at IS NULL;
      CREATE INDEX hotlist_entries_partial ON hotlist_entries(id) WHERE partial = 1 AND retired_at IS NULL;

      CREATE TABLE hotlist_profiles (
        name      TEXT PRIMARY KEY COLLATE NOCASE,
        mapping   TEXT NOT NULL,
        saved_by  TEXT NOT NULL,
        saved_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE alerts (
        id         INTEGER PRIMARY KEY,
        entry_id   INTEGER NOT NULL REFERENCES hotlist_entries(id),
        read_id    INTEGER NOT NULL REFERENCES plate_reads(id),
        import_id  INTEGER NOT NULL REFERENCES imports(id),     -- the read's import: hidden until it commits, cleared with it
        raised_by  TEXT NOT NULL CHECK (raised_by IN ('import', 'entry')),
        raised_at  TEXT NOT NULL,
        UNIQUE (entry_id, read_id)
      ) STRICT;
      CREATE INDEX alerts_by_read ON alerts(read_id);
      CREATE INDEX alerts_by_import ON alerts(import_id);

      CREATE TABLE alert_verifications (
        id           INTEGER PRIMARY KEY,
        alert_id     INTEGER NOT NULL REFERENCES alerts(id),
        source       TEXT NOT NULL,
        result       TEXT NOT NULL CHECK (result IN ('confirmed', 'not-confirmed', 'cleared')),
        checked_at   TEXT NOT NULL,
        note         TEXT NOT NULL,
        account_id   INTEGER NOT NULL REFERENCES accounts(id),
        verified_by  TEXT NOT NULL,
        recorded_at  TEXT NOT NULL,
        supersedes   INTEGER UNIQUE REFERENCES alert_verifications(id)
      ) STRICT;
      CREATE INDEX alert_verifications_by_alert ON alert_verifications(alert_id, id);
      CREATE TRIGGER alert_verifications_never_edited BEFORE UPDATE ON alert_verifications
        BEGIN SELECT RAISE(ABORT, 'a verification is never edited: record a new one, which supersedes it'); END;

      -- The committed filter stays a filter: with "+", SQLite never picks the import index
      -- to find a search's reads (with one import, that index walk is every read).
      DROP VIEW committed_reads;
      CREATE VIEW committed_reads AS
        SELECT * FROM plate_reads WHERE +import_id IN (SELECT id FROM imports WHERE status = 'committed');

      -- What every reader of alerts sees: alerts on committed reads only.
      CREATE VIEW committed_alerts AS
        SELECT * FROM alerts WHERE +import_id IN (SELECT id FROM imports WHERE status = 'committed');
    `);
    // Reads stored before this version go into the index, a slice at a time (the
    // connection cannot write while a query is still being read).
    const index = db.prepare('INSERT INTO plate_search(rowid, plate_ocr) VALUES (?, ?)');
    const slice = db.prepare('SELECT id, plate_norm FROM plate_reads WHERE id > ? ORDER BY id LIMIT 10000');
    for (let after = 0; ;) {
      const reads = slice.all(after) as { id: number; plate_norm: string }[];
      if (reads.length === 0) break;
      for (const read of reads) index.run(read.id, ocrForm(read.plate_norm));
      after = reads[reads.length - 1]!.id;
    }
  },
};
