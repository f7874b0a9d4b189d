import type { Migration } from './index';

/**
 * The retention purge (Policy 427.5). A run plans first, in one transaction: the ids of
 * the reads it will destroy go into `purge_plan`. Then it destroys them in bounded
 * transactions, each also noting the image files it shredded in `purge_files`, unlinked
 * after the commit. A run killed part-way is finished by the next one from its plan, so
 * its totals and the hash of its destroyed ids are the same. The plan's rows go when the
 * run finishes; the run's record, certificate data and hashes are kept.
 */
export const migration008: Migration = {
  version: 8,
  name: '008-purge',
  up(db) {
    db.exec(`
      CREATE TABLE purge_runs (
        id                  INTEGER PRIMARY KEY,
        status              TEXT NOT NULL CHECK (status IN ('running', 'finished')),
        started_at          TEXT NOT NULL,
        finished_at         TEXT,
        ran_by              TEXT,             -- the username; null when the app ran it on its schedule
        ran_by_name         TEXT,
        as_of               INTEGER NOT NULL, -- ms since 1970 UTC
        as_of_is_drill      INTEGER NOT NULL CHECK (as_of_is_drill IN (0, 1)),
        period_seconds      INTEGER NOT NULL,
        vendor_period_seconds INTEGER NOT NULL,
        first_seq           INTEGER NOT NULL, -- the first access-log entry after the run began
        planned_reads       INTEGER NOT NULL,
        kept                TEXT NOT NULL,    -- JSON: KeptGroup[] at planning
        destroyed           TEXT,             -- JSON: the counts destroyed, per category
        destroyed_ids_sha256 TEXT,
        certificate         TEXT,             -- JSON: PurgeCertificateData
        certificate_sha256  TEXT,
        CHECK ((status = 'finished') = (certificate_sha256 IS NOT NULL))
      ) STRICT;

      CREATE TABLE purge_plan (
        run_id   INTEGER NOT NULL REFERENCES purge_runs(id),
        read_id  INTEGER NOT NULL,
        done     INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
        PRIMARY KEY (run_id, read_id)
      ) STRICT, WITHOUT ROWID;

      -- Counted per run as batches commit, so a resumed run's totals are the whole run's.
      CREATE TABLE purge_tallies (
        run_id    INTEGER NOT NULL REFERENCES purge_runs(id),
        category  TEXT NOT NULL,
        count     INTEGER NOT NULL,
        PRIMARY KEY (run_id, category)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE purge_files (
        file  TEXT PRIMARY KEY                -- relative to the images folder; its key row is already gone
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
