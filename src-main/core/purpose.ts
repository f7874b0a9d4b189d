/**
 * Does a purpose state one (policy 427.6(b))? Public audits of ALPR searches found
 * "investigation", "inv", "bolo", "test", "n/a" and the like standing in for a purpose.
 * A purpose is refused when it is one of the commander's list of such words, or when,
 * with those words, case numbers and small words set aside, fewer than two words remain.
 */

/** Words that carry no purpose of their own. */
const FILLER = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'by',
  'case',
  'for',
  'from',
  'in',
  'is',
  'it',
  'no',
  'not',
  'of',
  'on',
  'or',
  'per',
  're',
  'see',
  'the',
  'to',
  'with',
  'ref',
  'number',
  'num',
  'file',
]);

const comparable = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9/-]+/g, ' ')
    .trim();

export const PURPOSE_EXAMPLE =
  'say what you are doing and why, for example "Locate the stolen vehicle in burglary report 26-1187" or "Identify the suspect vehicle seen leaving the armed robbery on Main St"';

/** The sentence refusing `purpose`, or null when it states a purpose. */
export function purposeProblem(purpose: string, vaguePurposes: readonly string[]): string | null {
  const text = comparable(purpose);
  const vague = new Set(vaguePurposes.map(comparable));
  if (vague.has(text) || text === '') return `"${purpose.trim()}" does not state a purpose. ${cap(PURPOSE_EXAMPLE)} (policy 427.6(b)).`;
  const words = text.split(/[\s/]+/).filter((w) => /[a-z]{3,}/.test(w) && !/\d/.test(w) && !FILLER.has(w) && !vague.has(w));
  if (words.length < 2) {
    return `"${purpose.trim()}" is too short to state a purpose. ${cap(PURPOSE_EXAMPLE)} (policy 427.6(b)).`;
  }
  return null;
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
