import type { SearchHit, SearchQuery, SearchResult } from '../../contract/search';
import type { Db } from '../store/database';
import { toPlateRead, type ReadRow } from '../reads/plate-reads';
import { ocrCandidatePlates, ocrPatternPlates, patternCandidates, type Candidates } from '../reads/candidates';
import { isPartial, normalisePattern, ocrCloseness, ocrForm, patternMatcher, type Closeness } from '../reads/plates';

/** The filters of a query as SQL on the read `r`, beside the plate condition. */
function filterSql(q: SearchQuery): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => (where.push(sql), params.push(...values));
  if (q.from) add('r.captured_at >= ?', Date.parse(q.from));
  if (q.to) add('r.captured_at <= ?', Date.parse(q.to));
  if (q.state) add('r.state = ?', q.state);
  // LIKE ignores case (ASCII); % and _ typed by someone are taken literally.
  const contains = (value: string) => `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // the camera's id or its name: Rekor files name the camera beside its number (camera_label)
  if (q.camera) add("(r.camera LIKE ? ESCAPE '\\' OR r.camera_label LIKE ? ESCAPE '\\')", contains(q.camera), contains(q.camera));
  if (q.make) add("r.make LIKE ? ESCAPE '\\'", contains(q.make));
  if (q.model) add("r.model LIKE ? ESCAPE '\\'", contains(q.model));
  if (q.color) add("r.color LIKE ? ESCAPE '\\'", contains(q.color));
  if (q.vendor) add("r.vendor LIKE ? ESCAPE '\\'", contains(q.vendor));
  if (q.minConfidence !== undefined) add('r.confidence >= ?', q.minConfidence);
  if (q.importId !== undefined) add('r.import_id = ?', q.importId);
  return { where, params };
}

type HitRow = ReadRow & { import_file: string };

function selectReads(db: Db, candidates: Candidates, q: SearchQuery, order: string, limit: number | null): HitRow[] {
  const filters = filterSql(q);
  const sql = `SELECT r.*, i.file_name AS import_file, (SELECT count(*) FROM read_images m WHERE m.read_id = r.id) AS images
    FROM ${candidates.from} committed_reads r JOIN imports i ON i.id = r.import_id
    WHERE ${[candidates.where, ...filters.where].join(' AND ')}
    ${order}${limit === null ? '' : ' LIMIT ?'}`;
  const params = [...candidates.params, ...filters.params, ...(limit === null ? [] : [limit])];
  return db.prepare(sql).all(...params) as HitRow[];
}

const hit = (row: HitRow, distance: number, difference: string | null): SearchHit => ({
  ...toPlateRead(row),
  distance,
  difference,
  importFile: row.import_file,
});

/**
 * Search the stored, committed plate reads. Exact and wildcard searches list the newest
 * first; OCR-aware ones the closest first, then the newest. At most `limit` hits, and
 * `truncated` when more matched.
 */
export function searchReads(db: Db, q: SearchQuery): SearchResult {
  const pattern = normalisePattern(q.plate);
  const described = describeQuery(q, pattern);
  if (!q.fuzzy) {
    const found = patternCandidates(pattern);
    const candidates = narrowScan(db, found, q);
    // Newest first. Where an index finds the plates, `+` keeps SQLite from walking the time
    // index instead (it would, to save sorting a handful of rows); a scan that still reads
    // everything may walk it, stopping at the limit.
    const walksTime = candidates === found && found.plan === 'scan';
    const order = walksTime ? 'ORDER BY r.captured_at DESC, r.id DESC' : 'ORDER BY +r.captured_at DESC, r.id DESC';
    const rows = selectReads(db, candidates, q, order, q.limit + 1);
    return {
      hits: rows.slice(0, q.limit).map((row) => hit(row, 0, null)),
      truncated: rows.length > q.limit,
      plan: candidates.plan,
      described,
    };
  }
  // OCR-aware: every candidate's plate is scored first (the index holds OCR forms, so it
  // names more reads than match); only the close ones are read whole, with the filters.
  const partial = isPartial(pattern);
  const candidates = partial ? ocrPatternPlates(db, pattern) : ocrCandidatePlates(db, pattern);
  const score = partial ? ocrPatternScore(pattern) : (plate: string) => ocrCloseness(pattern, plate);
  const close = new Map<number, Closeness>();
  for (const { id, plate_norm } of candidates.plates) {
    const closeness = score(plate_norm);
    if (closeness) close.set(id, closeness);
  }
  const chosen: Candidates = {
    plan: candidates.plan,
    from: '',
    where: 'r.id IN (SELECT value FROM json_each(?))',
    params: [JSON.stringify([...close.keys()])],
  };
  const scored = selectReads(db, chosen, q, '', null).map((row) => {
    const closeness = close.get(row.id)!;
    return hit(row, closeness.distance, closeness.difference);
  });
  scored.sort((a, b) => a.distance - b.distance || b.capturedAt.localeCompare(a.capturedAt) || b.id - a.id);
  return { hits: scored.slice(0, q.limit), truncated: scored.length > q.limit, plan: candidates.plan, described };
}

/** Above this many matching reads, a scan walks the reads newest first and stops at the limit. */
const SCAN_BY_PLATE_MAX = 50_000;

/**
 * A pattern with no three-character run (`*Q9*`) and no time window has no index to find
 * it. Walking the reads newest first stops early when matches are many, but reads every
 * read when they are few (32 s at 10M reads for none). So the plate index, which holds
 * the plate itself, is read first: when it names few reads, only those are opened.
 */
function narrowScan(db: Db, candidates: Candidates, q: SearchQuery): Candidates {
  if (candidates.plan !== 'scan' || q.from || q.to) return candidates;
  const ids = db
    .prepare(`SELECT r.id FROM plate_reads r INDEXED BY plate_reads_by_plate WHERE ${candidates.where} LIMIT ?`)
    .pluck()
    .all(...candidates.params, SCAN_BY_PLATE_MAX + 1) as number[];
  if (ids.length > SCAN_BY_PLATE_MAX) return candidates;
  return { plan: 'scan', from: '', where: 'r.id IN (SELECT value FROM json_each(?))', params: [JSON.stringify(ids)] };
}

/** A wildcard pattern read OCR-aware: 0 when it matches as typed, 1 when only through misreads. */
function ocrPatternScore(pattern: string) {
  const exact = patternMatcher(pattern);
  const misread = patternMatcher(ocrForm(pattern));
  return (plate: string) =>
    exact(plate)
      ? { distance: 0, difference: null }
      : misread(ocrForm(plate))
        ? { distance: 1, difference: 'matches through misread characters' }
        : null;
}

/** What a search looked for, in a sentence: shown above the results. */
export function describeQuery(q: SearchQuery, pattern = normalisePattern(q.plate)): string {
  const parts = [
    q.fuzzy
      ? `plates like "${pattern}", OCR-aware (misread characters and one missing or extra character)`
      : isPartial(pattern)
        ? `plates matching "${pattern}"`
        : `plate "${pattern}"`,
  ];
  if (q.from && q.to) parts.push(`captured from ${q.from} to ${q.to}`);
  else if (q.from) parts.push(`captured from ${q.from}`);
  else if (q.to) parts.push(`captured up to ${q.to}`);
  if (q.state) parts.push(`state ${q.state}`);
  if (q.camera) parts.push(`camera or location containing "${q.camera}"`);
  if (q.make) parts.push(`make "${q.make}"`);
  if (q.model) parts.push(`model "${q.model}"`);
  if (q.color) parts.push(`colour "${q.color}"`);
  if (q.minConfidence !== undefined) parts.push(`confidence at least ${Math.round(q.minConfidence * 100)}%`);
  if (q.importId !== undefined) parts.push(`from import #${q.importId}`);
  if (q.vendor) parts.push(`vendor "${q.vendor}"`);
  return `Reads of ${parts.join(', ')}.`;
}
