import type { SearchPlan } from '../../contract/search';
import type { Db } from '../store/database';
import { isPartial, literalPrefix, literalRuns, matchExpression, ocrForm, ocrTrigramQuery, trigrams } from './plates';

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
  const grams = [...new Set(literalRuns(pattern).flatMap((run) => trigrams(ocrForm(run))))];
  if (grams.length > 0) return trigramCandidates([grams], 'r.plate_norm GLOB ?', [pattern]);
  const prefix = literalPrefix(pattern);
  if (!prefix) return { plan: 'scan', from: '', where: 'r.plate_norm GLOB ?', params: [pattern] };
  // The range is spelled out: SQLite would otherwise walk the time index to save a sort.
  const next = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
  return {
    plan: 'prefix',
    from: '',
    where: 'r.plate_norm >= ? AND r.plate_norm < ? AND r.plate_norm GLOB ?',
    params: [prefix, next, pattern],
  };
}

/**
 * Candidates for an OCR-aware search: every read whose plate, in OCR form, is within one
 * missing or extra character of the typed plate. Closeness on the real characters is
 * measured afterwards (plates.ts `ocrCloseness`).
 */
export function ocrCandidates(typed: string): Candidates {
  const sets = ocrTrigramQuery(typed);
  if (sets) return trigramCandidates(sets, '', []);
  // Too short for trigrams (3 characters or fewer): every plate of a near length.
  return { plan: 'scan', from: '', where: 'length(r.plate_norm) BETWEEN ? AND ?', params: [typed.length - 1, typed.length + 1] };
}

/** Candidates for a wildcard pattern read OCR-aware: the misread classes match one another, lengths as typed. */
export function ocrPatternCandidates(pattern: string): Candidates {
  const grams = [...new Set(literalRuns(pattern).flatMap((run) => trigrams(ocrForm(run))))];
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
