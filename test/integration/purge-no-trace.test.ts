/**
 * No trace remains (Policy 427.5): after the purge, the raw bytes of the database, its WAL
 * and the images folder hold none of the destroyed plates, and an image whose key was
 * destroyed cannot be decrypted.
 *
 * There is no unencrypted store to look into, so the test decrypts every page of the database
 * file and every frame of its WAL itself, with the master key opened from the keyring, checking
 * each page's HMAC (test/support/sqlcipher-pages.ts): free space, free-list pages and stale log
 * frames are looked at too, not only what SQL can see. The search index keeps plates as
 * trigrams of their OCR form, so its segments are read term by term, with the read ids each
 * term lists. The checker is proved first: before the purge it finds every plate.
 *
 * The destroyed reads come in one import with many reads that stay (an export spanning the
 * cut-off), so they share pages and search-index segments with live data. Their plates are
 * never searched for, opened or typed into any logged operation (the access log keeps, by
 * design, the plates people searched for and the reads they opened).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PurgeRun } from '../../src-main/contract/retention';
import { openImage } from '../../src-main/core/reads/images';
import { normalisePlate, ocrForm, trigrams } from '../../src-main/core/reads/plates';
import { csvRecord, FLOCK_CSV_HEADER, flockCsvCells, flockRead, flockReadsMapping } from '../fixtures/vendor-files';
import { ACCESS, importOk, importWorkspace } from '../support/import-support';
import { jpegOf } from '../support/read-rows';
import { decryptStore, fts5SegmentEntries, pagesContaining, plaintextImage, type DecryptedPage } from '../support/sqlcipher-pages';
import { filesContaining, masterKeyFromSlot, readEveryFile } from '../support/store-support';
import { COMMANDER, expectRefusal, openStore, removeTempFolders, tempFolder, type TestWorkspace } from '../support/workspace-fixtures';

afterAll(removeTempFolders);

const AS_OF = '2026-11-29T12:00:00.000Z';
const DAY = 86_400_000;
const before = (days: number) => new Date(Date.parse(AS_OF) - days * DAY).toISOString();

interface Plate {
  /** as the vendor wrote it: the store keeps it as written, and normalised */
  raw: string;
  image: boolean;
  at: string;
}

/** Past the period, not held: destroyed. Distinctive, so that no other byte of the store holds them by chance. */
const DESTROYED: Plate[] = [
  { raw: 'XJW V4X9Y', image: true, at: before(45) },
  { raw: 'WVKX-7YRJ', image: true, at: before(44) },
  { raw: 'KXJV-PYRW', image: false, at: before(43) },
];
/** Past the period, held for a case: kept. */
const HELD: Plate[] = [{ raw: 'KAVE 7793', image: true, at: before(45) }];
/** Within the period: kept. */
const YOUNG: Plate[] = [{ raw: 'HUMC3794', image: true, at: before(5) }];
const PLATES = [...DESTROYED, ...HELD, ...YOUNG];

/** Generated reads in the same import: within the period (they stay), and past it (destroyed, fewer than a tenth). */
const STAYING_READS = 3000;
const STAYING_SEED = 78;
const OLD_READS = 200;

const norm = (p: Plate) => normalisePlate(p.raw);
/** The forms a plate is stored in as text: as written and normalised. */
const storedForms = (p: Plate) => [...new Set([p.raw, norm(p)])];
/** The search index's terms for a plate: trigrams of its OCR form, folded to lower case by the trigram tokenizer. */
const indexTerms = (plate: string) => trigrams(ocrForm(normalisePlate(plate)).toLowerCase());

/** Every index term of a read that stays, from the seed and the kept plates. */
const keptTerms = new Set([
  ...[...HELD, ...YOUNG].flatMap((p) => indexTerms(p.raw)),
  ...Array.from({ length: STAYING_READS }, (_, i) => indexTerms(flockRead(STAYING_SEED, i).plate)).flat(),
]);
/** A destroyed plate's index terms that no read that stays has: any of them left in the index is a trace of it. */
const ownTerms = (p: Plate) => indexTerms(p.raw).filter((t) => !keptTerms.has(t));

let w: TestWorkspace;
let token: string;

/** The plates as a Flock-style CSV with their images, spread among the generated reads, in a folder of its own. */
function writeImport(folder: string): string {
  fs.mkdirSync(folder, { recursive: true });
  const lines = [csvRecord([...FLOCK_CSV_HEADER, 'image'])];
  const plateEvery = Math.floor(STAYING_READS / PLATES.length);
  const oldEvery = Math.floor(STAYING_READS / OLD_READS);
  for (let i = 0; i < STAYING_READS; i++) {
    const p = i % plateEvery === 0 ? PLATES[i / plateEvery] : undefined;
    if (p) {
      const id = `plate-${i}`;
      if (p.image) fs.writeFileSync(path.join(folder, `${id}.jpg`), jpegOf(norm(p)));
      const cells = [id, p.at, p.raw, 'CA', '0.97', 'dev-1', 'Main St NB', '37.1', '-122.1', 'Toyota', 'Camry', 'white', 'north'];
      lines.push(csvRecord([...cells, p.image ? `${id}.jpg` : '']));
    }
    if (i % oldEvery === 0) lines.push(csvRecord([...flockCsvCells(flockRead(79, i / oldEvery, { start: Date.parse(before(40)) })), '']));
    lines.push(csvRecord([...flockCsvCells(flockRead(STAYING_SEED, i, { start: Date.parse(before(10)) })), '']));
  }
  fs.writeFileSync(path.join(folder, 'reads.csv'), lines.join(''));
  return folder;
}

const readIdOf = (p: Plate) =>
  openStore(w.ws).prepare('SELECT id FROM plate_reads WHERE plate_raw = ?').pluck().get(p.raw) as number | undefined;

interface ImageRow {
  read_id: number;
  file: string;
  key: Buffer;
  nonce: Buffer;
  tag: Buffer;
}
const imagesOf = (p: Plate) =>
  openStore(w.ws)
    .prepare(
      'SELECT m.read_id, m.file, m.key, m.nonce, m.tag FROM read_images m JOIN plate_reads r ON r.id = m.read_id WHERE r.plate_raw = ?',
    )
    .all(p.raw) as ImageRow[];

/** The master key, the long way: the commander's slot in keyring.json opened with the password (the store is not asked). */
const masterKey = () => masterKeyFromSlot({ ...w, files: w.ws.files }, COMMANDER.username, COMMANDER.password);

/** Every decrypted page of the store as it is on disk now, the WAL's frames (stale ones too) included. */
function storePages(): DecryptedPage[] {
  const { db, wal } = decryptStore(w.ws.files.database, masterKey());
  return [...db, ...wal.pages];
}

/** Where each stored form of each plate occurs in the decrypted pages (the plates found only). */
function whereFound(pages: readonly DecryptedPage[], plates: readonly Plate[]): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const form of plates.flatMap(storedForms)) {
    const where = pagesContaining(pages, form);
    if (where.length) found[form] = where;
  }
  return found;
}

/** The search index's segments as the decrypted store holds them: term → the read ids it lists. */
function indexEntries(): Map<string, number[]> {
  const image = plaintextImage(w.ws.files.database, masterKey());
  try {
    return fts5SegmentEntries(image, 'plate_search');
  } finally {
    image.close();
  }
}

/**
 * What the index still says of destroyed reads: each own term of a destroyed plate left in it
 * ("XJWV4X9Y: xjw lists 17"), and how many destroyed reads some term still lists.
 */
function tracesInIndex(entries: Map<string, number[]>): { ownTerms: string[]; destroyedReadsListed: number } {
  const listed = new Set([...entries.values()].flat());
  return {
    ownTerms: DESTROYED.flatMap((p) =>
      ownTerms(p)
        .filter((t) => entries.has(t))
        .map((t) => `${norm(p)}: ${t} lists ${entries.get(t)!.join(', ')}`),
    ),
    destroyedReadsListed: [...destroyedReads.keys()].filter((id) => listed.has(id)).length,
  };
}

/** The destroyed reads (id → its distinctive plate, or null for a generated one), known before the purge. */
const destroyedReads = new Map<number, Plate | null>();
/** The destroyed plates' images, set aside (file bytes and key row) before the purge. */
let setAside: (ImageRow & { bytes: Buffer; plate: string })[] = [];
let run: PurgeRun;

beforeAll(async () => {
  ({ w, token } = importWorkspace('purge-no-trace'));
  const summary = await importOk(w.ws, token, writeImport(path.join(tempFolder('purge-no-trace-files'), 'export')), {
    vendor: 'csv',
    mapping: flockReadsMapping({ image: true }),
    timezone: 'UTC',
  });
  expect(summary).toMatchObject({ imported: STAYING_READS + OLD_READS + PLATES.length, rejected: 0 });
  w.ws.call(token, 'case.create', { number: '26-3001', title: 'Vehicle of interest', type: 'Robbery', lead: 'Det. A. Cruz' });
  w.ws.call(token, 'hold.place', { caseNumber: '26-3001', reason: 'evidence', readIds: HELD.map((p) => readIdOf(p)!) });
  const db = openStore(w.ws);
  for (const id of db
    .prepare('SELECT id FROM plate_reads WHERE captured_at < ?')
    .pluck()
    .all(Date.parse(before(30))) as number[])
    destroyedReads.set(id, null);
  for (const p of HELD) destroyedReads.delete(readIdOf(p)!);
  for (const p of DESTROYED) destroyedReads.set(readIdOf(p)!, p);
});
afterAll(() => w?.ws.close());

describe('before the purge, the checker finds what is there', () => {
  it('the plates are distinctive: each destroyed plate has search-index terms of its own, shared with no read that stays', () => {
    for (const p of DESTROYED) expect(ownTerms(p).length, `${p.raw}: ${ownTerms(p).join(' ')}`).toBeGreaterThanOrEqual(4);
    expect(destroyedReads.size).toBe(OLD_READS + DESTROYED.length);
  });

  it('the decrypted pages of the database and the WAL hold every plate, as written and normalised', () => {
    // the HMAC of every page is checked: another key decrypts nothing
    expect(() => decryptStore(w.ws.files.database, crypto.randomBytes(32))).toThrow(/HMAC does not check/);
    const pages = storePages();
    expect(pages.filter((p) => !p.blank).length).toBeGreaterThan(50);
    for (const form of PLATES.flatMap(storedForms)) expect(pagesContaining(pages, form), `${form} in the decrypted store`).not.toEqual([]);
  });

  it("the search index's segments hold every plate's trigrams, listing the read ids", () => {
    const entries = indexEntries();
    for (const p of PLATES)
      expect(
        indexTerms(p.raw).filter((t) => !entries.has(t)),
        p.raw,
      ).toEqual([]);
    for (const p of DESTROYED) for (const t of ownTerms(p)) expect(entries.get(t), `${p.raw}: ${t}`).toEqual([readIdOf(p)]);
    // every destroyed read is listed under some term: the checker would see any left behind
    const traces = tracesInIndex(entries);
    expect(traces.ownTerms).toHaveLength(DESTROYED.flatMap(ownTerms).length);
    expect(traces.destroyedReadsListed).toBe(destroyedReads.size);
  });

  it('the raw files hold no plate at all: the database, its WAL and the images are encrypted', () => {
    const everything = readEveryFile(w.dir);
    expect([...everything.keys()].filter((f) => f.endsWith('.img'))).toHaveLength(PLATES.filter((p) => p.image).length);
    for (const form of PLATES.flatMap(storedForms)) expect(filesContaining(everything, form), form).toEqual([]);
  });

  it("each destroyed plate's image opens with its key row; the files and key rows are set aside", () => {
    const imagesRoot = w.ws.files.images;
    setAside = DESTROYED.filter((p) => p.image).flatMap((p) =>
      imagesOf(p).map((row) => ({ ...row, plate: norm(p), bytes: fs.readFileSync(path.join(imagesRoot, row.file)) })),
    );
    expect(setAside).toHaveLength(DESTROYED.filter((p) => p.image).length);
    for (const image of setAside) expect(openImage(imagesRoot, image).toString('latin1')).toContain(`image of ${image.plate}`);
  });
});

describe('after the purge, no trace remains', () => {
  beforeAll(async () => {
    run = (await w.ws.startJob(token, 'purge.run', { asOf: AS_OF }, undefined, {
      signal: new AbortController().signal,
      onProgress: () => {},
    })) as PurgeRun;
  });

  it('destroyed the reads past the period and kept the held and young ones', () => {
    expect(run).toMatchObject({
      status: 'finished',
      destroyed: { reads: destroyedReads.size, images: setAside.length, searchIndexRows: destroyedReads.size },
    });
    for (const p of DESTROYED) expect(readIdOf(p), p.raw).toBeUndefined();
    for (const p of [...HELD, ...YOUNG]) expect(readIdOf(p), p.raw).toBeDefined();
  });

  it('no decrypted page of the database or the WAL holds a destroyed plate; the kept ones are still there', () => {
    const pages = storePages();
    expect(whereFound(pages, DESTROYED)).toEqual({});
    for (const form of [...HELD, ...YOUNG].flatMap(storedForms)) expect(pagesContaining(pages, form), form).not.toEqual([]);
  });

  it("the search index's segments hold no trigram of a destroyed plate and list no destroyed read; the kept plates' are there", () => {
    const entries = indexEntries();
    expect(tracesInIndex(entries)).toEqual({ ownTerms: [], destroyedReadsListed: 0 });
    for (const p of [...HELD, ...YOUNG])
      expect(
        indexTerms(p.raw).filter((t) => !entries.has(t)),
        p.raw,
      ).toEqual([]);
  });

  it("the destroyed images' files are gone and no file of the workspace holds a plate", () => {
    for (const image of setAside) expect(fs.existsSync(path.join(w.ws.files.images, image.file)), image.file).toBe(false);
    const everything = readEveryFile(w.dir);
    expect([...everything.keys()].filter((f) => f.endsWith('.img'))).toHaveLength([...HELD, ...YOUNG].filter((p) => p.image).length);
    for (const form of PLATES.flatMap(storedForms)) expect(filesContaining(everything, form), form).toEqual([]);
  });

  it('an image set aside before the purge cannot be opened: its key row is gone, and no key the store has opens it', () => {
    const db = openStore(w.ws);
    const restored = tempFolder('purge-no-trace-restored');
    const keys = db.prepare('SELECT key, nonce, tag FROM read_images WHERE key IS NOT NULL').all() as Omit<ImageRow, 'read_id' | 'file'>[];
    expect(keys).toHaveLength([...HELD, ...YOUNG].filter((p) => p.image).length);
    for (const image of setAside) {
      expect(db.prepare('SELECT count(*) FROM read_images WHERE file = ? OR read_id = ?').pluck().get(image.file, image.read_id)).toBe(0);
      expectRefusal(() => w.ws.call(token, 'search.read', { readId: image.read_id }, ACCESS), { kind: 'not-found', code: 'no-such-read' });
      // the file put back in an images folder: every key the store still has fails on it
      fs.mkdirSync(path.dirname(path.join(restored, image.file)), { recursive: true });
      fs.writeFileSync(path.join(restored, image.file), image.bytes);
      for (const key of keys) expect(() => openImage(restored, { ...key, file: image.file })).toThrow();
      // only its own key, which the test kept, would open it: without that key the file is noise
      expect(openImage(restored, image).toString('latin1')).toContain(`image of ${image.plate}`);
    }
  });

  it('after the store closes (the WAL folded in and removed), the database file holds no destroyed plate either', () => {
    w.ws.close();
    expect(fs.existsSync(`${w.ws.files.database}-wal`)).toBe(false);
    const { db, wal } = decryptStore(w.ws.files.database, masterKey());
    expect(wal.pages).toEqual([]);
    expect(whereFound(db, DESTROYED)).toEqual({});
    expect(Object.keys(whereFound(db, [...HELD, ...YOUNG]))).toEqual([...HELD, ...YOUNG].flatMap(storedForms));
  });
});
