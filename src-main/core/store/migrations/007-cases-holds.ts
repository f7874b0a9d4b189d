import type { Migration } from './index';

/**
 * Cases and the holds that keep their reads past the retention period (Policy 427.5).
 * Nothing about a hold is deleted: it is released, and every change is a row of
 * `hold_events`, which triggers keep as written. `hold_reads` names chosen reads by id
 * without a foreign key, so the record of what a released hold kept outlives the reads.
 * A hold on an import names it as `held_import_id` (not `import_id`: rows carrying an
 * `import_id` are cleared with an abandoned import, and a hold is only ever placed on a
 * committed one).
 */
export const migration007: Migration = {
  version: 7,
  name: '007-cases-holds',
  up(db) {
    db.exec(`
      CREATE TABLE cases (
        id            INTEGER PRIMARY KEY,
        number        TEXT NOT NULL UNIQUE,   -- as people type it for ALPR access, trimmed
        title         TEXT NOT NULL,
        type          TEXT NOT NULL,
        lead          TEXT NOT NULL,          -- the lead investigator
        opened_on     TEXT NOT NULL,          -- YYYY-MM-DD
        closed_on     TEXT,
        created_by    TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        CHECK (closed_on IS NULL OR closed_on >= opened_on)
      ) STRICT;

      CREATE TABLE holds (
        id              INTEGER PRIMARY KEY,
        case_id         INTEGER NOT NULL REFERENCES cases(id),
        kind            TEXT NOT NULL CHECK (kind IN ('reads', 'query', 'import')),
        plate_pattern   TEXT,                 -- query: normalised, * and ? allowed
        from_ms         INTEGER,              -- query: capture window, ms since 1970 UTC, from inclusive, to exclusive
        to_ms           INTEGER,
        cameras         TEXT,                 -- query: JSON array of camera names, or null for any
        held_import_id  INTEGER REFERENCES imports(id),
        reason          TEXT NOT NULL CHECK (reason IN ('investigation', 'evidence', 'discovery-litigation', 'public-records', 'other')),
        reason_text     TEXT,
        placed_by       TEXT NOT NULL,
        placed_at       TEXT NOT NULL,
        review_on       TEXT NOT NULL,        -- YYYY-MM-DD
        released_at     INTEGER,              -- ms since 1970 UTC
        released_by     TEXT,
        release_reason  TEXT,
        CHECK (kind <> 'query' OR (plate_pattern IS NOT NULL AND from_ms IS NOT NULL AND to_ms IS NOT NULL AND from_ms < to_ms)),
        CHECK (kind <> 'import' OR held_import_id IS NOT NULL),
        CHECK (reason <> 'other' OR reason_text IS NOT NULL),
        CHECK ((released_at IS NULL) = (released_by IS NULL) AND (released_at IS NULL) = (release_reason IS NULL))
      ) STRICT;
      CREATE INDEX holds_by_case ON holds(case_id);
      CREATE INDEX holds_active ON holds(released_at, review_on);

      CREATE TABLE hold_reads (
        hold_id  INTEGER NOT NULL REFERENCES holds(id),
        read_id  INTEGER NOT NULL,
        PRIMARY KEY (hold_id, read_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX hold_reads_by_read ON hold_reads(read_id);

      CREATE TABLE hold_events (
        id        INTEGER PRIMARY KEY,
        hold_id   INTEGER NOT NULL REFERENCES holds(id),
        event     TEXT NOT NULL CHECK (event IN ('placed', 'changed', 'extended', 'released')),
        at        TEXT NOT NULL,
        by        TEXT NOT NULL,
        detail    TEXT NOT NULL               -- what changed, in words
      ) STRICT;
      CREATE INDEX hold_events_by_hold ON hold_events(hold_id, id);
      CREATE TRIGGER hold_events_no_update BEFORE UPDATE ON hold_events
        BEGIN SELECT RAISE(ABORT, 'the history of a hold is never edited'); END;
      CREATE TRIGGER hold_events_no_delete BEFORE DELETE ON hold_events
        BEGIN SELECT RAISE(ABORT, 'the history of a hold is never deleted'); END;
      CREATE TRIGGER holds_no_delete BEFORE DELETE ON holds
        BEGIN SELECT RAISE(ABORT, 'a hold is never deleted: release it'); END;
    `);
  },
};
