import type { PurgeRun } from '../../contract/retention';
import { notFound } from '../errors';
import type { Db } from '../store/database';
import type { PurgeCertificateData } from './certificate';

export type DestroyedCounts = PurgeCertificateData['destroyed'];
export const NOTHING_DESTROYED: DestroyedCounts = { reads: 0, images: 0, searchIndexRows: 0, alerts: 0, vendorAuditRows: 0 };

export interface PurgeRunRow {
  id: number;
  status: 'running' | 'finished';
  started_at: string;
  finished_at: string | null;
  ran_by: string | null;
  ran_by_name: string | null;
  as_of: number;
  as_of_is_drill: 0 | 1;
  period_seconds: number;
  vendor_period_seconds: number;
  first_seq: number;
  planned_reads: number;
  kept: string;
  destroyed: string | null;
  destroyed_ids_sha256: string | null;
  certificate: string | null;
  certificate_sha256: string | null;
  /** JSON PlanCursor: where the plan has got to; null once it is whole */
  plan_cursor: string | null;
  /** the signing certificate that signed its certificate; null when it was made unsigned */
  signing_certificate_id: number | null;
}

export function toPurgeRun(row: PurgeRunRow): PurgeRun {
  return {
    id: row.id,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    ranBy: row.ran_by_name === null ? null : `${row.ran_by_name} (${row.ran_by})`,
    asOf: new Date(row.as_of).toISOString(),
    asOfIsDrill: row.as_of_is_drill === 1,
    retentionDays: row.period_seconds / 86_400,
    plannedReads: row.planned_reads,
    destroyed: row.destroyed === null ? null : (JSON.parse(row.destroyed) as DestroyedCounts),
    destroyedIdsSha256: row.destroyed_ids_sha256,
    certificateSha256: row.certificate_sha256,
    signedBy: signedBy(row),
  };
}

function signedBy(row: PurgeRunRow): PurgeRun['signedBy'] {
  const signer = row.certificate === null ? undefined : (JSON.parse(row.certificate) as PurgeCertificateData).signedBy;
  return signer ? { commonName: signer.name, fingerprint: signer.fingerprint } : null;
}

export function purgeRunRow(db: Db, id: number): PurgeRunRow {
  const row = db.prepare('SELECT * FROM purge_runs WHERE id = ?').get(id) as PurgeRunRow | undefined;
  if (!row) throw notFound('no-purge-run', `There is no purge run ${id}.`);
  return row;
}

/** A run that planned and did not finish (killed or cancelled): the next run finishes its plan. */
export function unfinishedRun(db: Db): PurgeRunRow | undefined {
  return db.prepare("SELECT * FROM purge_runs WHERE status = 'running' ORDER BY id LIMIT 1").get() as PurgeRunRow | undefined;
}

export function listPurgeRuns(db: Db): PurgeRun[] {
  return (db.prepare('SELECT * FROM purge_runs ORDER BY id DESC').all() as PurgeRunRow[]).map(toPurgeRun);
}

/** What the run has destroyed so far, over every process that worked on it. */
export function tallies(db: Db, runId: number): DestroyedCounts {
  const rows = db.prepare('SELECT category, count FROM purge_tallies WHERE run_id = ?').all(runId) as {
    category: keyof DestroyedCounts;
    count: number;
  }[];
  return { ...NOTHING_DESTROYED, ...Object.fromEntries(rows.map((r) => [r.category, r.count])) };
}

export function addTallies(db: Db, runId: number, counts: Partial<DestroyedCounts>): void {
  const add = db.prepare(
    'INSERT INTO purge_tallies(run_id, category, count) VALUES (?, ?, ?) ON CONFLICT(run_id, category) DO UPDATE SET count = count + excluded.count',
  );
  for (const [category, count] of Object.entries(counts)) if (count) add.run(runId, category, count);
}
