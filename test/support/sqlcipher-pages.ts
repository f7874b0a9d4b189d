/**
 * Read a Custodian store the hard way: decrypt every page of the database file and of its
 * write-ahead log with the master key, independently of SQLCipher, so a test can look at
 * every byte the store holds (live rows, free space, free-list pages, stale WAL frames).
 *
 * SQLCipher 4 defaults with a raw 32-byte key (store/database.ts): pages of 4096 bytes, each
 * ending in 80 reserved bytes (a 16-byte IV, then a 64-byte HMAC-SHA512); AES-256-CBC with
 * the raw key itself (no key derivation); page 1 begins with the file's 16-byte salt, in
 * the clear. The HMAC key is PBKDF2-HMAC-SHA512(key, salt XOR 0x3a, 2 iterations, 32 bytes);
 * the HMAC covers the page's ciphertext, its IV and its page number (uint32, little-endian).
 * A page whose HMAC checks was decrypted with the right key: that is what makes a search
 * of the plaintext for "nothing there" mean something.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../../src-main/core/store/database';

export const PAGE_SIZE = 4096;
const SALT_BYTES = 16;
const IV_BYTES = 16;
const HMAC_BYTES = 64;
const RESERVE = IV_BYTES + HMAC_BYTES;
const WAL_HEADER_BYTES = 32;
const WAL_FRAME_HEADER_BYTES = 24;
const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface DecryptedPage {
  /** where the page came from: "db" (the database file) or "wal" (a frame of the write-ahead log) */
  source: 'db' | 'wal';
  pgno: number;
  /** the WAL frame's index (0-based), for a page read from the log */
  frame?: number;
  /** a WAL frame's "database size after commit" (pages): not 0 on the frame that ends a transaction */
  commitSize?: number;
  /** the page in the clear: 4096 bytes; page 1's first 16 bytes are SQLite's header string, not the salt */
  data: Buffer;
  /** an all-zero page (never written, or zeroed): nothing to decrypt */
  blank: boolean;
}

function hmacKey(key: Buffer, salt: Buffer): Buffer {
  const hmacSalt = Buffer.from(salt.map((b) => b ^ 0x3a));
  return crypto.pbkdf2Sync(key, hmacSalt, 2, 32, 'sha512');
}

/** Decrypt one encrypted page; throws when its HMAC does not check (wrong key, wrong page number, altered bytes). */
function decryptPage(raw: Buffer, pgno: number, key: Buffer, macKey: Buffer): Buffer {
  const offset = pgno === 1 ? SALT_BYTES : 0;
  const cipherEnd = PAGE_SIZE - RESERVE;
  const iv = raw.subarray(cipherEnd, cipherEnd + IV_BYTES);
  const stored = raw.subarray(cipherEnd + IV_BYTES, PAGE_SIZE);
  const pageNumber = Buffer.alloc(4);
  pageNumber.writeUInt32LE(pgno);
  const mac = crypto
    .createHmac('sha512', macKey)
    .update(raw.subarray(offset, cipherEnd + IV_BYTES))
    .update(pageNumber)
    .digest();
  if (!crypto.timingSafeEqual(mac, stored)) throw new Error(`page ${pgno}: the HMAC does not check (not this key, or not this page)`);
  const decipher = crypto.createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(raw.subarray(offset, cipherEnd)), decipher.final()]);
  const page = Buffer.alloc(PAGE_SIZE);
  if (pgno === 1) SQLITE_HEADER.copy(page);
  plain.copy(page, offset);
  // the reserved bytes stay as they are on disk (IV and HMAC): not content
  raw.copy(page, cipherEnd, cipherEnd);
  return page;
}

const isBlank = (bytes: Buffer) => bytes.every((b) => b === 0);

/** The salt of a database file: the first 16 bytes of page 1. */
export function databaseSalt(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const salt = Buffer.alloc(SALT_BYTES);
    fs.readSync(fd, salt, 0, SALT_BYTES, 0);
    return salt;
  } finally {
    fs.closeSync(fd);
  }
}

/** Every page of a database file, decrypted and HMAC-checked (all-zero pages are reported as blank). */
export function decryptDatabaseFile(file: string, key: Buffer): DecryptedPage[] {
  const bytes = fs.readFileSync(file);
  if (bytes.length % PAGE_SIZE !== 0) throw new Error(`${file}: ${bytes.length} bytes is not a whole number of pages`);
  const salt = bytes.subarray(0, SALT_BYTES);
  const macKey = hmacKey(key, salt);
  const pages: DecryptedPage[] = [];
  for (let at = 0, pgno = 1; at < bytes.length; at += PAGE_SIZE, pgno++) {
    const raw = bytes.subarray(at, at + PAGE_SIZE);
    if (pgno > 1 && isBlank(raw)) pages.push({ source: 'db', pgno, data: Buffer.from(raw), blank: true });
    else pages.push({ source: 'db', pgno, data: decryptPage(raw, pgno, key, macKey), blank: false });
  }
  return pages;
}

export interface WalFrames {
  /** every frame in the file, stale ones (of an earlier log generation, past the valid end) included */
  pages: DecryptedPage[];
  /** frames whose salts match the log's header: the ones SQLite would read */
  current: number;
}

/**
 * Every frame of a write-ahead log, decrypted and HMAC-checked, under the database file's salt.
 * A log that does not exist or is empty has no frames. Trailing bytes short of a frame are ignored,
 * as SQLite ignores them.
 */
export function decryptWalFile(file: string, databaseFile: string, key: Buffer): WalFrames {
  if (!fs.existsSync(file)) return { pages: [], current: 0 };
  const bytes = fs.readFileSync(file);
  if (bytes.length < WAL_HEADER_BYTES) return { pages: [], current: 0 };
  const macKey = hmacKey(key, databaseSalt(databaseFile));
  const salts = bytes.subarray(16, 24);
  const pages: DecryptedPage[] = [];
  let current = 0;
  let stillCurrent = true;
  const frameBytes = WAL_FRAME_HEADER_BYTES + PAGE_SIZE;
  for (let at = WAL_HEADER_BYTES, frame = 0; at + frameBytes <= bytes.length; at += frameBytes, frame++) {
    const header = bytes.subarray(at, at + WAL_FRAME_HEADER_BYTES);
    const raw = bytes.subarray(at + WAL_FRAME_HEADER_BYTES, at + frameBytes);
    const pgno = header.readUInt32BE(0);
    const commitSize = header.readUInt32BE(4);
    if (stillCurrent && header.subarray(8, 16).equals(salts)) current++;
    else stillCurrent = false;
    if (pgno === 0 || isBlank(raw)) pages.push({ source: 'wal', pgno, frame, commitSize, data: Buffer.from(raw), blank: true });
    else pages.push({ source: 'wal', pgno, frame, commitSize, data: decryptPage(raw, pgno, key, macKey), blank: false });
  }
  return { pages, current };
}

/** The database file's pages and its log's frames, all decrypted: every byte the store holds. */
export function decryptStore(databaseFile: string, key: Buffer): { db: DecryptedPage[]; wal: WalFrames } {
  return { db: decryptDatabaseFile(databaseFile, key), wal: decryptWalFile(`${databaseFile}-wal`, databaseFile, key) };
}

/** Where `text` occurs (as UTF-8 or UTF-16LE) in the pages: "db page 12", "wal frame 3 (page 12)". */
export function pagesContaining(pages: readonly DecryptedPage[], text: string): string[] {
  const needles = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')];
  return pages
    .filter((page) => needles.some((needle) => page.data.includes(needle)))
    .map((page) => (page.source === 'db' ? `db page ${page.pgno}` : `wal frame ${page.frame} (page ${page.pgno})`));
}

/**
 * The database as SQLite would read it (the file's pages with the log's current frames applied),
 * opened in memory without encryption: the plaintext never touches the disk. Read-only use.
 */
export function plaintextImage(databaseFile: string, key: Buffer): Db {
  const { db, wal } = decryptStore(databaseFile, key);
  const pages = new Map<number, Buffer>(db.map((page) => [page.pgno, page.data]));
  let size = db.length;
  // the log's current frames, up to the last one that ends a transaction
  const current = wal.pages.slice(0, wal.current);
  const committed = current.findLastIndex((frame) => (frame.commitSize ?? 0) > 0) + 1;
  for (const frame of current.slice(0, committed)) pages.set(frame.pgno, frame.data);
  if (committed > 0) size = current[committed - 1]!.commitSize!;
  const image = Buffer.alloc(size * PAGE_SIZE);
  for (let pgno = 1; pgno <= size; pgno++) pages.get(pgno)?.copy(image, (pgno - 1) * PAGE_SIZE);
  // a file in WAL mode says so in its header (bytes 18 and 19 = 2); a database in memory cannot be
  image[18] = 1;
  image[19] = 1;
  return new Database(image, { readonly: true });
}

// ---------------------------------------------------------------------------
// FTS5: the terms an index's segments hold
// ---------------------------------------------------------------------------

/** A SQLite varint at `at`: its value and where the next field starts. */
export function varint(bytes: Buffer, at: number): [value: number, next: number] {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const b = bytes[at + i]!;
    if (i === 8) return [value * 256 + b, at + 9];
    value = value * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) return [value, at + i + 1];
  }
  throw new Error('unreachable');
}

/** An FTS5 leaf page's index of where its terms start (the varint deltas after `szLeaf`). */
export function leafTermOffsets(block: Buffer, szLeaf: number): number[] {
  const offsets: number[] = [];
  for (let at = szLeaf, offset = 0; at < block.length;) {
    const [delta, next] = varint(block, at);
    at = next;
    offset += delta;
    offsets.push(offset);
  }
  return offsets;
}

/**
 * Every term stored in the leaf pages of an FTS5 table's segments (`<table>_data`), with the
 * rowids its doclist lists on that page, whatever the tombstones say: what a deleted row put
 * there stays until its segment is merged away. For a table with detail=none. Leaf pages are
 * the rows whose id has height 0 and no doclist-index flag; a leaf's footer lists the offsets
 * of its terms, the first term whole, the others prefix-compressed against the one before;
 * each term is followed by its doclist: a rowid, then rowid deltas, each perhaps followed by
 * one or two 0x00 marker bytes. Terms are returned without FTS5's leading index byte ("0").
 * A doclist that runs on to the next leaf is read only as far as its first page.
 */
export function fts5SegmentEntries(db: Db, table: string): Map<string, number[]> {
  const rows = db.prepare(`SELECT id, block FROM "${table}_data"`).safeIntegers(true).all() as { id: bigint; block: Buffer }[];
  const entries = new Map<string, number[]>();
  for (const { id, block } of rows) {
    const segment = id >> 37n;
    const dlidx = (id >> 36n) & 1n;
    const height = (id >> 31n) & 0x1fn;
    // 1 is the structure record, 10 the averages; segment ids above 65535 are tombstone pages
    if (segment < 1n || segment > 0xffffn || dlidx !== 0n || height !== 0n) continue;
    const szLeaf = block.readUInt16BE(2);
    const offsets = leafTermOffsets(block, szLeaf);
    let previous: Buffer = Buffer.alloc(0);
    offsets.forEach((offset, i) => {
      let term: Buffer;
      let doclist: number;
      if (i === 0) {
        const [n, start] = varint(block, offset);
        term = block.subarray(start, start + n);
        doclist = start + n;
      } else {
        const [prefix, afterPrefix] = varint(block, offset);
        const [n, start] = varint(block, afterPrefix);
        term = Buffer.concat([previous.subarray(0, prefix), block.subarray(start, start + n)]);
        doclist = start + n;
      }
      previous = term;
      const end = offsets[i + 1] ?? szLeaf;
      const rowids: number[] = [];
      for (let at = doclist, rowid = 0; at < end;) {
        const [value, next] = varint(block, at);
        rowid = rowids.length === 0 ? value : rowid + value;
        rowids.push(rowid);
        at = next;
        if (block[at] === 0 && at < end) at++;
        if (block[at] === 0 && at < end) at++;
      }
      const key = term.subarray(1).toString('utf8');
      entries.set(key, [...(entries.get(key) ?? []), ...rowids]);
    });
  }
  return entries;
}
