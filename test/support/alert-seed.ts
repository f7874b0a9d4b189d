import crypto from 'node:crypto';
import { ocrForm } from '../../src-main/core/reads/plates';
import type { Db } from '../../src-main/core/store/database';
import { plate, Random } from '../fixtures/random';

/**
 * A large alert queue written straight into a store (for the 10,000-alert e2e test and
 * bench/alerts.ts): one committed import of reads, three hot lists (local, NCIC, state),
 * an entry per two alerts, and verifications for some of them, as the app would have
 * stored them. Deterministic: the same count always gives the same rows.
 */

export const SEEDED_LISTS = [
  { name: 'Seeded local warrants', source: 'local', share: 0.7 },
  { name: 'Seeded NCIC stolen vehicles', source: 'NCIC', share: 0.2 },
  { name: 'Seeded state wanted persons', source: 'state', share: 0.1 },
] as const;

/** 40 cameras, named as a department would. */
export const SEEDED_CAMERAS = Array.from({ length: 40 }, (_, i) => `Unit ${String(i + 1).padStart(2, '0')} ${i % 2 ? 'NB' : 'SB'}`);

const REASONS = ['Stolen vehicle', 'Wanted person', 'Stolen plate', 'Missing person', 'Felony warrant'];
const RESULTS = ['confirmed', 'not-confirmed', 'cleared'] as const;
const DAY = 86_400_000;

export interface AlertSeed {
  alerts: number;
  /** how many of them from each list (by name) */
  byList: Record<string, number>;
  /** how many are still unverified, and in each list */
  unverified: number;
  unverifiedByList: Record<string, number>;
  /** the first and last read time (ms) */
  firstRead: number;
  lastRead: number;
}

/**
 * Write `count` alerts (an even number) with their reads, entries and lists. Reads are spread
 * over the 30 days before `end`; an alert is raised a few minutes after its read; about four in
 * ten are verified, one in twenty twice (the second superseding the first). `accountId` is an
 * existing account, named as the one who imported and verified.
 */
export function seedAlerts(db: Db, count: number, accountId: number, end = Date.now()): AlertSeed {
  const random = new Random(0xa1e27);
  const start = end - 30 * DAY;
  const at = new Date(end).toISOString();
  const name = db.prepare("SELECT full_name || ' (' || username || ')' FROM accounts WHERE id = ?").pluck().get(accountId) as string;
  const seed: AlertSeed = { alerts: count, byList: {}, unverified: 0, unverifiedByList: {}, firstRead: Infinity, lastRead: 0 };
  db.transaction(() => {
    const importId = Number(
      db
        .prepare(
          `INSERT INTO imports(file_name, size, sha256, format, detection, target, timezone, status, started_at, finished_at,
             account_id, imported_by, rows_read, imported)
           VALUES ('seeded-reads.csv', 0, '', 'csv', 'seeded', 'plate-reads', 'UTC', 'committed', ?, ?, ?, ?, ?, ?)`,
        )
        .run(at, at, accountId, name, count, count).lastInsertRowid,
    );
    const lists = SEEDED_LISTS.map((list) => ({
      ...list,
      id: Number(
        db
          .prepare('INSERT INTO hotlists(name, source, created_by, created_by_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
          .run(list.name, list.source, accountId, name, at, at).lastInsertRowid,
      ),
    }));
    const entry = db.prepare(
      `INSERT INTO hotlist_entries(list_id, plate_raw, plate_norm, partial, state, reason, case_number, alert_level, effective_on,
         expires_on, added_by, added_by_name, added_at) VALUES (?, ?, ?, 0, ?, ?, ?, ?, NULL, NULL, ?, ?, ?)`,
    );
    const read = db.prepare(
      `INSERT INTO plate_reads(import_id, source_line, dedupe_hash, vendor, plate_raw, plate_norm, state, captured_at, captured_text,
         camera, confidence) VALUES (?, ?, ?, 'seeded', ?, ?, ?, ?, ?, ?, ?)`,
    );
    const search = db.prepare('INSERT INTO plate_search(rowid, plate_ocr) VALUES (?, ?)');
    const alert = db.prepare("INSERT INTO alerts(entry_id, read_id, import_id, raised_by, raised_at) VALUES (?, ?, ?, 'import', ?)");
    const verify = db.prepare(
      `INSERT INTO alert_verifications(alert_id, source, result, checked_at, note, account_id, verified_by, recorded_at, supersedes)
       VALUES (?, 'NCIC', ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let pair = 0; pair < count / 2; pair++) {
      const share = pair / (count / 2);
      const list =
        share < SEEDED_LISTS[0].share ? lists[0]! : share < SEEDED_LISTS[0].share + SEEDED_LISTS[1].share ? lists[1]! : lists[2]!;
      const p = plate(random);
      const state = random.pick(['CA', 'CA', 'CA', 'NV', 'OR', 'AZ']);
      const entryId = Number(
        entry.run(
          list.id,
          p,
          p,
          state,
          random.pick(REASONS),
          `26-${String(pair).padStart(6, '0')}`,
          random.pick(['low', 'medium', 'high']),
          accountId,
          name,
          at,
        ).lastInsertRowid,
      );
      for (let k = 0; k < 2; k++) {
        const line = pair * 2 + k + 1;
        const capturedAt = start + Math.floor(random.next() * 30 * DAY);
        const hash = crypto.createHash('sha256').update(`seeded-read:${line}`).digest().readBigInt64LE();
        const iso = new Date(capturedAt).toISOString();
        const readId = Number(
          read.run(importId, line, hash, p, p, state, capturedAt, iso, random.pick(SEEDED_CAMERAS), random.int(600, 999) / 1000)
            .lastInsertRowid,
        );
        search.run(readId, ocrForm(p));
        const alertId = Number(
          alert.run(entryId, readId, importId, new Date(capturedAt + random.int(1, 30) * 60_000).toISOString()).lastInsertRowid,
        );
        seed.byList[list.name] = (seed.byList[list.name] ?? 0) + 1;
        seed.firstRead = Math.min(seed.firstRead, capturedAt);
        seed.lastRead = Math.max(seed.lastRead, capturedAt);
        const checked = new Date(Math.min(end, capturedAt + 3_600_000)).toISOString();
        if (random.chance(0.4)) {
          const first = Number(
            verify.run(alertId, random.pick(RESULTS), checked, 'Checked in NCIC (seeded).', accountId, name, checked, null).lastInsertRowid,
          );
          if (random.chance(0.125))
            verify.run(alertId, random.pick(RESULTS), checked, 'Checked again (seeded).', accountId, name, checked, first);
        } else {
          seed.unverified++;
          seed.unverifiedByList[list.name] = (seed.unverifiedByList[list.name] ?? 0) + 1;
        }
      }
    }
  }).immediate();
  return seed;
}
