/**
 * Schema migrations on real encrypted stores: each migration builds what it promises,
 * migrating is all-or-nothing and repeatable, and a store written by a newer Custodian
 * is refused without being touched.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { CustodianError } from '../../src-main/core/errors';
import { MASTER_KEY_BYTES, openEncrypted, type Db } from '../../src-main/core/store/database';
import { migrate, MIGRATIONS, SCHEMA_VERSION, schemaVersion, type Migration } from '../../src-main/core/store/migrations';
import { dedupeHash, vendorLogKey } from '../../src-main/core/reads/dedupe';
import { Workspace } from '../../src-main/core/workspace';
import {
  COMMANDER,
  custodianErrorFrom,
  masterKeyFromSlot,
  newWorkspace,
  PASSWORD,
  removeTempFolders,
  sha256,
  tempFolder,
} from '../support/store-support';

const open: Db[] = [];

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
});
afterAll(removeTempFolders);

/** A new, empty encrypted store. */
function freshDb(): Db {
  const db = openEncrypted(path.join(tempFolder('mig'), 'store.db'), crypto.randomBytes(MASTER_KEY_BYTES), { create: true });
  open.push(db);
  return db;
}

interface SchemaObject {
  type: string;
  name: string;
  sql: string | null;
}

/** Every table, index and trigger we made (SQLite's own internal objects left out), sorted. */
function schema(db: Db): SchemaObject[] {
  return db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as SchemaObject[];
}

function names(db: Db, type: 'table' | 'index' | 'trigger'): string[] {
  return schema(db)
    .filter((o) => o.type === type)
    .map((o) => o.name);
}

interface Expected {
  tables: string[];
  indexes: string[];
  triggers: string[];
  /** a few writes that show the new schema accepts what it should and refuses what it should not */
  exercise(db: Db): void;
}

/** What each migration must create. A migration added to MIGRATIONS without an entry here fails the first test. */
const EXPECTED: Record<number, Expected> = {
  1: {
    tables: ['account_roles', 'accounts', 'audit_checkpoints', 'audit_log', 'meta', 'settings', 'training_records'],
    indexes: ['audit_by_case', 'audit_by_operation', 'audit_by_time', 'audit_by_user', 'training_by_account'],
    triggers: ['audit_checkpoints_no_delete', 'audit_checkpoints_no_update', 'audit_log_no_delete', 'audit_log_no_update'],
    exercise(db) {
      db.prepare("INSERT INTO meta(key, value) VALUES ('workspace_id', 'w-1')").run();
      const at = '2026-01-01T00:00:00.000Z';
      const id = Number(
        db
          .prepare(
            "INSERT INTO accounts(username, full_name, status, created_at, password_changed_at) VALUES ('cmdr', 'Pat Parsons', 'active', ?, ?)",
          )
          .run(at, at).lastInsertRowid,
      );
      db.prepare("INSERT INTO account_roles(account_id, role) VALUES (?, 'commander')").run(id);
      expect(() => db.prepare("INSERT INTO account_roles(account_id, role) VALUES (?, 'janitor')").run(id)).toThrow(/CHECK constraint/);
      expect(() => db.prepare("INSERT INTO account_roles(account_id, role) VALUES (9999, 'member')").run()).toThrow(/FOREIGN KEY/);
      expect(() =>
        db
          .prepare(
            "INSERT INTO accounts(username, full_name, status, created_at, password_changed_at) VALUES ('CMDR', 'Twin', 'active', ?, ?)",
          )
          .run(at, at),
      ).toThrow(/UNIQUE/);

      const entry = db.prepare(
        `INSERT INTO audit_log(at, account_id, username, operation, objects, outcome, workstation, prev_hash, hash)
         VALUES (?, ?, 'cmdr', 'workspace.init', '{}', 'ok', 'desk-1', zeroblob(32), randomblob(32))`,
      );
      const seq = Number(entry.run(at, id).lastInsertRowid);
      expect(() => db.prepare("UPDATE audit_log SET outcome = 'denied' WHERE seq = ?").run(seq)).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log WHERE seq = ?').run(seq)).toThrow(/append-only/);
      expect(() =>
        db
          .prepare(
            "INSERT INTO audit_log(at, operation, objects, outcome, workstation, prev_hash, hash) VALUES (?, 'x', '{}', 'maybe', 'd', x'00', x'00')",
          )
          .run(at),
      ).toThrow(/CHECK constraint/);

      db.prepare('INSERT INTO audit_checkpoints(seq, head_hash, at, signature) VALUES (?, randomblob(32), ?, randomblob(64))').run(seq, at);
      expect(() => db.prepare('UPDATE audit_checkpoints SET at = ?').run(at)).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_checkpoints').run()).toThrow(/append-only/);
      expect(db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(1);
      expect(db.prepare('SELECT count(*) FROM audit_checkpoints').pluck().get()).toBe(1);
    },
  },
  2: {
    tables: ['plate_reads'],
    indexes: ['plate_reads_by_plate', 'plate_reads_by_time'],
    triggers: [],
    exercise(db) {
      const insert = db.prepare(
        `INSERT INTO plate_reads(vendor, plate_raw, plate_norm, captured_at, captured_text, confidence)
         VALUES ('acme', ?, ?, '2026-03-01T12:00:00.000Z', '03/01/2026 04:00 AM', ?)`,
      );
      insert.run('7abc 123', '7ABC123', 0.93);
      expect(() => insert.run('8XYZ999', '8XYZ999', 1.5)).toThrow(/CHECK constraint/);
      expect(() => insert.run('8XYZ999', '8XYZ999', 'high')).toThrow(/cannot store TEXT value in REAL column/);
      expect(db.prepare("SELECT plate_raw FROM plate_reads WHERE plate_norm = '7ABC123'").pluck().all()).toEqual(['7abc 123']);
      const plan = db.prepare("EXPLAIN QUERY PLAN SELECT * FROM plate_reads WHERE plate_norm = '7ABC123'").all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('plate_reads_by_plate');
    },
  },
  3: {
    tables: [
      'import_profiles',
      'import_rejects',
      'imports',
      'plate_reads',
      'read_images',
      'vendor_audit_searches',
      'vendor_events',
      'vendor_search_audit',
    ],
    indexes: [
      'import_rejects_by_import',
      'imports_by_status',
      'plate_reads_by_dedupe',
      'plate_reads_by_import',
      'plate_reads_by_plate',
      'plate_reads_by_time',
      'read_images_by_import',
      'read_images_by_read',
      'vendor_audit_searches_by_import',
      'vendor_audit_searches_by_time',
      'vendor_events_by_import',
      'vendor_search_audit_by_import',
    ],
    triggers: [],
    exercise(db) {
      // The read stored at schema 2 is carried over under an import record, its time now in ms.
      expect(db.prepare('SELECT plate_raw, captured_at, import_id FROM plate_reads').all()).toEqual([
        { plate_raw: '7abc 123', captured_at: Date.parse('2026-03-01T12:00:00.000Z'), import_id: 1 },
      ]);
      expect(db.prepare('SELECT status, rows_read, imported FROM imports').all()).toEqual([
        { status: 'committed', rows_read: 1, imported: 1 },
      ]);
      expect(db.prepare('SELECT count(*) FROM committed_reads').pluck().get()).toBe(1);

      const at = '2026-04-01T00:00:00.000Z';
      const running = Number(
        db
          .prepare(
            `INSERT INTO imports(file_name, size, sha256, format, detection, target, timezone, status, started_at, account_id, imported_by)
             VALUES ('b.csv', 10, '', 'csv', 'd', 'plate-reads', 'UTC', 'running', ?, 1, 'Pat Parsons')`,
          )
          .run(at).lastInsertRowid,
      );
      const insert = db.prepare(
        `INSERT INTO plate_reads(import_id, source_line, dedupe_hash, vendor, plate_raw, plate_norm, captured_at, captured_text, latitude)
         VALUES (?, 2, ?, 'acme', 'X1', 'X1', 0, 't', ?)`,
      );
      insert.run(running, 42n, 45.5);
      // A running import's rows are not visible; one natural key is stored once; bad values are refused.
      expect(db.prepare('SELECT count(*) FROM committed_reads').pluck().get()).toBe(1);
      expect(() => insert.run(running, 42n, 45.5)).toThrow(/UNIQUE/);
      expect(() => insert.run(running, 43n, 91)).toThrow(/CHECK constraint/);
      expect(() => insert.run(999, 44n, 0)).toThrow(/FOREIGN KEY/);
      // A committed import must account for every row it read.
      expect(() => db.prepare("UPDATE imports SET status = 'committed', rows_read = 5, imported = 1 WHERE id = ?").run(running)).toThrow(
        /CHECK constraint/,
      );
      db.prepare("UPDATE imports SET status = 'committed', rows_read = 1, imported = 1 WHERE id = ?").run(running);
      expect(db.prepare('SELECT count(*) FROM committed_reads').pluck().get()).toBe(2);
    },
  },
  4: {
    tables: [
      'alert_verifications',
      'alerts',
      'hotlist_entries',
      'hotlist_load_rejects',
      'hotlist_loads',
      'hotlist_profiles',
      'hotlists',
      'plate_search',
      'plate_search_config',
      'plate_search_data',
      'plate_search_docsize',
      'plate_search_idx',
    ],
    indexes: [
      'alert_verifications_by_alert',
      'alerts_by_import',
      'alerts_by_read',
      'hotlist_entries_by_list',
      'hotlist_entries_by_plate',
      'hotlist_entries_partial',
      'hotlist_loads_by_list',
      'hotlist_load_rejects_by_load',
    ],
    triggers: ['alert_verifications_never_edited'],
    exercise(db) {
      // The reads stored before (7ABC123 and X1) are in the plate index, in OCR form (B → 8, 1 → 1 …).
      const found = (gram: string) => db.prepare('SELECT rowid FROM plate_search WHERE plate_search MATCH ?').pluck().all(`"${gram}"`);
      expect(found('7A8')).toEqual([1]);
      expect(found('8C1')).toEqual([1]);
      expect(found('XYZ')).toEqual([]);

      const at = '2026-04-02T00:00:00.000Z';
      db.prepare(
        "INSERT INTO hotlists(name, source, created_by, created_by_name, created_at, updated_at) VALUES ('Stolen', 'NCIC', 1, 'P', ?, ?)",
      ).run(at, at);
      expect(() =>
        db
          .prepare(
            "INSERT INTO hotlists(name, source, created_by, created_by_name, created_at, updated_at) VALUES ('STOLEN', 'local', 1, 'P', ?, ?)",
          )
          .run(at, at),
      ).toThrow(/UNIQUE/);
      db.prepare(
        `INSERT INTO hotlist_entries(list_id, plate_raw, plate_norm, partial, added_by, added_by_name, added_at) VALUES (1, '7ABC123', '7ABC123', 0, 1, 'P', ?)`,
      ).run(at);
      const running = db.prepare("SELECT id FROM imports WHERE file_name = 'b.csv'").pluck().get() as number;
      db.prepare("UPDATE imports SET status = 'cancelled' WHERE id = ?").run(running);
      db.prepare("INSERT INTO alerts(entry_id, read_id, import_id, raised_by, raised_at) VALUES (1, 1, 1, 'entry', ?)").run(at);
      db.prepare("INSERT INTO alerts(entry_id, read_id, import_id, raised_by, raised_at) VALUES (1, 2, ?, 'import', ?)").run(running, at);
      // An alert on a read whose import did not commit is not visible.
      expect(db.prepare('SELECT read_id FROM committed_alerts').pluck().all()).toEqual([1]);
      expect(() =>
        db.prepare("INSERT INTO alerts(entry_id, read_id, import_id, raised_by, raised_at) VALUES (1, 1, 1, 'entry', ?)").run(at),
      ).toThrow(/UNIQUE/);

      const verify = db.prepare(
        `INSERT INTO alert_verifications(alert_id, source, result, checked_at, note, account_id, verified_by, recorded_at, supersedes)
         VALUES (1, 'NCIC', ?, ?, 'n', 1, 'P', ?, ?)`,
      );
      verify.run('not-confirmed', at, at, null);
      expect(() => verify.run('maybe', at, at, null)).toThrow(/CHECK constraint/);
      expect(() => db.prepare("UPDATE alert_verifications SET result = 'confirmed'").run()).toThrow(/never edited/);
      verify.run('confirmed', at, at, 1);
      expect(() => verify.run('cleared', at, at, 1)).toThrow(/UNIQUE/);
    },
  },
  5: {
    tables: ['import_conflicts'],
    indexes: ['import_conflicts_by_import', 'imports_by_sha256'],
    triggers: [],
    exercise(db) {
      // Reads stored before have no coordinate text or Rekor fields; new ones keep them.
      expect(
        db.prepare('SELECT latitude_text, camera_label, agent_label, parked, plate_candidates FROM plate_reads WHERE id = 1').get(),
      ).toEqual({
        latitude_text: null,
        camera_label: null,
        agent_label: null,
        parked: null,
        plate_candidates: null,
      });
      const insert = db.prepare(
        `INSERT INTO plate_reads(import_id, source_line, dedupe_hash, vendor, plate_raw, plate_norm, captured_at, captured_text, latitude, latitude_text, parked)
         VALUES (1, 3, ?, 'rekor', 'X2', 'X2', 0, 't', 37.342, '37.3420', ?)`,
      );
      insert.run(77n, 1);
      expect(() => insert.run(78n, 2)).toThrow(/CHECK constraint/);
      expect(db.prepare('SELECT latitude_text FROM committed_reads WHERE dedupe_hash = 77').pluck().get()).toBe('37.3420');

      const conflict = db.prepare(
        'INSERT INTO import_conflicts(import_id, target, vendor_id, line, earlier_import_id, earlier_line, differs) VALUES (?, ?, ?, 5, 1, 2, 1)',
      );
      conflict.run(1, 'vendor-audit', 'S1');
      expect(() => conflict.run(1, 'plate-reads', 'S1')).toThrow(/CHECK constraint/);
      expect(() => conflict.run(999, 'vendor-audit', 'S1')).toThrow(/FOREIGN KEY/);
      const plan = db.prepare("EXPLAIN QUERY PLAN SELECT * FROM imports WHERE sha256 = 'ab'").all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('imports_by_sha256');
    },
  },
  6: {
    tables: ['import_sheets'],
    indexes: [],
    triggers: [],
    exercise(db) {
      const sheet = db.prepare(
        `INSERT INTO import_sheets(import_id, position, name, format, skipped, rows_read, imported, duplicates, rejected)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      sheet.run(0, 'Cover', null, 'its first row matches no known layout', 0, 0, 0, 0);
      sheet.run(1, 'Jan-Mar', 'flock-search-audit', null, 10, 8, 1, 1);
      // read as a layout and skipped at once, or counts that do not add up, are refused
      expect(() => sheet.run(2, 'Both', 'flock-search-audit', 'skipped too', 0, 0, 0, 0)).toThrow(/CHECK constraint/);
      expect(() => sheet.run(3, 'Miscounted', 'flock-search-audit', null, 10, 8, 0, 0)).toThrow(/CHECK constraint/);
      expect(() => sheet.run(1, 'Twice', 'flock-search-audit', null, 0, 0, 0, 0)).toThrow(/UNIQUE|PRIMARY KEY/);
      expect(() =>
        db
          .prepare(
            "INSERT INTO import_sheets(import_id, position, name, format, skipped, rows_read, imported, duplicates, rejected) VALUES (999, 0, 'x', 'csv', NULL, 0, 0, 0, 0)",
          )
          .run(),
      ).toThrow(/FOREIGN KEY/);
    },
  },
  7: {
    tables: ['cases', 'hold_events', 'hold_reads', 'holds'],
    indexes: ['hold_events_by_hold', 'hold_reads_by_read', 'holds_active', 'holds_by_case'],
    triggers: ['hold_events_no_delete', 'hold_events_no_update', 'holds_no_delete'],
    exercise(db) {
      const at = '2026-05-01T00:00:00.000Z';
      db.prepare(
        "INSERT INTO cases(number, title, type, lead, opened_on, created_by, created_at) VALUES ('26-1187', 't', 'y', 'l', '2026-05-01', 'cmdr', ?)",
      ).run(at);
      expect(() =>
        db
          .prepare(
            "INSERT INTO cases(number, title, type, lead, opened_on, closed_on, created_by, created_at) VALUES ('26-2', 't', 'y', 'l', '2026-05-01', '2026-04-01', 'c', ?)",
          )
          .run(at),
      ).toThrow(/CHECK constraint/);
      const hold = db.prepare(
        `INSERT INTO holds(case_id, kind, plate_pattern, from_ms, to_ms, reason, reason_text, placed_by, placed_at, review_on) VALUES (1, ?, ?, ?, ?, ?, ?, 'cmdr', ?, '2027-05-01')`,
      );
      hold.run('query', 'AB*12', 1, 2, 'evidence', null, at);
      // a query without its window, an import hold without its import, "other" without its text: refused
      expect(() => hold.run('query', 'AB*12', null, null, 'evidence', null, at)).toThrow(/CHECK constraint/);
      expect(() => hold.run('import', null, null, null, 'evidence', null, at)).toThrow(/CHECK constraint/);
      expect(() => hold.run('reads', null, null, null, 'other', null, at)).toThrow(/CHECK constraint/);
      // released is all three of when, who and why, or none
      expect(() => db.prepare('UPDATE holds SET released_at = 5 WHERE id = 1').run()).toThrow(/CHECK constraint/);
      db.prepare('INSERT INTO hold_reads(hold_id, read_id) VALUES (1, 999)').run(); // no foreign key: the record outlives the read
      db.prepare("INSERT INTO hold_events(hold_id, event, at, by, detail) VALUES (1, 'placed', ?, 'cmdr', 'x')").run(at);
      expect(() => db.prepare("UPDATE hold_events SET detail = 'y'").run()).toThrow(/never edited/);
      expect(() => db.prepare('DELETE FROM hold_events').run()).toThrow(/never deleted/);
      expect(() => db.prepare('DELETE FROM holds').run()).toThrow(/never deleted/);
    },
  },
  8: {
    tables: ['purge_files', 'purge_plan', 'purge_runs', 'purge_tallies'],
    indexes: [],
    triggers: [],
    exercise(db) {
      const run = db.prepare(
        `INSERT INTO purge_runs(status, started_at, as_of, as_of_is_drill, period_seconds, vendor_period_seconds, first_seq, planned_reads, kept, certificate_sha256)
         VALUES (?, '2026-05-01T00:00:00.000Z', 0, 0, 2592000, 63072000, 1, 0, '[]', ?)`,
      );
      run.run('running', null);
      // finished exactly when its certificate is recorded
      expect(() => run.run('finished', null)).toThrow(/CHECK constraint/);
      expect(() => run.run('running', 'abc')).toThrow(/CHECK constraint/);
      db.prepare('INSERT INTO purge_plan(run_id, read_id) VALUES (1, 7)').run();
      expect(() => db.prepare('INSERT INTO purge_plan(run_id, read_id) VALUES (9, 7)').run()).toThrow(/FOREIGN KEY/);
    },
  },
  9: {
    tables: [],
    indexes: [],
    triggers: [],
    exercise(db) {
      // a run from before planned whole: no cursor; a new one records where its plan has got to
      expect(db.prepare('SELECT plan_cursor FROM purge_runs WHERE id = 1').pluck().get()).toBeNull();
      db.prepare('UPDATE purge_runs SET plan_cursor = ? WHERE id = 1').run('{"capturedAt":5,"id":7}');
      expect(db.prepare('SELECT plan_cursor FROM purge_runs WHERE id = 1').pluck().get()).toBe('{"capturedAt":5,"id":7}');
    },
  },
  10: {
    tables: ['signing_certificates'],
    indexes: ['signing_certificate_in_use'],
    triggers: ['signing_certificates_kept', 'signing_certificates_only_retired'],
    exercise(db) {
      const add = db.prepare(
        `INSERT INTO signing_certificates(common_name, fingerprint_sha256, certificate_pem, pkcs12, key_description, origin, not_before, not_after, added_at, added_by)
         VALUES ('Records Unit', ?, 'PEM', x'3082', 'RSA 3072', 'generated', '2026-05-01', '2031-05-01', '2026-05-01', 'cmdr')`,
      );
      add.run('f1');
      // one in use at a time: the first is retired (once) before the next goes in
      expect(() => add.run('f2')).toThrow(/UNIQUE constraint/);
      db.prepare("UPDATE signing_certificates SET retired_at = '2026-06-01' WHERE id = 1").run();
      add.run('f2');
      expect(() => db.prepare("UPDATE signing_certificates SET retired_at = '2026-07-01' WHERE id = 1").run()).toThrow(
        /only ever retired, once/,
      );
      expect(() => db.prepare("UPDATE signing_certificates SET pkcs12 = x'00' WHERE id = 2").run()).toThrow(/only ever retired, once/);
      expect(() => db.prepare('DELETE FROM signing_certificates').run()).toThrow(/are kept/);
      // a run from before was made unsigned; a new one names the certificate that signed it
      expect(db.prepare('SELECT signing_certificate_id FROM purge_runs WHERE id = 1').pluck().get()).toBeNull();
      db.prepare('UPDATE purge_runs SET signing_certificate_id = 2 WHERE id = 1').run();
      expect(() => db.prepare('UPDATE purge_runs SET signing_certificate_id = 9 WHERE id = 1').run()).toThrow(/FOREIGN KEY/);
    },
  },
};

describe('schema 5: vendor logs keyed by the vendor ids', () => {
  it('rekeys the stored rows that carry an id, keeps every row, and flags and records those that already shared one', () => {
    const db = freshDb();
    migrate(db, MIGRATIONS.slice(0, 4));
    const at = '2026-04-01T00:00:00.000Z';
    db.prepare(
      "INSERT INTO accounts(username, full_name, status, created_at, password_changed_at) VALUES ('cmdr', 'Pat', 'active', ?, ?)",
    ).run(at, at);
    const newImport = (file: string, status: string) =>
      Number(
        db
          .prepare(
            `INSERT INTO imports(file_name, size, sha256, format, detection, target, timezone, status, started_at, finished_at, account_id, imported_by)
             VALUES (?, 1, '', 'flock-audit', 'd', 'vendor-audit', 'UTC', ?, ?, ?, 1, 'Pat')`,
          )
          .run(file, status, at, at).lastInsertRowid,
      );
    // An interrupted import (its rows not yet cleared) is older than the committed ones.
    const dead = newImport('dead.csv', 'interrupted');
    const csv = newImport('audit.csv', 'committed');
    const xlsx = newImport('audit.xlsx', 'committed');
    let oldHash = 1000n;
    const row = db.prepare(
      `INSERT INTO vendor_audit_searches(import_id, source_line, dedupe_hash, vendor_entry_id, plate_has_wildcard, reason, withheld, cells)
       VALUES (?, ?, ?, ?, 0, ?, '[]', ?)`,
    );
    const add = (importId: number, line: number, id: string | null, reason: string) =>
      Number(row.run(importId, line, oldHash++, id, reason, JSON.stringify({ ID: id ?? '', Reason: reason, line })).lastInsertRowid);
    const deadS1 = add(dead, 2, 'S1', 'Stolen');
    const csvS1 = add(csv, 2, 'S1', 'Stolen');
    const csvS2 = add(csv, 3, 'S2', 'Robbery');
    const noId = add(csv, 4, null, 'Burglary');
    const xlsxS1 = add(xlsx, 2, 'S1', 'Stolen'); // the same search, stored again from the workbook
    const xlsxS2 = add(xlsx, 3, 'S2', 'Robbery 26-1187'); // the same id, other content

    migrate(db);
    const hashOf = (id: number) => db.prepare('SELECT dedupe_hash FROM vendor_audit_searches WHERE id = ?').safeIntegers().pluck().get(id);
    const key = (id: string, probe: number) => dedupeHash(vendorLogKey('vendor-audit', id), probe);
    expect(db.prepare('SELECT count(*) FROM vendor_audit_searches').pluck().get()).toBe(6);
    // A committed row holds each key's first probe, so the next import of that search meets it first.
    expect(hashOf(csvS1)).toBe(key('S1', 0));
    expect(hashOf(xlsxS1)).toBe(key('S1', 1));
    expect(hashOf(deadS1)).toBe(key('S1', 2));
    expect(hashOf(csvS2)).toBe(key('S2', 0));
    expect(hashOf(xlsxS2)).toBe(key('S2', 1));
    expect(hashOf(noId)).toBe(1003n); // rows without an id keep their key
    expect(db.prepare('SELECT id FROM vendor_audit_searches WHERE duplicate_id = 1 ORDER BY id').pluck().all()).toEqual([
      deadS1,
      xlsxS1,
      xlsxS2,
    ]);
    expect(
      db
        .prepare('SELECT import_id, target, vendor_id, line, earlier_import_id, earlier_line, differs FROM import_conflicts ORDER BY rowid')
        .all(),
    ).toEqual([
      { import_id: xlsx, target: 'vendor-audit', vendor_id: 'S1', line: 2, earlier_import_id: csv, earlier_line: 2, differs: 0 },
      { import_id: xlsx, target: 'vendor-audit', vendor_id: 'S2', line: 3, earlier_import_id: csv, earlier_line: 3, differs: 1 },
      { import_id: dead, target: 'vendor-audit', vendor_id: 'S1', line: 2, earlier_import_id: csv, earlier_line: 2, differs: 0 },
    ]);
  });
});

describe('each migration builds what it promises', () => {
  it('every migration in the list has its expectations written down here, and versions run 1, 2, 3, ...', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(Object.keys(EXPECTED).map(Number));
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_m, i) => i + 1));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it.each(MIGRATIONS.map((m, i) => [m.name, i] as const))('migration %s', (_name, i) => {
    const db = freshDb();
    expect(schemaVersion(db)).toBe(0);
    expect(schema(db)).toEqual([]);

    // Each migration is exercised at its own version, as a store at that version would be used.
    for (let step = 0; step <= i; step++) {
      const result = migrate(db, MIGRATIONS.slice(0, step + 1));
      const version = MIGRATIONS[step]!.version;
      expect(result).toEqual({ from: step === 0 ? 0 : MIGRATIONS[step - 1]!.version, to: version });
      expect(schemaVersion(db)).toBe(version);
      EXPECTED[version]!.exercise(db);
    }

    // Exactly the objects of this migration and the ones before it: nothing missing, nothing from later ones.
    const upTo = MIGRATIONS.slice(0, i + 1).map((m) => EXPECTED[m.version]!);
    const all = (pick: (e: Expected) => string[]) => [...new Set(upTo.flatMap(pick))].sort();
    expect(names(db, 'table')).toEqual(all((e) => e.tables));
    expect(names(db, 'index')).toEqual(all((e) => e.indexes));
    expect(names(db, 'trigger')).toEqual(all((e) => e.triggers));
  });
});

describe('migrating is safe to repeat and all-or-nothing', () => {
  it('running the migrations again changes nothing', () => {
    const db = freshDb();
    expect(migrate(db)).toEqual({ from: 0, to: SCHEMA_VERSION });
    const before = schema(db);
    expect(migrate(db)).toEqual({ from: SCHEMA_VERSION, to: SCHEMA_VERSION });
    expect(schema(db)).toEqual(before);
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
  });

  it('an older store is brought up to date step by step, keeping its data', () => {
    const db = freshDb();
    migrate(db, MIGRATIONS.slice(0, 1));
    db.prepare("INSERT INTO meta(key, value) VALUES ('workspace_id', 'w-keep')").run();
    expect(migrate(db)).toEqual({ from: 1, to: SCHEMA_VERSION });
    expect(db.prepare("SELECT value FROM meta WHERE key = 'workspace_id'").pluck().get()).toBe('w-keep');

    const fromScratch = freshDb();
    migrate(fromScratch);
    expect(schema(db)).toEqual(schema(fromScratch));
  });

  it('a migration that fails half-way leaves the version and the schema exactly as they were', () => {
    const db = freshDb();
    migrate(db);
    db.prepare("INSERT INTO meta(key, value) VALUES ('workspace_id', 'w-1')").run();
    const before = schema(db);
    const broken: Migration = {
      version: SCHEMA_VERSION + 1,
      name: '999-broken',
      up(d) {
        d.exec('CREATE TABLE half_made(x INTEGER) STRICT');
        d.prepare("UPDATE meta SET value = 'changed' WHERE key = 'workspace_id'").run();
        throw new Error('disk full (simulated)');
      },
    };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow('disk full (simulated)');
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    expect(schema(db)).toEqual(before);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'workspace_id'").pluck().get()).toBe('w-1');
  });

  it('when the last of several pending migrations fails, none of them lands', () => {
    const db = freshDb();
    const broken: Migration = {
      version: SCHEMA_VERSION + 1,
      name: '999-broken',
      up() {
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [...MIGRATIONS, broken])).toThrow('boom');
    expect(schemaVersion(db)).toBe(0);
    expect(schema(db)).toEqual([]);
  });

  it.each([
    ['out of order', () => [MIGRATIONS[1]!, MIGRATIONS[0]!]],
    ['a version repeated', () => [MIGRATIONS[0]!, MIGRATIONS[0]!]],
    ['starting at version 0', () => [{ version: 0, name: '000-zero', up() {} } satisfies Migration]],
  ])('a list of migrations %s is rejected before anything runs', (_what, list) => {
    const db = freshDb();
    expect(() => migrate(db, list())).toThrow(/not above/);
    expect(schemaVersion(db)).toBe(0);
    expect(schema(db)).toEqual([]);
  });
});

describe('a store written by a newer Custodian is refused untouched', () => {
  it('migrate refuses a store whose version is above what this code knows, with "database-too-new"', () => {
    const db = freshDb();
    migrate(db);
    db.pragma('user_version = 99');
    const before = schema(db);
    const error = custodianErrorFrom(() => migrate(db));
    expect(error.code).toBe('database-too-new');
    expect(error.kind).toBe('failed');
    expect(error.message).toContain('schema 99');
    expect(error.message).toContain(`up to ${SCHEMA_VERSION}`);
    expect(schemaVersion(db)).toBe(99);
    expect(schema(db)).toEqual(before);
  });

  it('an older list of migrations refuses a store already past it', () => {
    const db = freshDb();
    migrate(db);
    const error = custodianErrorFrom(() => migrate(db, MIGRATIONS.slice(0, SCHEMA_VERSION - 1)));
    expect(error).toBeInstanceOf(CustodianError);
    expect(error.code).toBe('database-too-new');
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
  });

  it('signing in to a workspace whose store is newer fails with "database-too-new", and custodian.db is byte-for-byte unchanged', () => {
    const ws = newWorkspace('toonew');
    const db = openEncrypted(ws.files.database, masterKeyFromSlot(ws));
    db.pragma('user_version = 99');
    db.close(); // the last connection to close checkpoints the WAL into the file and removes it
    expect(fs.existsSync(`${ws.files.database}-wal`)).toBe(false);
    const before = sha256(ws.files.database);

    const w = Workspace.open(ws.dir);
    const error = custodianErrorFrom(() => w.signIn(COMMANDER, PASSWORD));
    expect(error.code).toBe('database-too-new');
    expect(error.message).toMatch(/newer Custodian/);
    expect(w.database(), 'the store is not left open').toBeUndefined();

    // What is asserted: after the refused sign-in has closed its connection, the
    // database file has exactly the same bytes, and no write-ahead log was left behind.
    expect(fs.existsSync(`${ws.files.database}-wal`)).toBe(false);
    expect(sha256(ws.files.database)).toBe(before);
    const check = openEncrypted(ws.files.database, masterKeyFromSlot(ws));
    try {
      expect(schemaVersion(check)).toBe(99);
    } finally {
      check.close();
    }
  });
});
