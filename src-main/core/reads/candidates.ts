import type { SearchPlan } from '../../contract/search';
import type { Db } from '../store/database';
import {
  classGlob,
  classPrefixes,
  isPartial,
  literalPrefix,
  literalRuns,
  matchExpression,
  ocrForm,
  ocrVariants,
  trigrams,
  variantTrigrams,
} from './plates';

/**
 * Which reads can match a plate pattern, and how the store finds them (the plan). A plan is
 * a SQL condition on the read `r` (and, for the trigram index, a join), so the search and
 * hot-list matching share one way of finding plates.
 *
 * - exact: the plate index (`plate_reads_by_plate`);
 * - trigram: the FTS5 trigram index of OCR forms (`plate_search`): every 3-character run
 *   of the pattern must be there; the real plate is then checked against the pattern;
 * - prefix: a pattern that starts with letters or digits but has no 3-character run
 *   (`AB?12*`) walks the plate index from its prefix;
 * - scan: anything else (`*7X*`) reads the whole plate index.
 */
export interface Candidates {
  plan: SearchPlan;
  /** joined before `r` when the trigram index drives the search */
  from: string;
  where: string;
  params: unknown[];
}

/** Candidates for a pattern matched as typed (wildcards `*` and `?` included; stored plates have neither). */
export function patternCandidates(pattern: string): Candidates {
  if (!isPartial(pattern)) return { plan: 'exact', from: '', where: 'r.plate_norm = ?', params: [pattern] };
  // GLOB's * and ? mean what ours do, and plates hold only letters and digits.
  const grams = patternTrigrams(pattern);
  if (grams.length > 0) return trigramCandidates([grams], 'r.plate_norm GLOB ?', [pattern]);
  const prefix = literalPrefix(pattern);
  if (!prefix) return { plan: 'scan', from: '', where: 'r.plate_norm GLOB ?', params: [pattern] };
  // The range is spelled out: SQLite would otherwise walk the time index to save a sort.
  return {
    plan: 'prefix',
    from: '',
    where: 'r.plate_norm >= ? AND r.plate_norm < ? AND r.plate_norm GLOB ?',
    params: [prefix, pastPrefix(prefix), pattern],
  };
}

/** The trigrams, in OCR form, of a pattern's plain runs ("*BC12*" → 8C1, C12). */
function patternTrigrams(pattern: string): string[] {
  return [...new Set(literalRuns(pattern).flatMap((run) => trigrams(ocrForm(run))))];
}

/** The first string after every string that starts with `prefix` ("AB" → "AC"). */
function pastPrefix(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

export interface CandidatePlate {
  id: number;
  plate_norm: string;
}

/**
 * Reads that may be OCR-close to `typed`: those whose plate, in OCR form, has one of the
 * shapes `ocrVariants` gives (the typed plate, one character less, one more). Committed or
 * not: the caller reads the close ones through `committed_reads`.
 *
 * A shape with two or more trigrams is found through the trigram index. A shape with
 * fewer (a short plate, or an extra character near the middle of one: "83?7WX") would
 * name thousands of reads through one trigram, each to be opened; instead the plate
 * index is walked from each plain start its first two characters allow, misreads
 * included, and the GLOB is checked on the index alone. A shape with neither is scanned.
 */
export function ocrCandidatePlates(db: Db, typed: string): { plan: SearchPlan; plates: CandidatePlate[] } {
  const sets: string[][] = [];
  const walks: { from: string; to: string; glob: string }[] = [];
  let scan = false;
  for (const variant of ocrVariants(typed)) {
    const grams = variantTrigrams(variant);
    const plainStart = variant.includes('?') ? variant.indexOf('?') : variant.length;
    if (grams.length >= 2 || (grams.length === 1 && plainStart < 2)) sets.push(grams);
    else if (plainStart >= 2) {
      const rest = classGlob(variant.slice(2));
      for (const start of classPrefixes(variant, 2)) walks.push({ from: start, to: pastPrefix(start), glob: start + rest });
    } else scan = true;
  }
  const found = new Map<number, string>();
  const keep = (rows: unknown[]) => (rows as CandidatePlate[]).forEach((r) => found.set(r.id, r.plate_norm));
  if (sets.length > 0) {
    const indexed = db.prepare(
      'SELECT r.id, r.plate_norm FROM plate_search s CROSS JOIN plate_reads r ON r.id = s.rowid WHERE s.plate_search MATCH ?',
    );
    keep(indexed.all(matchExpression(sets)));
  }
  const walk = db.prepare(
    'SELECT id, plate_norm FROM plate_reads INDEXED BY plate_reads_by_plate WHERE plate_norm >= ? AND plate_norm < ? AND plate_norm GLOB ?',
  );
  for (const w of walks) keep(walk.all(w.from, w.to, w.glob));
  if (scan)
    keep(
      db.prepare('SELECT id, plate_norm FROM plate_reads WHERE length(plate_norm) BETWEEN ? AND ?').all(typed.length - 1, typed.length + 1),
    );
  return { plan: scan ? 'scan' : 'trigram', plates: [...found].map(([id, plate_norm]) => ({ id, plate_norm })) };
}

/** Reads whose plate may match a wildcard pattern through misreads (lengths as typed). */
export function ocrPatternPlates(db: Db, pattern: string): { plan: SearchPlan; plates: CandidatePlate[] } {
  const c = ocrPatternCandidates(pattern);
  const plates = db.prepare(`SELECT r.id, r.plate_norm FROM ${c.from} plate_reads r WHERE ${c.where}`).all(...c.params) as CandidatePlate[];
  return { plan: c.plan, plates };
}

/** Candidates for a wildcard pattern read OCR-aware: the misread classes match one another, lengths as typed. */
function ocrPatternCandidates(pattern: string): Candidates {
  const grams = patternTrigrams(pattern);
  if (grams.length > 0) return trigramCandidates([grams], '', []);
  return { plan: 'scan', from: '', where: '1', params: [] };
}

function trigramCandidates(sets: string[][], check: string, params: unknown[]): Candidates {
  return {
    plan: 'trigram',
    // CROSS JOIN keeps the index first: SQLite then visits only the reads it names.
    from: 'plate_search s CROSS JOIN',
    where: `s.plate_search MATCH ? AND r.id = s.rowid${check ? ` AND ${check}` : ''}`,
    params: [matchExpression(sets), ...params],
  };
}

/**
 * The ids of stored reads whose plate matches `pattern` (normalised; `*` and `?` allowed),
 * committed or not, optionally only those of one import: hot-list matching uses this for
 * partial plates, against new reads of an import before it commits.
 */
export function readIdsMatching(db: Db, pattern: string, where: { importId?: number } = {}): number[] {
  const c = patternCandidates(pattern);
  const byImport = where.importId === undefined ? '' : ' AND r.import_id = ?';
  const sql = `SELECT r.id FROM ${c.from} plate_reads r WHERE ${c.where}${byImport}`;
  return db
    .prepare(sql)
    .pluck()
    .all(...c.params, ...(where.importId === undefined ? [] : [where.importId])) as number[];
}
