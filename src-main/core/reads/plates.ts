/**
 * Plates as stored, typed and searched: pure functions, no store.
 *
 * A stored plate is normalised (upper case, letters and digits only; the vendor's text stays
 * in plate_raw). A typed pattern is normalised the same way, keeping `*` (any run, also none)
 * and `?` (exactly one character).
 *
 * OCR-aware matching folds each character into its class of usual misreads, so two plates
 * that differ only by misreads share one "OCR form". The search index holds the OCR form of
 * every read's plate in trigrams; closeness is then measured on the real characters.
 */

/** Upper case, A–Z and 0–9 only: spaces, dashes, dots and anything else removed. The original stays in plateRaw. */
export function normalisePlate(raw: string): string {
  return raw.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** Wildcards an officer typed into a search (`Z*0028*`, `AB?123`). */
export function hasWildcard(plate: string): boolean {
  return /[*?%]/.test(plate);
}

/** A two-letter state or province: `ca` → `CA`, Rekor's `us-ca` → `CA`; anything else upper case as written. */
export function normaliseState(raw: string): string | null {
  const text = raw.trim().toUpperCase();
  if (text === '') return null;
  const region = /^[A-Z]{2}-([A-Z]{2})$/.exec(text);
  return region ? region[1]! : text;
}

/** The usual misreads of plate readers: each group reads as one another. */
export const OCR_CLASSES: readonly string[] = ['0OQD', '1IL', '2Z', '5S', '8B', '6G'];

const FOLD = new Map<string, string>();
for (const group of OCR_CLASSES) for (const ch of group) FOLD.set(ch, group[0]!);
/** an OCR form's character → the plain characters it stands for, and as a GLOB set */
const MEMBERS = new Map(OCR_CLASSES.map((group) => [group[0]!, group]));
const CLASS_OF = new Map(OCR_CLASSES.map((group) => [group[0]!, `[${group}]`]));

/** A plate's OCR form: every character replaced by the first of its misread class ("B0L7" → "8017"). */
export function ocrForm(plate: string): string {
  let out = '';
  for (const ch of plate) out += FOLD.get(ch) ?? ch;
  return out;
}

export function sameOcrClass(a: string, b: string): boolean {
  return (FOLD.get(a) ?? a) === (FOLD.get(b) ?? b);
}

/** A typed pattern in the stored form: upper case, spaces and dashes dropped, `**` folded. */
export function normalisePattern(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/\*+/g, '*');
}

export function isPartial(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/** A matcher for a normalised pattern over stored (normalised) plates; the whole plate must match. */
export function patternMatcher(pattern: string): (plate: string) => boolean {
  if (!isPartial(pattern)) return (plate) => plate === pattern;
  const source = pattern
    .split('')
    .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch))
    .join('');
  const re = new RegExp(`^${source}$`);
  return (plate) => re.test(plate);
}

/** The runs of plain characters in a pattern ("*BC12*" → ["BC12"], "AB?12*" → ["AB", "12"]). */
export function literalRuns(pattern: string): string[] {
  return pattern.split(/[*?]+/).filter((run) => run.length > 0);
}

/** Every 3-character piece of a string, in order, without repeats. */
export function trigrams(text: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i + 3 <= text.length; i++) out.add(text.slice(i, i + 3));
  return [...out];
}

/** The plain characters a pattern starts with, before its first wildcard ("AB?12*" → "AB"). */
export function literalPrefix(pattern: string): string {
  const at = pattern.search(/[*?]/);
  return at === -1 ? pattern : pattern.slice(0, at);
}

/**
 * How close a stored plate is to the typed one, OCR-aware: each misread (a character of
 * the same class, 0/O/Q/D …) costs 1, one missing or one extra character costs 2, and
 * any other difference is no match (null). Plates equal as typed are at 0.
 */
export interface Closeness {
  distance: number;
  /** the differences in words, or null for an exact match */
  difference: string | null;
}

const INDEL_COST = 2;

export function ocrCloseness(typed: string, stored: string): Closeness | null {
  if (typed === stored) return { distance: 0, difference: null };
  const lengthGap = stored.length - typed.length;
  if (lengthGap === 0) return substitutionsOnly(typed, stored);
  if (Math.abs(lengthGap) !== 1) return null;
  // One character more or less: try each place for it and keep the closest.
  const longer = lengthGap > 0 ? stored : typed;
  const shorter = lengthGap > 0 ? typed : stored;
  let best: Closeness | null = null;
  for (let i = 0; i < longer.length; i++) {
    const without = longer.slice(0, i) + longer.slice(i + 1);
    const rest = substitutionsOnly(lengthGap > 0 ? shorter : without, lengthGap > 0 ? without : shorter);
    if (!rest) continue;
    const distance = rest.distance + INDEL_COST;
    if (best && best.distance <= distance) continue;
    const indel = lengthGap > 0 ? `extra "${longer[i]}" in the read` : `"${longer[i]}" missing from the read`;
    best = { distance, difference: rest.difference ? `${indel}; ${rest.difference}` : indel };
  }
  return best;
}

function substitutionsOnly(typed: string, stored: string): Closeness | null {
  const misreads: string[] = [];
  for (let i = 0; i < typed.length; i++) {
    const a = typed[i]!;
    const b = stored[i]!;
    if (a === b) continue;
    if (!sameOcrClass(a, b)) return null;
    misreads.push(`${a} read as ${b}`);
  }
  return { distance: misreads.length, difference: misreads.length ? misreads.join(', ') : null };
}

/**
 * The shapes, in OCR form, of every stored plate within one missing or extra character of
 * `typed`: the typed plate itself, each with one character removed (the read lacks it),
 * and each with `?` added at one place (the read has an extra one).
 */
export function ocrVariants(typed: string): string[] {
  const form = ocrForm(typed);
  const variants = new Set([form]);
  for (let i = 0; i < form.length; i++) variants.add(form.slice(0, i) + form.slice(i + 1));
  for (let i = 0; i <= form.length; i++) variants.add(`${form.slice(0, i)}?${form.slice(i)}`);
  return [...variants].filter((v) => v.replace('?', '').length > 0);
}

/** The trigrams a stored plate of this shape must hold (none for the `?`). */
export function variantTrigrams(variant: string): string[] {
  return [...new Set(variant.split('?').flatMap(trigrams))];
}

/** A shape as a GLOB over stored plates: each character stands for its whole misread class. */
export function classGlob(variant: string): string {
  return [...variant].map((ch) => (ch === '?' ? '?' : (CLASS_OF.get(ch) ?? ch))).join('');
}

/** Every plain start a shape's first `length` characters can have, misreads included ("8O" → 8O, 8Q, BO, …). */
export function classPrefixes(variant: string, length: number): string[] {
  let prefixes = [''];
  for (const ch of variant.slice(0, length)) prefixes = prefixes.flatMap((p) => [...(MEMBERS.get(ch) ?? ch)].map((m) => p + m));
  return prefixes;
}

/** An FTS5 MATCH expression: OR of ANDed trigram sets, each trigram quoted. */
export function matchExpression(sets: readonly (readonly string[])[]): string {
  return sets.map((set) => `(${set.map((t) => `"${t}"`).join(' AND ')})`).join(' OR ');
}
