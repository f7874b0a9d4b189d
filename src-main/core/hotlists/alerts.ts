import type { Alert, AlertStatus, Verification } from '../../contract/hotlists';
import type { OpParsedInput } from '../../contract/operations';
import type { Actor } from '../auth/sessions';
import { invalid, notFound } from '../errors';
import type { Db } from '../store/database';
import { actorName, entryView, findEntry } from './lists';

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

interface AlertRow {
  id: number;
  entry_id: number;
  read_id: number;
  raised_by: 'import' | 'entry';
  raised_at: string;
  source: Alert['listSource'];
  status: AlertStatus;
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

interface ReadRow {
  id: number;
  plate_raw: string;
  state: string | null;
  captured_at: number;
  camera: string | null;
  confidence: number | null;
  import_id: number;
}

/** The newest verification's result, or unverified. */
const STATUS = `COALESCE((SELECT v.result FROM alert_verifications v WHERE v.alert_id = a.id ORDER BY v.id DESC LIMIT 1), 'unverified')`;
const ALERTS = `SELECT a.id, a.entry_id, a.read_id, a.raised_by, a.raised_at, l.source, ${STATUS} AS status
  FROM committed_alerts a JOIN hotlist_entries e ON e.id = a.entry_id JOIN hotlists l ON l.id = e.list_id`;
const CONFIDENTIAL = `source IN ('NCIC', 'state')`;

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

function alertView(db: Db, row: AlertRow, today: string): Alert {
  // Through committed_reads, as every reader of plate data: the alert's import has committed, so the read is there.
  const read = db
    .prepare('SELECT id, plate_raw, state, captured_at, camera, confidence, import_id FROM committed_reads WHERE id = ?')
    .get(row.read_id) as ReadRow;
  const newest = db.prepare('SELECT * FROM alert_verifications WHERE alert_id = ? ORDER BY id DESC LIMIT 1').get(row.id) as
    VerificationRow | undefined;
  return {
    id: row.id,
    status: row.status,
    raisedAt: row.raised_at,
    raisedBy: row.raised_by,
    entry: entryView(findEntry(db, row.entry_id)!, today),
    listSource: row.source,
    read: {
      id: read.id,
      plate: read.plate_raw,
      state: read.state,
      capturedAt: new Date(read.captured_at).toISOString(),
      camera: read.camera,
      confidence: read.confidence,
      importId: read.import_id,
    },
    verification: newest ? verificationView(newest) : null,
  };
}

/** Alerts newest first, by status if asked; confidential ones only for people authorised for them. */
export function listAlerts(db: Db, actor: Actor, input: OpParsedInput<'alert.list'>, today: string) {
  const params = { status: input.status ?? null, limit: input.limit, offset: input.offset };
  const visible = actor.confidentialAuthorized ? '1' : `NOT ${CONFIDENTIAL}`;
  const filtered = `SELECT * FROM (${ALERTS}) WHERE (@status IS NULL OR status = @status)`;
  const total = db.prepare(`SELECT count(*) FROM (${filtered}) WHERE ${visible}`).pluck().get(params) as number;
  const withheldConfidential = actor.confidentialAuthorized
    ? 0
    : (db.prepare(`SELECT count(*) FROM (${filtered}) WHERE ${CONFIDENTIAL}`).pluck().get(params) as number);
  const rows = db
    .prepare(`${filtered} AND ${visible} ORDER BY raised_at DESC, id DESC LIMIT @limit OFFSET @offset`)
    .all(params) as AlertRow[];
  return { total, withheldConfidential, alerts: rows.map((row) => alertView(db, row, today)) };
}

function existingAlert(db: Db, alertId: number): AlertRow {
  const row = db.prepare(`${ALERTS} WHERE a.id = ?`).get(alertId) as AlertRow | undefined;
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
  return { alert: alertView(db, row, today), verifications: verifications(db, alertId).map(verificationView) };
}

/** A check may be recorded a little ahead of this computer's clock (another device's), never further. */
const CLOCK_SKEW_MS = 60_000;

/** Record a verification; it supersedes the alert's newest one. */
export function verifyAlert(db: Db, actor: Actor, input: OpParsedInput<'alert.verify'>, now: Date, today: string) {
  const row = existingAlert(db, input.alertId);
  const checkedAt = input.checkedAt ? new Date(input.checkedAt) : now;
  if (checkedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw invalid('future-check', `The check time ${checkedAt.toISOString()} is in the future; give the time the check was made.`);
  }
  const capturedAt = db.prepare('SELECT captured_at FROM committed_reads WHERE id = ?').pluck().get(row.read_id) as number;
  if (checkedAt.getTime() < capturedAt) {
    throw invalid(
      'check-before-read',
      `The check time ${checkedAt.toISOString()} is before the read it verifies (${new Date(capturedAt).toISOString()}).`,
    );
  }
  const newest = db.prepare('SELECT id FROM alert_verifications WHERE alert_id = ? ORDER BY id DESC LIMIT 1').pluck().get(row.id) as
    number | undefined;
  const id = Number(
    db
      .prepare(
        `INSERT INTO alert_verifications(alert_id, source, result, checked_at, note, account_id, verified_by, recorded_at, supersedes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        row.id,
        input.source,
        input.result,
        checkedAt.toISOString(),
        input.note,
        actor.accountId,
        actorName(actor),
        now.toISOString(),
        newest ?? null,
      ).lastInsertRowid,
  );
  const verification = verificationView(db.prepare('SELECT * FROM alert_verifications WHERE id = ?').get(id) as VerificationRow);
  return { alert: alertView(db, existingAlert(db, row.id), today), verification };
}
