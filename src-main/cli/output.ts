import fs from 'node:fs';
import Table from 'cli-table3';
import type { Sink } from '../core/gate/context';
import { UsageError } from './errors';

/** Print a result: JSON on stdout with --json, otherwise the given human form. */
export function emit(json: boolean, value: unknown, human: () => string): void {
  process.stdout.write(json ? JSON.stringify(value, null, 2) + '\n' : human() + '\n');
}

export function table(head: string[], rows: (string | number | null)[][]): string {
  const t = new Table({ head, style: { head: [], border: [] }, wordWrap: true });
  for (const row of rows) t.push(row.map((c) => (c === null ? '' : String(c))));
  return t.toString();
}

/**
 * Write all of `text` to a file descriptor synchronously. Standard output may be a
 * non-blocking pipe that is full for a moment (EAGAIN): wait briefly and go on, so a
 * large export piped into another program arrives whole without piling up in memory.
 */
function writeAllSync(fd: number, text: string | Uint8Array): void {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += fs.writeSync(fd, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      Atomics.wait(PAUSE, 0, 0, 5);
    }
  }
}

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * Run `work` with a new file to write into: never overwrites an earlier one, is synced
 * to disk when the work succeeds, and removed when it fails (half an export is worse
 * than none).
 */
/** Writes text (as UTF-8) or bytes (a PDF) into the file `intoNewFile` opened. */
export type FileWriter = (chunk: string | Uint8Array) => void;

export async function intoNewFile<T>(file: string, work: (write: FileWriter) => Promise<T>): Promise<T> {
  let fd: number;
  try {
    fd = fs.openSync(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${file} already exists; choose a new file name.`);
    throw error;
  }
  let done = false;
  try {
    const result = await work((chunk) => writeAllSync(fd, chunk));
    fs.fsyncSync(fd);
    done = true;
    return result;
  } finally {
    fs.closeSync(fd);
    if (!done) fs.rmSync(file, { force: true });
  }
}

/** Run `work` writing into a new file (as `intoNewFile`), or to standard output when no file is named. */
export function intoNewFileOrStdout<T>(file: string | undefined, work: (write: Sink) => Promise<T>): Promise<T> {
  return file ? intoNewFile(file, work) : work((chunk) => writeAllSync(process.stdout.fd, chunk));
}
