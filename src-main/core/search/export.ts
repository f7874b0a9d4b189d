import { stringify } from 'csv-stringify/sync';
import type { PlateCandidate } from '../../contract/imports';
import { shownCoordinate } from '../reads/coordinates';
import { hashingWriter } from '../hashing-writer';
import type { Db } from '../store/database';
import type { Steps } from '../steps';

const READS_PER_STEP = 1_000;

const COLUMNS = [
  'read_id',
  'plate',
  'plate_normalized',
  'state',
  'captured_at_utc',
  'captured_as_written',
  'camera',
  'camera_label',
  'agent_label',
  'latitude',
  'longitude',
  'confidence',
  'parked',
  'plate_candidates',
  'direction',
  'make',
  'model',
  'color',
  'vendor',
  'vendor_read_id',
  'import_id',
  'import_file',
  'import_file_sha256',
  'line',
] as const;

/**
 * Selected reads as CSV, in the order given, each with the import, file and line it came
 * from, so a copy can be traced to its source. Reads not visible (an import that did not
 * commit, or no such read) are left out; the summary says how many were written.
 */
export function* exportReads(
  db: () => Db,
  readIds: readonly number[],
  write: (chunk: string) => void,
): Steps<{ rows: number; bytes: number; sha256: string }> {
  const out = hashingWriter(write);
  out.write(stringify([], { header: true, columns: [...COLUMNS] }));
  let rows = 0;
  for (let at = 0; at < readIds.length; at += READS_PER_STEP) {
    const ids = readIds.slice(at, at + READS_PER_STEP);
    const found = db()
      .prepare(
        `SELECT r.id AS read_id, r.plate_raw AS plate, r.plate_norm AS plate_normalized, r.state,
           strftime('%Y-%m-%dT%H:%M:%fZ', r.captured_at / 1000.0, 'unixepoch') AS captured_at_utc, r.captured_text AS captured_as_written,
           r.camera, r.camera_label, r.agent_label, r.latitude, r.longitude, r.latitude_text, r.longitude_text, r.confidence,
           CASE r.parked WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END AS parked, r.plate_candidates,
           r.direction, r.make, r.model, r.color, r.vendor, r.vendor_read_id,
           r.import_id, i.file_name AS import_file, i.sha256 AS import_file_sha256, r.source_line AS line
         FROM committed_reads r JOIN imports i ON i.id = r.import_id WHERE r.id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(ids)) as Record<string, unknown>[];
    const byId = new Map(found.map((row) => [row.read_id as number, asExported(row)]));
    const ordered = ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [neutraliseFormulas(row)] : [];
    });
    out.write(stringify(ordered, { columns: [...COLUMNS] }));
    rows += ordered.length;
    yield { done: Math.min(at + READS_PER_STEP, readIds.length), total: readIds.length, unit: 'reads' };
  }
  return { rows, ...out.summary() };
}

/**
 * Coordinates as the file wrote them (never with more digits than it had), and the plate's
 * other readings as "PLATE confidence; …" (confidence on 0–1, as in the confidence column).
 */
function asExported(row: Record<string, unknown>): Record<string, unknown> {
  const { latitude_text, longitude_text, plate_candidates, ...rest } = row;
  const candidates = plate_candidates ? (JSON.parse(plate_candidates as string) as PlateCandidate[]) : [];
  return {
    ...rest,
    latitude: shownCoordinate(latitude_text as string | null, row.latitude as number | null),
    longitude: shownCoordinate(longitude_text as string | null, row.longitude as number | null),
    plate_candidates: candidates.map((c) => (c.confidence === null ? c.plate : `${c.plate} ${c.confidence}`)).join('; '),
  };
}

/**
 * Text a spreadsheet would run as a formula (a camera named "=HYPERLINK(…)") gets a
 * leading apostrophe, as OWASP advises for CSV files opened in spreadsheets. A plain number
 * ("-95.26", a coordinate as written) is no formula and is left as it is.
 */
function neutraliseFormulas(row: Record<string, unknown>): Record<string, unknown> {
  const formula = (value: unknown) => typeof value === 'string' && /^[=+\-@\t\r]/.test(value) && !/^-\d+(?:\.\d+)?$/.test(value);
  return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, formula(value) ? `'${value}` : value]));
}
