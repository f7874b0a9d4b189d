import type { Migration } from './index';

/**
 * The department's signing certificates (releases issue, 427.7): the private key lives only
 * here, inside the encrypted store, as a PKCS#12 under an empty passphrase. One certificate
 * is in use (not retired) at a time. None is ever deleted or changed but for being retired:
 * a document signed with one is made again, byte for byte, with the same one. A purge run
 * records which certificate signed its certificate (null: made before one was set up).
 */
export const migration010: Migration = {
  version: 10,
  name: '010-signing-certificates',
  up(db) {
    db.exec(`
      CREATE TABLE signing_certificates (
        id                 INTEGER PRIMARY KEY,
        common_name        TEXT NOT NULL,
        organization       TEXT,
        fingerprint_sha256 TEXT NOT NULL UNIQUE,
        certificate_pem    TEXT NOT NULL,
        pkcs12             BLOB NOT NULL,
        key_description    TEXT NOT NULL,
        origin             TEXT NOT NULL CHECK (origin IN ('generated', 'imported')),
        not_before         TEXT NOT NULL,
        not_after          TEXT NOT NULL,
        added_at           TEXT NOT NULL,
        added_by           TEXT NOT NULL,
        retired_at         TEXT
      ) STRICT;
      -- at most one in use
      CREATE UNIQUE INDEX signing_certificate_in_use ON signing_certificates(retired_at IS NULL) WHERE retired_at IS NULL;
      CREATE TRIGGER signing_certificates_kept BEFORE DELETE ON signing_certificates
      BEGIN SELECT RAISE(ABORT, 'signing certificates are kept: documents signed with one are made again with it'); END;
      CREATE TRIGGER signing_certificates_only_retired BEFORE UPDATE ON signing_certificates
      WHEN OLD.retired_at IS NOT NULL OR NEW.retired_at IS NULL
        OR NEW.id IS NOT OLD.id OR NEW.common_name IS NOT OLD.common_name OR NEW.organization IS NOT OLD.organization
        OR NEW.fingerprint_sha256 IS NOT OLD.fingerprint_sha256 OR NEW.certificate_pem IS NOT OLD.certificate_pem
        OR NEW.pkcs12 IS NOT OLD.pkcs12 OR NEW.key_description IS NOT OLD.key_description OR NEW.origin IS NOT OLD.origin
        OR NEW.not_before IS NOT OLD.not_before OR NEW.not_after IS NOT OLD.not_after
        OR NEW.added_at IS NOT OLD.added_at OR NEW.added_by IS NOT OLD.added_by
      BEGIN SELECT RAISE(ABORT, 'a signing certificate is only ever retired, once'); END;

      ALTER TABLE purge_runs ADD COLUMN signing_certificate_id INTEGER REFERENCES signing_certificates(id);
    `);
  },
};
