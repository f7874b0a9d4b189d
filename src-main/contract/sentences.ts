/**
 * How every message a person reads is written: a sentence, starting with a capital and
 * ending with a full stop (or a question or exclamation mark). The contract's own zod
 * messages are written that way; `sentence` puts zod's defaults and any other fragment
 * into the same form before a screen or the command line shows it.
 */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const capital = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]["”)]?$/.test(capital) ? capital : `${capital}.`;
}

/**
 * Line breaks, tabs and every other control character (C0 and C1), and the Unicode line and
 * paragraph separators: none belongs in a text kept on one line, such as a case number or a
 * purpose written into the access log.
 */
export const CONTROL_CHARACTER = /[\p{Cc}\u2028\u2029]/u;

/** `text` on one line: each run of control characters (with the spaces around it) made one space, and the ends trimmed. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\p{Cc}\u2028\u2029]+\s*/gu, ' ').trim();
}

/** `text` as typed into a one-line field: each control character (a pasted line break, a tab) made a space; nothing trimmed yet. */
export function controlsAsSpaces(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029]/gu, ' ');
}
