import type { Migration } from './index';

/**
 * What an import did with each sheet of a workbook (issue 12): read as which layout, or
 * skipped and why, and its counts (each sheet's read = imported + duplicates + rejected).
 * Written with the commit, so an import looked up later still says it; cleared with the
 * import's rows (it carries import_id).
 */
export const migration006: Migration = {
  version: 6,
  name: '006-import-sheets',
  up(db) {
    db.exec(`
      CREATE TABLE import_sheets (
        import_id   INTEGER NOT NULL REFERENCES imports(id),
        position    INTEGER NOT NULL,          -- tab order, from 0
        name        TEXT NOT NULL,
        format      TEXT,                      -- the layout it was read as; null when skipped
        skipped     TEXT,                      -- why it was not imported; null when it was
        rows_read   INTEGER NOT NULL,
        imported    INTEGER NOT NULL,
        duplicates  INTEGER NOT NULL,
        rejected    INTEGER NOT NULL,
        PRIMARY KEY (import_id, position),
        CHECK ((format IS NULL) <> (skipped IS NULL)),
        CHECK (rows_read = imported + duplicates + rejected)
      );
    `);
  },
};
