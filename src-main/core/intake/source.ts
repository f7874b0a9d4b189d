import crypto from 'node:crypto';
import fs from 'node:fs';
import { Transform, type Readable } from 'node:stream';
import yauzl from 'yauzl';

/**
 * Where an import's bytes are: a file on this computer (the command line, a folder
 * bundle), or an upload staged sealed in the workspace (staging.ts). A plain object, so
 * it can be handed to the import worker thread.
 */
export type ByteSource =
  | { kind: 'file'; name: string; path: string; size: number }
  /** AES-256-CTR with a key that lives only in memory: CTR so a ZIP inside can be read at any offset */
  | { kind: 'sealed'; name: string; path: string; size: number; key: Buffer; iv: Buffer };

const BLOCK = 16;

/** The CTR counter block for byte `offset`: the IV plus the number of 16-byte blocks before it. */
function counterAt(iv: Buffer, offset: number): Buffer {
  const counter = Buffer.from(iv);
  let carry = BigInt(Math.floor(offset / BLOCK));
  for (let i = BLOCK - 1; i >= 0 && carry > 0n; i--) {
    const sum = BigInt(counter[i]!) + (carry & 0xffn);
    counter[i] = Number(sum & 0xffn);
    carry = (carry >> 8n) + (sum >> 8n);
  }
  return counter;
}

/** A decipher positioned at `offset`. */
export function sealedCipherAt(key: Buffer, iv: Buffer, offset: number, encrypt = false): crypto.Cipher | crypto.Decipher {
  const create = encrypt ? crypto.createCipheriv : crypto.createDecipheriv;
  const cipher = create('aes-256-ctr', key, counterAt(iv, offset));
  const skip = offset % BLOCK;
  if (skip) cipher.update(Buffer.alloc(skip));
  return cipher;
}

/** The bytes [start, end) of a source, as a stream (plain bytes, whatever the source keeps). */
export function openByteStream(source: ByteSource, start = 0, end?: number): Readable {
  const stream = fs.createReadStream(source.path, { start, end: end === undefined ? undefined : end - 1, highWaterMark: 256 * 1024 });
  if (source.kind === 'file') return stream;
  const decipher = sealedCipherAt(source.key, source.iv, start);
  const plain = new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, decipher.update(chunk));
    },
  });
  stream.on('error', (error) => plain.destroy(error));
  return stream.pipe(plain);
}

/** The first `bytes` bytes of a source (for detecting its format). */
export async function readHead(source: ByteSource, bytes = 64 * 1024): Promise<Buffer> {
  if (source.size === 0) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of openByteStream(source, 0, Math.min(bytes, source.size))) {
    parts.push(chunk as Buffer);
    length += (chunk as Buffer).length;
  }
  return Buffer.concat(parts, length);
}

/** SHA-256 of a source's plain bytes, streaming. */
export async function sha256Of(source: ByteSource): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of openByteStream(source)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** yauzl reads a sealed upload through this, decrypting the range it asks for. */
class SourceReader extends yauzl.RandomAccessReader {
  constructor(private readonly source: ByteSource) {
    super();
  }
  override _readStreamForRange(start: number, end: number): Readable {
    return openByteStream(this.source, start, end);
  }
}

/** A ZIP file's central directory, read from a source at any offset (a file, or a sealed upload). */
export function openZipSource(source: ByteSource, options: yauzl.Options): Promise<yauzl.ZipFile> {
  return new Promise<yauzl.ZipFile>((resolve, reject) => {
    const done = (error: Error | null, zip?: yauzl.ZipFile) => (error ? reject(error) : resolve(zip!));
    if (source.kind === 'file') yauzl.open(source.path, options, done);
    else yauzl.fromRandomAccessReader(new SourceReader(source), source.size, options, done);
  });
}
