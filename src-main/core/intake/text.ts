import { StringDecoder } from 'node:string_decoder';
import { Readable } from 'node:stream';

/**
 * A byte stream as text: UTF-8 (a character split across chunks is kept whole), the
 * byte-order mark dropped. A file that holds NUL bytes or starts like a ZIP is not text
 * at all; reading it as rows would only make a screenful of nonsense rejects, so it
 * throws one clear error instead.
 */
export async function* textChunks(input: Readable, fileName: string, kind: string): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let first = true;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    if (first) {
      const reason = notText(bytes);
      if (reason) throw new Error(`${fileName} is not a ${kind} file: ${reason}.`);
    }
    let text = decoder.write(bytes);
    if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    if (text) yield text;
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

/** Why `head` (the start of a file) is not text, or null when it is. */
export function notText(head: Buffer): string | null {
  if (head.length >= 4 && head.readUInt32BE(0) === 0x504b0304) return 'it is a ZIP archive or an XLSX workbook';
  const sample = head.subarray(0, 4096);
  if (sample.includes(0)) return 'it holds binary data (NUL bytes)';
  let control = 0;
  for (const byte of sample) if (byte < 9 || (byte > 13 && byte < 32)) control++;
  return control > sample.length / 20 ? 'it holds binary data' : null;
}

/**
 * The stream's first chunk, and a stream that still yields everything (the first chunk
 * included), for readers that look before they choose how to read.
 */
export async function peek(input: Readable): Promise<{ first: Buffer | null; input: Readable }> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  const head = await iterator.next();
  if (head.done) return { first: null, input: Readable.from([]) };
  const first = typeof head.value === 'string' ? Buffer.from(head.value) : head.value;
  async function* all(): AsyncGenerator<Buffer | string> {
    yield first;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { first, input: Readable.from(all()) };
}

/** The first character that is not white space (after a byte-order mark), or ''. */
export function firstSignificant(head: Buffer): string {
  const text = head
    .subarray(0, 1024)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  return text.trimStart().charAt(0);
}
