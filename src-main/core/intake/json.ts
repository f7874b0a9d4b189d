import type { RowReject } from './rows';

/**
 * Splits a JSON stream into its records without holding the file: the elements of a
 * top-level array, the elements of a wrapper's array (`{ "reads": [...] }`, `{ "data":
 * [...] }`), or a sequence of top-level values (JSON Lines, or one object). Each record's
 * text is handed to JSON.parse, so a record that is not valid JSON becomes one reject and
 * the next record is read as usual.
 *
 * Why not stream-json: its tokens carry no position, and the line a record starts on is
 * what a clerk needs to find it in the file. This scanner only tracks strings and nesting
 * depth and counts line breaks; JSON.parse does the parsing.
 */
export interface JsonRecord {
  /** the line the record's first character is on */
  line: number;
  /** which record it is, counting from 1: its place in the array (or the wrapper's array), or in the sequence */
  record: number;
  value: unknown;
}
export type JsonItem = JsonRecord | RowReject;

/** One record bigger than this is refused (skipped with a reject); images inside make records large. */
const MAX_JSON_RECORD_CHARS = 64 * 1024 * 1024;

const WRAPPER_KEY = /"(?:reads|data)"\s*:\s*$/;

class JsonSplitter {
  private text = '';
  /** where scanning resumes in `text` */
  private pos = 0;
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** the depth records start at: 0 (top-level values), 1 (a top-level array), 2 (a wrapper's array), -1 (none: the rest of a wrapper) */
  private recordDepth = 0;
  /** start of the open record in `text`, or -1 */
  private start = -1;
  private startLine = 0;
  /** records opened so far: the open one's number */
  private records = 0;
  private primitive = false;
  /** the open record grew too big: it is skipped to its end and rejected there */
  private oversized = false;
  private started = false;

  constructor(private readonly fileName: string) {}

  push(chunk: string, out: JsonItem[]): void {
    this.text = this.start >= 0 && !this.oversized ? this.text.slice(this.start) + chunk : chunk;
    this.pos = this.start >= 0 && !this.oversized ? this.pos - this.start : 0;
    if (this.start >= 0 && !this.oversized) this.start = 0;
    this.scan(out);
    if (this.start >= 0 && !this.oversized && this.text.length - this.start > MAX_JSON_RECORD_CHARS) this.oversized = true;
  }

  end(out: JsonItem[]): void {
    if (this.start < 0 && !this.oversized) return;
    if (this.primitive && !this.inString) this.close(this.text.length, out);
    else
      out.push({
        line: this.startLine,
        column: null,
        reason: `record ${this.records}, starting on this line, is cut short: the file ends inside it`,
      });
  }

  private open(at: number, primitive: boolean): void {
    this.start = at;
    this.startLine = this.line;
    this.records++;
    this.primitive = primitive;
  }

  private close(end: number, out: JsonItem[]): void {
    const line = this.startLine;
    const record = this.records;
    if (this.oversized) {
      out.push({ line, column: null, reason: `record ${record} is over ${MAX_JSON_RECORD_CHARS / 1024 / 1024} MB; it was skipped` });
    } else {
      try {
        out.push({ line, record, value: JSON.parse(this.text.slice(this.start, end)) as unknown });
      } catch (error) {
        out.push({ line, column: null, reason: `record ${record} is not valid JSON (${(error as Error).message})` });
      }
    }
    this.start = -1;
    this.oversized = false;
    this.primitive = false;
  }

  private scan(out: JsonItem[]): void {
    const text = this.text;
    for (let pos = this.pos; pos < text.length; pos++) {
      const code = text.charCodeAt(pos);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (code === 92) this.escaped = true;
        else if (code === 34) {
          this.inString = false;
          if (this.primitive && this.depth === this.recordDepth) this.close(pos + 1, out);
        } else if (code === 10) this.line++;
        continue;
      }
      switch (code) {
        case 10:
        case 13:
        case 32:
        case 9:
        case 44: // ,
        case 58: // :
          if (this.primitive && this.start >= 0 && this.depth === this.recordDepth) this.close(pos, out);
          if (code === 10) this.line++;
          break;
        case 123: // {
        case 91: // [
          if (!this.started) this.started = true;
          if (this.depth === this.recordDepth && this.start < 0) {
            if (code === 91 && this.depth === 0 && this.recordDepth === 0) {
              // a top-level array: its elements are the records
              this.recordDepth = 1;
            } else this.open(pos, false);
          } else if (code === 91 && this.depth === 1 && this.recordDepth === 0 && text.charCodeAt(this.start) === 123) {
            if (WRAPPER_KEY.test(text.slice(Math.max(this.start, pos - 64), pos))) {
              // `{ "reads": [` — a wrapper, not a record: its array's elements are
              this.start = -1;
              this.records--;
              this.recordDepth = 2;
            }
          }
          this.depth++;
          break;
        case 125: // }
        case 93: // ]
          if (this.primitive && this.start >= 0 && this.depth === this.recordDepth) this.close(pos, out);
          this.depth--;
          if (this.depth < 0)
            throw new Error(`${this.fileName} is not a JSON file: a closing bracket on line ${this.line} has no opening one.`);
          if (this.start >= 0 && this.depth === this.recordDepth) this.close(pos + 1, out);
          else if (this.recordDepth === 2 && this.depth === 1) this.recordDepth = -1;
          else if (this.recordDepth === 1 && this.depth === 0) this.recordDepth = 0;
          else if (this.recordDepth === -1 && this.depth === 0) this.recordDepth = 0;
          break;
        default:
          if (!this.started) {
            const shown = JSON.stringify(text.slice(pos, pos + 20));
            throw new Error(`${this.fileName} is not a JSON file: it starts with ${shown}, not { or [.`);
          }
          if (this.depth === this.recordDepth && this.start < 0) this.open(pos, true);
          if (code === 34) this.inString = true;
      }
    }
    this.pos = text.length;
  }
}

/** The records of a JSON text stream, a batch per chunk read. */
export async function* jsonBatches(chunks: AsyncIterable<string>, fileName: string): AsyncGenerator<JsonItem[]> {
  const splitter = new JsonSplitter(fileName);
  for await (const chunk of chunks) {
    const out: JsonItem[] = [];
    splitter.push(chunk, out);
    if (out.length) yield out;
  }
  const out: JsonItem[] = [];
  splitter.end(out);
  if (out.length) yield out;
}
