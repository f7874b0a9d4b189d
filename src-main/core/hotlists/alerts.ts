import type { Alert, AlertSort, AlertStatus, Verification } from '../../contract/hotlists';
import type { OpParsedInput } from '../../contract/operations';
import type { Actor } from '../auth/sessions';
import { invalid, notFound } from '../errors';
import { normalisePattern } from '../reads/plates';
import type { ReadLinksRemover } from '../reads/retention-keepers';
import type { Db } from '../store/database';
import { actorName, entryView, type EntryRow } from './lists';

/**
 * Alerts (an entry matched a read) and their verifications (427.4(f)): an alert is
 * "unverified" until someone records the check they made in an official database; its
 * status is the newest verification's result. A verification is never edited (a trigger
 * refuses UPDATE): a new one supersedes the newest, and all of them stay.
 *
 * Only alerts on committed reads exist for anyone (the committed_alerts view); alerts from
 * NCIC and state lists are confidential (427.4(e)) and left out of lists for people
 * without the authorisation, who are told how many.
 */

/** One alert as the queries below give it: the entry's own columns (EntryRow), and the alert's, the read's and the newest verification's, prefixed. */
interface AlertRow extends EntryRow {
  alert_id: number;
  alert_read_id: number;
  alert_raised_by: 'import' | 'entry';
  alert_raised_at: string;
  list_source: Alert['listSource'];
  status: AlertStatus;
  read_plate: string;
  read_state: string | null;
  read_captured_at: number;
  read_camera: string | null;
  read_confidence: number | null;
  read_import_id: number;
  v_id: number | null;
  v_source: string;
  v_result: Verification['result'];
  v_checked_at: string;
  v_note: string;
  v_verified_by: string;
  v_recorded_at: string;
  v_supersedes: number | null;
}

interface VerificationRow {
  id: number;
  alert_id: number;
  source: string;
  result: Verification['result'];
  checked_at: string;
  note: string;
  verified_by: string;
  recorded_at: string;
  supersedes: number | null;
}

/**
 * Alerts with their entry and list, and where asked, their read and their newest verification
 * (the one no later one has superseded: the highest id, found through
 * alert_verifications_by_alert). Only alerts of committed imports, as every reader of plate
 * data sees them; an alert's import is its read's, so its read is committed too.
 */
const ALERTS = `FROM committed_alerts a JOIN hotlist_entries e ON e.id = a.entry_id JOIN hotlists l ON l.id = e.list_id`;
const READ = `JOIN committed_reads r ON r.id = a.read_id`;
const NEWEST = `LEFT JOIN alert_verifications v ON v.id = (SELECT max(n.id) FROM alert_verifications n WHERE n.alert_id = a.id)`;
const FROM = `${ALERTS} ${READ} ${NEWEST}`;
/** The newest verification's result, or unverified. */
const STATUS = `COALESCE(v.result, 'unverified')`;
const CONFIDENTIAL = `l.source IN ('NCIC', 'state')`;
const COLUMNS = `e.*, l.name AS list_name, a.id AS alert_id, a.read_id AS alert_read_id, a.raised_by AS alert_raised_by,
  a.raised_at AS alert_raised_at, l.source AS list_source, ${STATUS} AS status,
  r.plate_raw AS read_plate, r.state AS read_state, r.captured_at AS read_captured_at, r.camera AS read_camera,
  r.confidence AS read_confidence, r.import_id AS read_import_id,
  v.id AS v_id, v.source AS v_source, v.result AS v_result, v.checked_at AS v_checked_at, v.note AS v_note,
  v.verified_by AS v_verified_by, v.recorded_at AS v_recorded_at, v.supersedes AS v_supersedes`;

/** The queue's sort keys; each ends with the alert's id, so the order is total and pages never overlap. */
const SORT_KEYS: Record<AlertSort, string> = {
  raised: 'a.raised_at',
  read: 'r.captured_at',
  plate: 'r.plate_norm',
  list: 'l.name COLLATE NOCASE',
  // the queue's own order: the ones still to check first
  status: `CASE ${STATUS} WHEN 'unverified' THEN 0 WHEN 'confirmed' THEN 1 WHEN 'not-confirmed' THEN 2 ELSE 3 END`,
  camera: "COALESCE(r.camera, '')",
};

const verificationView = (v: VerificationRow): Verification => ({
  id: v.id,
  alertId: v.alert_id,
  source: v.source,
  result: v.result,
  checkedAt: v.checked_at,
  note: v.note,
  verifiedBy: v.verified_by,
  recordedAt: v.recorded_at,
  supersedes: v.supersedes,
});

function verifications(db: Db, alertId: number): VerificationRow[] {
  return db.prepare('SELECT * FROM alert_verifications WHERE alert_id = ? ORDER BY id DESC').all(alertId) as VerificationRow[];
}

function alertView(row: AlertRow, today: string): Alert {
  return {
    id: row.alert_id,
    status: row.status,
    raisedAt: row.alert_raised_at,
    raisedBy: row.alert_raised_by,
    entry: entryView(row, today),
    listSource: row.list_source,
    read: {
      id: row.alert_read_id,
      plate: row.read_plate,
      state: row.read_state,
      capturedAt: new Date(row.read_captured_at).toISOString(),
      camera: row.read_camera,
      confidence: row.read_confidence,
      importId: row.read_import_id,
    },
    verification:
      row.v_id === null
        ? null
        : verificationView({
            id: row.v_id,
            alert_id: row.alert_id,
            source: row.v_source,
            result: row.v_result,
            checked_at: row.v_checked_at,
            note: row.v_note,
            verified_by: row.v_verified_by,
            recorded_at: row.v_recorded_at,
            supersedes: row.v_supersedes,
          }),
  };
}

/** The filters as SQL, with their parameters and the joins they need beside ALERTS (so a count joins no more than it reads). */
function filterSql(input: OpParsedInput<'alert.list'>): { joins: string; where: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => (where.push(sql), params.push(...values));
  if (input.status) add(`${STATUS} = ?`, input.status);
  if (input.list) add('l.name = ? COLLATE NOCASE', input.list);
  // The pattern's * and ? are GLOB's; a normalised pattern holds nothing else GLOB reads.
  if (input.plate) add('r.plate_norm GLOB ?', normalisePattern(input.plate));
  // LIKE ignores case (ASCII); % and _ typed by someone are taken literally.
  if (input.camera) add("r.camera LIKE ? ESCAPE '\\'", `%${input.camera.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (input.from) add('r.captured_at >= ?', Date.parse(input.from));
  if (input.to) add('r.captured_at <= ?', Date.parse(input.to));
  const reads = input.plate || input.camera || input.from || input.to || ['read', 'plate', 'camera'].includes(input.sort);
  const newest = input.status || input.sort === 'status';
  return { joins: `${reads ? READ : ''} ${newest ? NEWEST : ''}`, where: where.length ? where.join(' AND ') : '1', params };
}

/**
 * A page of the queue, filtered and sorted in the store. Confidential alerts (NCIC and state
 * lists, 427.4(e)) are left out for people without the authorisation and counted, under the
 * same filters, so "3 withheld" speaks of the alerts the person asked for.
 */
export function listAlerts(db: Db, actor: Actor, input: OpParsedInput<'alert.list'>, today: string) {
  const { joins, where, params } = filterSql(input);
  const counts = db
    .prepare(
      `SELECT count(*) FILTER (WHERE NOT ${CONFIDENTIAL}) AS open, count(*) FILTER (WHERE ${CONFIDENTIAL}) AS confidential
       ${ALERTS} ${joins} WHERE ${where}`,
    )
    .get(...params) as { open: number; confidential: number };
  // The page's alerts in order first (a sort of ids alone), then those alerts in full.
  const direction = input.order === 'asc' ? 'ASC' : 'DESC';
  const ids = db
    .prepare(
      `SELECT a.id ${ALERTS} ${joins} WHERE ${where} ${actor.confidentialAuthorized ? '' : `AND NOT ${CONFIDENTIAL}`}
       ORDER BY ${SORT_KEYS[input.sort]} ${direction}, a.id ${direction} LIMIT ? OFFSET ?`,
    )
    .pluck()
    .all(...params, input.limit, input.offset) as number[];
  const rows = new Map(
    (db.prepare(`SELECT ${COLUMNS} ${FROM} WHERE a.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as AlertRow[]).map(
      (row) => [row.alert_id, row],
    ),
  );
  return {
    total: actor.confidentialAuthorized ? counts.open + counts.confidential : counts.open,
    withheldConfidential: actor.confidentialAuthorized ? 0 : counts.confidential,
    alerts: ids.map((id) => alertView(rows.get(id)!, today)),
  };
}

function existingAlert(db: Db, alertId: number): AlertRow {
  const row = db.prepare(`SELECT ${COLUMNS} ${FROM} WHERE a.id = ?`).get(alertId) as AlertRow | undefined;
  if (!row) throw notFound('no-such-alert', `There is no alert numbered ${alertId}.`);
  return row;
}

/** The list an alert came from, for the confidential check (null when there is no such alert: the handler says so). */
export function alertListSource(db: Db, alertId: number): { name: string; source: Alert['listSource'] } | null {
  return (
    (db
      .prepare(
        'SELECT l.name, l.source FROM committed_alerts a JOIN hotlist_entries e ON e.id = a.entry_id JOIN hotlists l ON l.id = e.list_id WHERE a.id = ?',
      )
      .get(alertId) as { name: string; source: Alert['listSource'] } | undefined) ?? null
  );
}

export function getAlert(db: Db, alertId: number, today: string): { alert: Alert; verifications: Verification[] } {
  const row = existingAlert(db, alertId);
  return { alert: alertView(row, today), verifications: verifications(db, alertId).map(verificationView) };
}

/** A check may be recorded a little ahead of this computer's clock (another device's), never further. */
const CLOCK_SKEW_MS = 60_000;

/** Record a verification; it supersedes the alert's newest one. */
export function verifyAlert(db: Db, actor: Actor, input: OpParsedInput<'alert.verify'>, now: Date, today: string) {
  const row = existingAlert(db, input.alertId);
  const alertId = row.alert_id;
  const checkedAt = input.checkedAt ? new Date(input.checkedAt) : now;
  if (checkedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw invalid('future-check', `The check time ${checkedAt.toISOString()} is in the future; give the time the check was made.`);
  }
  const capturedAt = row.read_captured_at;
  if (checkedAt.getTime() < capturedAt) {
    throw invalid(
      'check-before-read',
      `The check time ${checkedAt.toISOString()} is before the read it verifies (${new Date(capturedAt).toISOString()}).`,
    );
  }
  const id = Number(
    db
      .prepare(
        `INSERT INTO alert_verifications(alert_id, source, result, checked_at, note, account_id, verified_by, recorded_at, supersedes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        alertId,
        input.source,
        input.result,
        checkedAt.toISOString(),
        input.note,
        actor.accountId,
        actorName(actor),
        now.toISOString(),
        row.v_id,
      ).lastInsertRowid,
  );
  const verification = verificationView(db.prepare('SELECT * FROM alert_verifications WHERE id = ?').get(id) as VerificationRow);
  return { alert: alertView(existingAlert(db, alertId), today), verification };
}

/**
 * The purge destroys reads past their retention period, and with them the alerts they raised
 * and those alerts' verifications (ReadLinksRemover: the reads are in `purge_batch`).
 */
export const removeAlertsOfPurgedReads: ReadLinksRemover = (db) => {
  const ofBatch = 'SELECT id FROM alerts WHERE read_id IN (SELECT read_id FROM purge_batch)';
  // one statement: a verification and the one it supersedes go together (the link is checked at its end)
  db.prepare(`DELETE FROM alert_verifications WHERE alert_id IN (${ofBatch})`).run();
  return { alerts: db.prepare('DELETE FROM alerts WHERE read_id IN (SELECT read_id FROM purge_batch)').run().changes };
};
