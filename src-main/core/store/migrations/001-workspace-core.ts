import type { Migration } from './index';

/** Accounts, roles, training, settings and the append-only, hash-chained access log. */
export const migration001: Migration = {
  version: 1,
  name: '001-workspace-core',
  up(db) {
    db.exec(`
      CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL            -- JSON
      ) STRICT;

      CREATE TABLE accounts (
        id                      INTEGER PRIMARY KEY,
        username                TEXT NOT NULL UNIQUE COLLATE NOCASE,
        full_name               TEXT NOT NULL,
        status                  TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
        confidential_authorized INTEGER NOT NULL DEFAULT 0 CHECK (confidential_authorized IN (0, 1)),
        created_at              TEXT NOT NULL,
        created_by              INTEGER REFERENCES accounts(id),
        password_changed_at     TEXT NOT NULL,
        disabled_at             TEXT,
        disabled_by             INTEGER REFERENCES accounts(id)
      ) STRICT;

      CREATE TABLE account_roles (
        account_id INTEGER NOT NULL REFERENCES accounts(id),
        role       TEXT NOT NULL CHECK (role IN ('commander', 'designee', 'administrator', 'member', 'evidence-technician', 'auditor')),
        PRIMARY KEY (account_id, role)
      ) STRICT;

      CREATE TABLE training_records (
        id           INTEGER PRIMARY KEY,
        account_id   INTEGER NOT NULL REFERENCES accounts(id),
        course       TEXT NOT NULL,
        completed_on TEXT NOT NULL,    -- YYYY-MM-DD
        expires_on   TEXT,             -- YYYY-MM-DD, NULL = does not expire
        recorded_by  INTEGER NOT NULL REFERENCES accounts(id),
        recorded_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX training_by_account ON training_records(account_id);

      CREATE TABLE audit_log (
        seq          INTEGER PRIMARY KEY,
        at           TEXT NOT NULL,    -- UTC, milliseconds
        account_id   INTEGER,
        username     TEXT,
        full_name    TEXT,
        role         TEXT,
        operation    TEXT NOT NULL,
        objects      TEXT NOT NULL,    -- canonical JSON
        case_number  TEXT,
        purpose      TEXT,
        outcome      TEXT NOT NULL CHECK (outcome IN ('ok', 'denied', 'error')),
        reason       TEXT,
        workstation  TEXT NOT NULL,
        prev_hash    BLOB NOT NULL,
        hash         BLOB NOT NULL
      ) STRICT;
      CREATE INDEX audit_by_time ON audit_log(at);
      CREATE INDEX audit_by_user ON audit_log(username COLLATE NOCASE, seq);
      CREATE INDEX audit_by_operation ON audit_log(operation, seq);
      CREATE INDEX audit_by_case ON audit_log(case_number, seq) WHERE case_number IS NOT NULL;

      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;

      CREATE TABLE audit_checkpoints (
        seq        INTEGER PRIMARY KEY,
        head_hash  BLOB NOT NULL,
        at         TEXT NOT NULL,
        signature  BLOB NOT NULL
      ) STRICT;
      CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
      BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
      CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
      BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;
    `);
  },
};
