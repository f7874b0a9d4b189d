/**
 * What releasing agencies type in a cell to withhold it. A withheld cell is recorded as
 * such (its column named in `withheld`), never as empty.
 */
const MARKER = /^(?:[*#](?:\s*[*#]){2,}|[[(]?\s*redacted\s*[\])]?|withheld|exempt)$/i;

/**
 * Statute citations that exempt a record from release: California's Public Records Act
 * (`GC 6254(f)`, `Cal. Gov. Code § 7923.600`), peace-officer records (`PC 832.7`), FOIA
 * (`5 U.S.C. 552(b)(7)(C)`), or anything written with a section sign. Other penal code
 * sections are left alone: `PC 10851` is a reason for a search, not a redaction.
 */
const CITATION = [
  /§\s*\d/,
  /^(?:cal(?:ifornia|\.)?\s*)?(?:gc|gov(?:'t|\.|ernment)?\s*code)\s*(?:sec(?:tion|\.)?\s*)?\d{4}/i,
  /^(?:cal(?:ifornia|\.)?\s*)?(?:pc|penal\s*code)\s*(?:sec(?:tion|\.)?\s*)?832\.[5-8]\b/i,
  /^(?:5\s*)?u\.?\s*s\.?\s*c\.?\s*(?:sec(?:tion|\.)?\s*)?552\b/i,
];

export function isWithheld(cell: string): boolean {
  const text = cell.trim();
  if (text.length < 3) return false;
  return MARKER.test(text) || CITATION.some((pattern) => pattern.test(text));
}
