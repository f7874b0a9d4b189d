import type { RowReject } from './rows';

/**
 * A streaming CSV tokenizer that knows the line each record starts on.
 *
 * Why not csv-parse: on a 13-column, 1,000,000-row file here it read 250,000 records/s,
 * and 175,000/s with line numbers (`info` or `on_record`), and it stops at the first
 * broken record. This one reads about 1,300,000 records/s with line numbers (a line with
 * no quote is split natively; quoted cells are found with indexOf), and turns a broken
 * record (a quote never closed, a record over the size limit) into one reject and reads
 * on. It follows RFC 4180: cells quoted with `"`, `""` inside a quoted cell, CRLF or LF
 * line ends, line breaks inside quoted cells. A quote in the middle of an unquoted cell is
 * kept as written, as spreadsheets do.
 */
export interface CsvRecord {
  /** the 1-based line the record starts on */
  line: number;
  fields: string[];
}
export type CsvItem = CsvRecord | RowReject;

/** Records bigger than this are rejected (a 10 MB cell is no plate read) and skipped. */
const MAX_RECORD_CHARS = 1024 * 1024;

const QUOTE = 34;
const LF = 10;
const CR = 13;

export class CsvTokenizer {
  /** text of a record not yet complete, carried to the next chunk */
  private rest = '';
  private line = 1;
  /** skipping the rest of an oversized record: whether inside quotes */
  private skipping: { inQuotes: boolean } | null = null;
  private readonly delimiter: number;

  constructor(
    private readonly delimiterText: string,
    private readonly maxRecordChars = MAX_RECORD_CHARS,
  ) {
    this.delimiter = delimiterText.charCodeAt(0);
  }

  /** Tokenizes `chunk`, appending complete records (and rejects) to `out`. */
  push(chunk: string, out: CsvItem[]): void {
    let text = chunk;
    if (this.skipping) {
      const end = this.skip(text);
      if (end < 0) return;
      text = text.slice(end);
    }
    this.parse(this.rest === '' ? text : this.rest + text, false, out);
  }

  /** The input has ended: what is left is the last record, complete or broken. */
  end(out: CsvItem[]): void {
    if (this.skipping || this.rest === '') return;
    this.parse(this.rest, true, out);
  }

  /** Consumes the oversized record's remaining text; returns where the next record starts, or -1. */
  private skip(text: string): number {
    const state = this.skipping!;
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code === QUOTE) state.inQuotes = !state.inQuotes;
      else if (code === LF) {
        this.line++;
        if (!state.inQuotes) {
          this.skipping = null;
          return i + 1;
        }
      }
    }
    return -1;
  }

  private parse(text: string, final: boolean, out: CsvItem[]): void {
    const length = text.length;
    const delimiter = this.delimiter;
    let pos = 0;
    let line = this.line;
    /** where the next quote is (-1: none), so that lines without one take the fast path */
    let nextQuote = text.indexOf('"');
    let nextDelimiter = text.indexOf(this.delimiterText);
    records: while (pos < length) {
      const start = pos;
      const startLine = line;
      const first = text.charCodeAt(pos);
      // blank lines are skipped; they still count as lines
      if (first === LF) {
        pos++;
        line++;
        continue;
      }
      if (first === CR) {
        if (pos + 1 === length && !final) break;
        pos += text.charCodeAt(pos + 1) === LF ? 2 : 1;
        line++;
        continue;
      }
      // Fast path: a whole line without a quote is split natively.
      if (nextQuote < pos && nextQuote !== -1) nextQuote = text.indexOf('"', pos);
      const newline = text.indexOf('\n', pos);
      if (newline >= 0 && (nextQuote === -1 || nextQuote > newline)) {
        const end = text.charCodeAt(newline - 1) === CR ? newline - 1 : newline;
        if (newline - start > this.maxRecordChars) out.push({ line: startLine, column: null, reason: this.tooBig() });
        else out.push({ line: startLine, fields: text.slice(pos, end).split(this.delimiterText) });
        pos = newline + 1;
        line++;
        continue;
      }
      let lineEnd = newline < 0 ? length : newline;
      const fields: string[] = [];
      let broken: string | null = null;
      for (;;) {
        let value: string;
        if (text.charCodeAt(pos) === QUOTE) {
          let from = pos + 1;
          value = '';
          for (;;) {
            const close = text.indexOf('"', from);
            if (close < 0 || (close + 1 === length && !final)) {
              if (final) {
                out.push({
                  line: startLine,
                  column: null,
                  reason:
                    'a quoted cell starting on this line is never closed (the file may be cut short); the rest of the file was read as this one broken record',
                });
                pos = length;
                break records;
              }
              pos = start;
              line = startLine;
              break records;
            }
            if (text.charCodeAt(close + 1) === QUOTE) {
              value += text.slice(from, close + 1);
              from = close + 2;
              continue;
            }
            value += text.slice(from, close);
            pos = close + 1;
            break;
          }
          for (let at = value.indexOf('\n'); at >= 0; at = value.indexOf('\n', at + 1)) line++;
          const after = text.charCodeAt(pos);
          if (pos < length && after !== delimiter && after !== LF && after !== CR) {
            // text after the closing quote (`"abc"def`): keep it, and reject the record
            broken ??= 'a quoted cell has text after its closing quote';
            let end = pos;
            for (
              let code = text.charCodeAt(end);
              end < length && code !== delimiter && code !== LF && code !== CR;
              code = text.charCodeAt(++end)
            );
            value += text.slice(pos, end);
            pos = end;
          }
        } else {
          if (lineEnd < pos) {
            lineEnd = text.indexOf('\n', pos);
            if (lineEnd < 0) lineEnd = length;
          }
          if (nextDelimiter < pos && nextDelimiter !== -1) nextDelimiter = text.indexOf(this.delimiterText, pos);
          let end = nextDelimiter;
          if (end < 0 || end > lineEnd) end = lineEnd > pos && text.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
          value = text.slice(pos, end);
          pos = end;
        }
        fields.push(value);
        if (pos >= length) {
          if (!final) {
            pos = start;
            line = startLine;
            break records;
          }
          break;
        }
        const code = text.charCodeAt(pos);
        if (code === delimiter) {
          pos++;
          if (pos === length && final) {
            fields.push('');
            break;
          }
          continue;
        }
        if (code === CR) {
          if (pos + 1 === length && !final) {
            pos = start;
            line = startLine;
            break records;
          }
          pos += text.charCodeAt(pos + 1) === LF ? 2 : 1;
        } else pos++;
        line++;
        break;
      }
      if (pos - start > this.maxRecordChars) broken = this.tooBig();
      out.push(broken ? { line: startLine, column: null, reason: broken } : { line: startLine, fields });
    }
    this.line = line;
    this.rest = pos < length ? text.slice(pos) : '';
    if (this.rest.length > this.maxRecordChars) this.overflow(out);
  }

  private tooBig(): string {
    return `the record is over ${Math.round(this.maxRecordChars / 1024 / 1024)} MB (no plate read or audit row is that long); it was skipped`;
  }

  /** The record being collected is too big: reject it once, then skip to its end. */
  private overflow(out: CsvItem[]): void {
    out.push({
      line: this.line,
      column: null,
      reason: this.tooBig(),
    });
    let inQuotes = false;
    const rest = this.rest;
    for (let i = 0; i < rest.length; i++) {
      const code = rest.charCodeAt(i);
      if (code === QUOTE) inQuotes = !inQuotes;
      else if (code === LF) this.line++;
    }
    this.rest = '';
    this.skipping = { inQuotes };
  }
}

/** The records of a CSV text stream, a batch per chunk read. */
export async function* csvBatches(chunks: AsyncIterable<string>, delimiter: string): AsyncGenerator<CsvItem[]> {
  const tokenizer = new CsvTokenizer(delimiter);
  for await (const chunk of chunks) {
    const out: CsvItem[] = [];
    tokenizer.push(chunk, out);
    if (out.length) yield out;
  }
  const out: CsvItem[] = [];
  tokenizer.end(out);
  if (out.length) yield out;
}

/** The first record of `text` (a header), or null when `text` holds no complete one. */
export function firstRecord(text: string, delimiter: string, complete = false): string[] | null {
  const tokenizer = new CsvTokenizer(delimiter);
  const out: CsvItem[] = [];
  tokenizer.push(text, out);
  if (complete) tokenizer.end(out);
  const first = out[0];
  return first && 'fields' in first ? first.fields : null;
}

/** The delimiter of a header line: whichever of , ; Tab | appears most outside quotes (comma on a tie). */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>();
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (char === '\n' || char === '\r')) break;
    else if (!inQuotes && (char === ',' || char === ';' || char === '\t' || char === '|')) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  for (const [char, count] of counts) if (count > (counts.get(best) ?? 0)) best = char;
  return best;
}
