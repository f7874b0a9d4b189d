import type { Db } from '../store/database';
import { TRAINING_NOTICE_DAYS } from '../../contract/home';
import { isoDay } from '../clock';

export interface TrainingStatus {
  current: boolean;
  missing: string[];
  /** one sentence for the person refused, naming the course and what was found */
  detail: string;
  /** the last day current training still counts (the earliest course to lapse), or null: not current, or no expiry */
  expiresOn: string | null;
  /** current, and lapsing within TRAINING_NOTICE_DAYS */
  expiringSoon: boolean;
}

export interface TrainingRecordRow {
  id: number;
  username: string;
  course: string;
  completedOn: string;
  expiresOn: string | null;
  recordedBy: string;
  recordedAt: string;
}

const SELECT_RECORDS = `
  SELECT t.id, a.username, t.course, t.completed_on AS completedOn, t.expires_on AS expiresOn,
         r.username AS recordedBy, t.recorded_at AS recordedAt
  FROM training_records t
  JOIN accounts a ON a.id = t.account_id
  JOIN accounts r ON r.id = t.recorded_by`;

export function insertTrainingRecord(
  db: Db,
  record: { accountId: number; course: string; completedOn: string; expiresOn: string | null; recordedBy: number; recordedAt: string },
): TrainingRecordRow {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO training_records(account_id, course, completed_on, expires_on, recorded_by, recorded_at)
       VALUES (@accountId, @course, @completedOn, @expiresOn, @recordedBy, @recordedAt)`,
    )
    .run(record);
  return db.prepare(`${SELECT_RECORDS} WHERE t.id = ?`).get(lastInsertRowid) as TrainingRecordRow;
}

export function listTrainingRecords(db: Db, accountId?: number): TrainingRecordRow[] {
  return accountId === undefined
    ? (db.prepare(`${SELECT_RECORDS} ORDER BY a.username, t.completed_on`).all() as TrainingRecordRow[])
    : (db.prepare(`${SELECT_RECORDS} WHERE t.account_id = ? ORDER BY t.completed_on`).all(accountId) as TrainingRecordRow[]);
}

const sameCourse = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * Policy 427.4(d): current training is, for every required course, a record completed on
 * or before today that has not expired (expiry day itself still counts).
 */
export function trainingStatus(db: Db, accountId: number, requiredCourses: readonly string[], now: Date): TrainingStatus {
  const today = isoDay(now);
  const records = listTrainingRecords(db, accountId);
  const missing: string[] = [];
  const notes: string[] = [];
  /** for each course held, the last day it counts (null: it never lapses) */
  const lastDays: (string | null)[] = [];
  for (const course of requiredCourses) {
    const forCourse = records.filter((r) => sameCourse(r.course, course));
    const valid = forCourse.filter((r) => r.completedOn <= today && (r.expiresOn === null || r.expiresOn >= today));
    if (valid.length > 0) {
      lastDays.push(
        valid.some((r) => r.expiresOn === null)
          ? null
          : valid
              .map((r) => r.expiresOn!)
              .sort()
              .at(-1)!,
      );
      continue;
    }
    missing.push(course);
    const latest = forCourse.sort((a, b) => (a.completedOn < b.completedOn ? 1 : -1))[0];
    if (!latest) notes.push(`no ${course} on record`);
    else if (latest.completedOn > today) notes.push(`${course} is recorded as completed on ${latest.completedOn}, which is after today`);
    else notes.push(`${course} expired on ${latest.expiresOn}`);
  }
  const current = missing.length === 0;
  const expiresOn = current ? (lastDays.filter((day): day is string => day !== null).sort()[0] ?? null) : null;
  const noticeEnds = isoDay(new Date(now.getTime() + TRAINING_NOTICE_DAYS * 86_400_000));
  return {
    current,
    missing,
    detail: current ? 'Training is current.' : `Training is not current: ${notes.join('; ')}.`,
    expiresOn,
    expiringSoon: expiresOn !== null && expiresOn <= noticeEnds,
  };
}
