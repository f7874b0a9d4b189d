/**
 * The fixture generator (test/fixtures) is deterministic and writes what it says it wrote:
 * checked here with independent readers (csv-parse, exceljs, yauzl, JSON.parse), so a
 * mistake in the generator cannot hide behind the importer it is meant to test.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHICAGO_TIMES,
  FLOCK_CSV_HEADER,
  REDACTION_MARKERS,
  flockRead,
  summaryOf,
  writeAllFixtures,
  writeFlockReadsCsv,
  type ExpectedRead,
  type Fixture,
  type SummaryOutcome,
} from '../fixtures/vendor-files';
import { removeTempFolders, tempFolder } from '../support/temp';

afterAll(removeTempFolders);

const BOMB = 8 * 1024 * 1024;

interface Parsed {
  record: string[];
  /** the line the record starts on */
  line: number;
}

/** Parse delimited text with csv-parse, giving each record the line it starts on. */
function parseCsv(text: string | Buffer, delimiter = ','): Parsed[] {
  const rows = parse(text, { info: true, relax_column_count: true, bom: true, delimiter }) as unknown as {
    record: string[];
    info: { lines: number };
  }[];
  let previousEnd = 0;
  return rows.map((r) => {
    const line = previousEnd + 1;
    previousEnd = r.info.lines;
    return { record: r.record, line };
  });
}

function zipEntries(file: string): Promise<Map<string, { compressed: number; uncompressed: number; data?: Buffer }>> {
  return new Promise((resolve, reject) => {
    // decodeStrings off: yauzl would refuse the traversal names this test wants to see
    yauzl.open(file, { lazyEntries: true, validateEntrySizes: false, decodeStrings: false }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'));
      const out = new Map<string, { compressed: number; uncompressed: number; data?: Buffer }>();
      zip.on('entry', (entry: yauzl.Entry) => {
        const info: { compressed: number; uncompressed: number; data?: Buffer } = {
          compressed: entry.compressedSize,
          uncompressed: entry.uncompressedSize,
        };
        out.set(Buffer.from(entry.fileName as unknown as Buffer).toString('utf8'), info);
        if (entry.uncompressedSize > 64 * 1024 * 1024) return zip.readEntry();
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error('no stream'));
          const parts: Buffer[] = [];
          stream.on('data', (c: Buffer) => parts.push(c));
          stream.on('end', () => {
            info.data = Buffer.concat(parts);
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Every file under `dir`, by relative path. XLSX files by their unzipped entries (their ZIP stamps the time). */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (full.endsWith('.xlsx')) {
        for (const [name, e] of await zipEntries(full)) out.set(`${path.relative(dir, full)}!${name}`, sha(e.data!));
      } else out.set(path.relative(dir, full), sha(fs.readFileSync(full)));
    }
  };
  await walk(dir);
  return out;
}
const sha = (data: Buffer) => crypto.createHash('sha256').update(data).digest('hex');

/** The expectations as comparable JSON (regular expressions by their source). */
const plain = (fixtures: Fixture[], dir: string) =>
  JSON.parse(
    JSON.stringify(
      fixtures.map((f) => ({ ...f, path: path.relative(dir, f.path) })),
      (_k, v: unknown) => (v instanceof RegExp ? v.source : v),
    ),
  ) as unknown;

describe('the fixture generator', () => {
  let dirA: string;
  let dirB: string;
  let fixtures: Fixture[];
  const byName = (name: string) => {
    const f = fixtures.find((x) => x.name === name);
    if (!f) throw new Error(`no fixture ${name}`);
    return f;
  };

  beforeAll(async () => {
    dirA = tempFolder('fixtures-a');
    dirB = tempFolder('fixtures-b');
    fixtures = await writeAllFixtures(dirA, { seed: 7, bombBytes: BOMB, absoluteTarget: '/tmp/custodian-evil/abs-evil.csv' });
    await writeAllFixtures(dirB, { seed: 7, bombBytes: BOMB, absoluteTarget: '/tmp/custodian-evil/abs-evil.csv' });
  });

  it('writes the same bytes and the same expectations for the same seed, and other bytes for another seed', async () => {
    const a = await snapshot(dirA);
    const b = await snapshot(dirB);
    expect(a.size).toBeGreaterThan(40);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    for (const [name, hash] of a) expect(b.get(name), name).toBe(hash);
    const again = await writeAllFixtures(tempFolder('fixtures-c'), {
      seed: 7,
      bombBytes: BOMB,
      absoluteTarget: '/tmp/custodian-evil/abs-evil.csv',
    });
    expect(plain(again, path.dirname(again[0]!.path))).toEqual(plain(fixtures, dirA));

    const otherDir = tempFolder('fixtures-d');
    await writeAllFixtures(otherDir, { seed: 8, bombBytes: BOMB });
    const other = await snapshot(otherDir);
    expect(other.get('flock-audit-14col.csv')).not.toBe(a.get('flock-audit-14col.csv'));
    expect(other.get('flock-reads.csv')).not.toBe(a.get('flock-reads.csv'));
  });

  it('names every fixture once, each with a file that exists and at least one outcome', () => {
    expect(new Set(fixtures.map((f) => f.name)).size).toBe(fixtures.length);
    for (const f of fixtures) {
      expect(fs.existsSync(f.path), f.name).toBe(true);
      expect(f.accept.length, f.name).toBeGreaterThan(0);
      for (const o of f.accept) {
        if (o.kind !== 'summary') continue;
        expect(o.imported + o.duplicates + o.rejected, `${f.name}: the accounting identity`).toBe(o.read);
        expect(o.rejects).toHaveLength(o.rejected);
        if (o.reads) expect(o.reads, `${f.name}: one expected read per imported row`).toHaveLength(o.imported);
      }
    }
  });

  it('CSV fixtures hold the rows and lines they claim (checked with csv-parse)', () => {
    for (const f of fixtures) {
      if (!f.path.endsWith('.csv') || f.accept[0]!.kind !== 'summary' || f.accept.length !== 1) continue;
      const o = summaryOf(f);
      const delimiter = typeof f.request.mapping?.delimiter === 'string' ? f.request.mapping.delimiter : ',';
      const headerless = f.name === 'flock-audit-headerless';
      const records = parseCsv(fs.readFileSync(f.path), delimiter).slice(headerless ? 0 : 1);
      expect(records.length, f.name).toBe(o.read);
      const atLine = new Map(records.map((r) => [r.line, r.record]));
      for (const reject of o.rejects)
        if (reject.line !== null) expect(atLine.has(reject.line), `${f.name}: a record starts on line ${reject.line}`).toBe(true);
      for (const read of o.reads ?? []) {
        const record = atLine.get(read.line!);
        expect(record, `${f.name}: line ${read.line}`).toBeDefined();
        expect(record![0]).toBe(read.vendorReadId);
        expect(record![1]).toBe(read.capturedText);
        expect(record![2]).toBe(read.plate);
        expect(record![6]).toBe(read.camera);
        expect(Number(record![4])).toBe(read.confidence);
      }
      for (const row of o.auditRows ?? []) expect(atLine.has(row.line), `${f.name}: line ${row.line}`).toBe(true);
      for (const row of o.eventRows ?? []) expect(atLine.get(row.line)?.[5], `${f.name}: line ${row.line}`).toBe(row.vendorEventId);
      for (const row of o.searchAuditRows ?? []) expect(atLine.get(row.line)?.[0]).toBe(row.vendorEntryId);
    }
  });

  it('Flock audit files carry every quirk of the formats page', () => {
    const all = fixtures.filter((f) => f.name.startsWith('flock-audit') && f.path.endsWith('.csv'));
    expect(all.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'flock-audit-14col',
        'flock-audit-13col',
        'flock-audit-11col',
        'flock-audit-no-org',
        'flock-audit-offense-type',
        'flock-audit-split-date',
        'flock-audit-headerless',
        'flock-audit-odd-headers',
        'flock-audit-two-line',
        'flock-audit-to',
      ]),
    );
    const header = (name: string) => parseCsv(fs.readFileSync(byName(name).path))[0]!.record;
    expect(header('flock-audit-14col')).toHaveLength(14);
    expect(header('flock-audit-13col')).toHaveLength(13);
    expect(header('flock-audit-13col')).not.toContain('Total Devices Searched');
    expect(header('flock-audit-11col')).toHaveLength(11);
    expect(header('flock-audit-no-org')).not.toContain('Org Name');
    expect(header('flock-audit-offense-type')).toContain('Offense Type');
    expect(header('flock-audit-split-date')).toEqual(expect.arrayContaining(['Search Date', 'Search Time']));
    expect(header('flock-audit-odd-headers').every((h) => h.startsWith(' '))).toBe(true);
    expect(header('flock-audit-headerless')).toHaveLength(11);
    expect(header('flock-audit-headerless')[0]).not.toBe('Name');

    const text = fs.readFileSync(byName('flock-audit-14col').path, 'utf8');
    for (const marker of REDACTION_MARKERS) expect(text, marker).toContain(`,${marker.includes(',') ? `"${marker}"` : marker},`);
    expect(text).toContain(',\u2014\u2014,');
    expect(text).toContain('Z*0028*');
    expect(text).toMatch(/"\d{1,2}\/\d{1,2}\/\d{4}, \d\d:\d\d:\d\d [AP]M UTC\n\d{1,2}\/\d{1,2}\/\d{4}, \d\d:\d\d:\d\d [AP]M UTC"/);
    expect(text).toMatch(/ UTC to \d/);
    expect(text).toMatch(/,"\d\/\d{1,2}\/\d{4}, \d\d:\d\d:\d\d [AP]M UTC",/); // unpadded month
    expect(text).toMatch(/,"\d{1,2}\/\d\/\d{4}, \d\d:\d\d:\d\d [AP]M UTC",/); // unpadded day
    const twoLine = fs.readFileSync(byName('flock-audit-two-line').path, 'utf8');
    expect(twoLine).not.toMatch(/ UTC to /);
    expect(fs.readFileSync(byName('flock-audit-to').path, 'utf8')).not.toMatch(/ UTC\n\d/);

    for (const f of all) {
      const rows = summaryOf(f).auditRows!;
      const ids = rows.map((r) => r.vendorEntryId).filter((id): id is string => id !== null);
      const repeated = ids.length - new Set(ids).size;
      if (f.name === 'flock-audit-headerless') expect(ids).toHaveLength(0);
      else {
        expect(repeated, `${f.name}: about 0.6 % repeated IDs`).toBeGreaterThanOrEqual(1);
        expect(repeated / ids.length).toBeLessThan(0.02);
        expect(rows.filter((r) => r.duplicateId).length).toBe(repeated * 2);
      }
      expect(rows.some((r) => r.withheld.length > 0)).toBe(true);
      expect(rows.some((r) => r.plateHasWildcard)).toBe(true);
    }
  });

  it('XLSX audits and event logs hold the rows they claim (checked with exceljs)', async () => {
    for (const f of fixtures.filter((x) => x.path.endsWith('.xlsx'))) {
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(f.path);
      const o = summaryOf(f);
      if (o.sheets) {
        // a workbook of several sheets: the sheets it names, in tab order, and the rows of those imported
        expect(
          book.worksheets.map((s) => s.name),
          f.name,
        ).toEqual(o.sheets.map((s) => s.name));
        for (const [i, want] of o.sheets.entries())
          if (want.format) expect(book.worksheets[i]!.actualRowCount - 1, `${f.name} ${want.name}`).toBe(want.read);
        continue;
      }
      const sheet = book.worksheets[0]!;
      expect(sheet.actualRowCount - 1, f.name).toBe(o.read);
      const rows = o.auditRows ?? o.eventRows ?? [];
      for (const row of rows) expect(sheet.getRow(row.line).cellCount, `${f.name} row ${row.line}`).toBeGreaterThan(0);
      const cells = sheet.getColumn(1).values.slice(2);
      if (o.eventRows) expect(cells.some((v) => v instanceof Date)).toBe(true);
    }
    const audit = summaryOf(byName('flock-audit-14col-xlsx'));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(byName('flock-audit-14col-xlsx').path);
    const frames = book.worksheets[0]!.getColumn(6).values.slice(2).map(String);
    expect(frames.some((v) => v.includes('\n'))).toBe(true);
    expect(audit.auditRows).toHaveLength(frames.length);
  });

  it('JSON and XML reads hold the entries they claim', () => {
    const json = (name: string) => JSON.parse(fs.readFileSync(byName(name).path, 'utf8')) as Record<string, unknown>[];
    expect(json('flock-reads-json')).toHaveLength(summaryOf(byName('flock-reads-json')).read);
    const flock = json('flock-reads-json');
    expect(flock.filter((r) => (r.plate as { value?: string }).value === undefined)).toHaveLength(1);
    expect(flock.some((r) => /\.\d{6}Z$/.test(String(r.capturedAt)))).toBe(true);
    expect(json('rekor-alpr-group')).toHaveLength(summaryOf(byName('rekor-alpr-group')).read);
    const results = json('rekor-alpr-results');
    expect(results.reduce((n, o) => n + (o.results as unknown[]).length, 0)).toBe(summaryOf(byName('rekor-alpr-results')).read);
    const xml = fs.readFileSync(byName('genetec-sharpv').path, 'utf8');
    expect(xml.match(/<AutoVu>/g)).toHaveLength(summaryOf(byName('genetec-sharpv')).read);
    expect(xml).toMatch(/<UTCDate>\d{4}:\d\d:\d\d<\/UTCDate>/);
    const png = Buffer.from(/<PlateImage>([^<]+)</.exec(xml)![1]!, 'base64');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const jpeg = Buffer.from(/<ContextImage>([^<]+)</.exec(xml)![1]!, 'base64');
    expect([jpeg[0], jpeg[1], jpeg.at(-2), jpeg.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);
  });

  it('bundles hold every image their data names', async () => {
    const zipped = await zipEntries(byName('bundle-csv-zip').path);
    const csv = parseCsv(zipped.get('reads.csv')!.data!);
    const named = csv
      .slice(1)
      .map((r) => r.record[13]!)
      .filter(Boolean);
    expect(named.length).toBe(summaryOf(byName('bundle-csv-zip')).images);
    for (const name of named) expect(zipped.has(name), name).toBe(true);

    const folder = byName('bundle-folder').path;
    const rows = parseCsv(fs.readFileSync(path.join(folder, 'reads.csv'))).slice(1);
    const images = rows.map((r) => r.record[13]!).filter(Boolean);
    expect(images.length).toBe(summaryOf(byName('bundle-folder')).images);
    for (const name of images) expect(fs.existsSync(path.join(folder, name)), name).toBe(true);

    const json = await zipEntries(byName('bundle-json-zip').path);
    const reads = JSON.parse(json.get('reads.json')!.data!.toString('utf8')) as { imageUrl?: string }[];
    const urls = reads.map((r) => r.imageUrl).filter((u): u is string => u !== undefined);
    expect(urls.length).toBe(summaryOf(byName('bundle-json-zip')).images);
    for (const url of urls) expect(json.has(url), url).toBe(true);
  });

  it('hostile ZIPs are what they say: traversal names, a thousand-to-one bomb, a 1 TiB claim', async () => {
    const traversal = await zipEntries(byName('zip-traversal').path);
    expect([...traversal.keys()]).toEqual(
      expect.arrayContaining(['../evil.csv', '/tmp/custodian-evil/abs-evil.csv', '..\\evil-windows.csv', 'images/../../evil-nested.csv']),
    );
    const bomb = [...(await zipEntries(byName('zip-bomb').path)).values()][0]!;
    expect(bomb.uncompressed).toBe(BOMB);
    expect(bomb.uncompressed / bomb.compressed).toBeGreaterThan(500);
    const claimed = [...(await zipEntries(byName('zip-claimed-huge').path)).values()][0]!;
    expect(claimed.uncompressed).toBe(2 ** 40);
    expect(claimed.compressed).toBeLessThan(4096);
  });

  it('the Chicago capture times are the right UTC instants (checked with Intl)', () => {
    const local = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'America/Chicago',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    for (const t of CHICAGO_TIMES) {
      expect(local.format(new Date(t.utc)).replace(',', ''), t.utc).toBe(t.local);
    }
    const us = summaryOf(byName('tz-chicago-us'));
    expect(us.reads!.map((r: ExpectedRead) => r.capturedAt)).toEqual(CHICAGO_TIMES.map((t) => t.utc));
  });

  it('malformed files are damaged the way they say', () => {
    const text = (name: string) => fs.readFileSync(byName(name).path);
    expect(text('bad-empty')).toHaveLength(0);
    expect(text('bad-bom').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(text('bad-crlf').toString('utf8').split('\r\n').length).toBe(27);
    expect(text('bad-header-only').toString('utf8').trim()).toBe(FLOCK_CSV_HEADER.join(','));
    expect(text('bad-binary').includes(0)).toBe(true);
    expect(text('bad-truncated').toString('utf8').endsWith('\n')).toBe(false);
    expect(() => parse(text('bad-unbalanced-quote'))).toThrow(/quote/i);
    expect(text('bad-huge-cell').length).toBeGreaterThan(10 * 1024 * 1024);
    expect(parseCsv(text('bad-duplicate-headers'))[0]!.record.filter((h) => h === 'plate')).toHaveLength(2);
    expect(parseCsv(text('bad-wrong-delimiter'))[0]!.record).toHaveLength(1);
    const dates = parseCsv(text('bad-feb30')).slice(1);
    expect(dates.map((r) => r.record[1])).toEqual(expect.arrayContaining(['2026-02-30T10:00:00Z', '2025-02-29T08:00:00Z']));
    const rejects = summaryOf(byName('bad-dates')).rejects;
    expect(rejects.every((r) => r.column === 'capturedAt')).toBe(true);
  });
});

describe('writeFlockReadsCsv (the large file, for the benchmark and the crash test)', () => {
  it('writes the rows, repeats and hash it reports, each row being flockRead(seed, n)', async () => {
    const file = path.join(tempFolder('large'), 'reads.csv');
    const result = await writeFlockReadsCsv(file, { rows: 20_000, seed: 3, duplicateEvery: 100, imageColumn: true });
    expect(result).toMatchObject({ rows: 20_000, read: 20_000, duplicates: 200, imported: 19_800, rejected: 0 });
    const bytes = fs.readFileSync(file);
    expect(result.bytes).toBe(bytes.length);
    expect(result.sha256).toBe(sha(bytes));
    const records = parseCsv(bytes);
    expect(records[0]!.record).toEqual([...FLOCK_CSV_HEADER, 'image']);
    const data = records.slice(1);
    expect(data).toHaveLength(20_000);
    expect(new Set(data.map((r) => r.record[0])).size).toBe(19_800);
    const read = flockRead(3, 1234);
    const row = data.find((r) => r.record[0] === read.id)!;
    expect(row.record.slice(1, 3)).toEqual([read.capturedAt, read.plate]);
    expect(row.record[13]).toBe(`images/${read.id}.jpg`);
    // times rise and the ids are unique even at millions (the index is in the id)
    expect(flockRead(3, 4_999_999).id.endsWith((4_999_999).toString(16).padStart(12, '0'))).toBe(true);
    expect(flockRead(3, 4_999_999).capturedAtMs).toBeLessThan(Date.parse('2026-11-01T00:00:00Z'));
  });

  it('writes a million rows in a few seconds', async () => {
    const file = path.join(tempFolder('million'), 'reads.csv');
    const started = Date.now();
    const result = await writeFlockReadsCsv(file, { rows: 1_000_000, seed: 5 });
    const ms = Date.now() - started;
    expect(result.rows).toBe(1_000_000);
    expect(fs.statSync(file).size).toBe(result.bytes);
    expect(ms).toBeLessThan(30_000);
    fs.rmSync(file);
  });
});

// keep the type import used when only some checks run
export type { SummaryOutcome };
