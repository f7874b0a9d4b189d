/**
 * What the import pipeline promises about the store, through the real gate and the real
 * worker thread on real encrypted workspaces: rows stay invisible until their import
 * commits, the app keeps answering while an import runs, one import at a time, cancel and
 * a dead process leave nothing, a natural-key hash collision never loses a read, images
 * and uploads are sealed on disk.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../src-main/contract/imports';
import type { JobProgress } from '../../src-main/contract/transport';
import type { JobControl } from '../../src-main/core/gate/dispatcher';
import { dedupeHash, plateReadKey } from '../../src-main/core/reads/dedupe';
import { openImage } from '../../src-main/core/reads/images';
import { writeCsvZipBundle } from '../fixtures/bundles';
import { FLOCK_READS_MAPPING, flockRead, writeFlockReadsCsv } from '../fixtures/plate-reads';
import { allEntries, COMMANDER, openStore, removeTempFolders, signIn, tempFolder, type TestWorkspace } from '../support/workspace-fixtures';
import { importWorkspace } from '../support/import-support';
import { custodianErrorFrom } from '../support/store-support';

afterAll(removeTempFolders);

let w: TestWorkspace;
let token: string;
beforeEach(() => {
  // After the generated capture times (October–November 2026), which are refused if in the future;
  // the commander's training recorded, since importing handles ALPR data (427.4(d)).
  ({ w, token } = importWorkspace('import-store'));
});
afterEach(() => w.ws.close());

const quiet = (onProgress: (p: JobProgress) => void = () => {}, signal = new AbortController().signal): JobControl => ({
  signal,
  onProgress,
});

async function importCsv(file: string, mapping: unknown, control: JobControl = quiet()): Promise<ImportSummary> {
  return (await w.ws.startJob(
    token,
    'import.run',
    { source: { path: file }, vendor: 'csv', mapping, timezone: 'UTC' },
    undefined,
    control,
  )) as ImportSummary;
}

const rawCount = (table: string) => openStore(w.ws).prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const visibleReads = () => openStore(w.ws).prepare('SELECT count(*) FROM committed_reads').pluck().get() as number;

async function readsCsv(rows: number, seed = 7) {
  const file = path.join(tempFolder('import-csv'), `reads-${rows}.csv`);
  return writeFlockReadsCsv(file, { rows, seed });
}

describe('an import in progress', () => {
  it('keeps its rows invisible until it commits, while the app goes on answering', async () => {
    const csv = await readsCsv(120_000);
    const seenWhileRunning: Array<{ status: string; visible: number; written: number }> = [];
    const summary = await importCsv(
      csv.file,
      csv.mapping,
      quiet(() => {
        // Other calls through the gate are answered between the worker's reports.
        const [record] = w.ws.call(token, 'import.list', { limit: 1 });
        if (record) seenWhileRunning.push({ status: record.status, visible: visibleReads(), written: rawCount('plate_reads') });
      }),
    );
    const mid = seenWhileRunning.filter((s) => s.written > 0);
    expect(mid.length).toBeGreaterThan(0);
    for (const s of mid) expect(s).toMatchObject({ status: 'running', visible: 0 });
    expect(summary).toMatchObject({ status: 'committed', read: 120_000, imported: 120_000, duplicates: 0, rejected: 0 });
    expect(visibleReads()).toBe(120_000);
  });

  it('is the only one: a second import waits its turn with a clear refusal', async () => {
    const big = await readsCsv(150_000);
    const small = await readsCsv(10, 9);
    let second: Promise<unknown> | undefined;
    await importCsv(
      big.file,
      big.mapping,
      quiet(() => {
        second ??= importCsv(small.file, small.mapping).then(
          () => 'imported',
          (error: Error) => error,
        );
      }),
    );
    const refusal = (await second) as { code: string; message: string };
    expect(refusal.code).toBe('import-running');
    expect(refusal.message).toMatch(/Another import is running \(reads-150000\.csv/);
    expect(visibleReads()).toBe(150_000);
  });

  it('cancelled, leaves nothing: no rows, no rejects, a record that says who cancelled, an access-log entry', async () => {
    const csv = await readsCsv(200_000);
    const abort = new AbortController();
    const error = await importCsv(
      csv.file,
      csv.mapping,
      quiet((p) => {
        if (p.done > 0) abort.abort();
      }, abort.signal),
    ).then(
      () => undefined,
      (e: Error & { code: string }) => e,
    );
    expect(error?.code).toBe('cancelled');
    expect(rawCount('plate_reads')).toBe(0);
    expect(rawCount('import_rejects')).toBe(0);
    const [record] = w.ws.call(token, 'import.list', {});
    expect(record).toMatchObject({
      sha256: crypto.createHash('sha256').update(fs.readFileSync(csv.file)).digest('hex'),
      status: 'cancelled',
      read: 0,
      imported: 0,
      error: `Cancelled by ${COMMANDER.fullName}; nothing from it was kept.`,
    });
    expect(allEntries(w.ws).findLast((e) => e.operation === 'import.run')).toMatchObject({
      operation: 'import.run',
      outcome: 'error',
      reason: expect.stringContaining(`cancelled by ${COMMANDER.fullName}`),
    });

    // The same file then imports whole.
    expect(await importCsv(csv.file, csv.mapping)).toMatchObject({ read: 200_000, imported: 200_000 });
  });
});

describe('an import whose process died', () => {
  it('is marked interrupted when the store opens, logged, and its rows are cleared before the next import', async () => {
    const db = openStore(w.ws);
    const importId = Number(
      db
        .prepare(
          `INSERT INTO imports(file_name, size, sha256, format, detection, target, timezone, status, owner, started_at, account_id, imported_by)
           VALUES ('dead.csv', 1, '', 'csv', 'd', 'plate-reads', 'UTC', 'running', ?, ?, 1, 'Pat Parsons (cmdr)')`,
        )
        .run(`${os.hostname()} 2147483646`, w.clock.now().toISOString()).lastInsertRowid,
    );
    const r = flockRead(3, 0);
    const key = plateReadKey(FLOCK_READS_MAPPING.vendor, r.id, r.plate, r.capturedAtMs, null);
    db.prepare(
      `INSERT INTO plate_reads(import_id, source_line, dedupe_hash, vendor, vendor_read_id, plate_raw, plate_norm, captured_at, captured_text, camera)
       VALUES (?, 2, ?, 'flock', ?, ?, ?, ?, ?, ?)`,
    ).run(importId, dedupeHash(key), r.id, r.plate, r.plate, r.capturedAtMs, r.capturedAt, r.device.id);
    expect(visibleReads()).toBe(0);

    // Everyone signs out and the store closes; the next sign-in opens it again.
    w.ws.call(token, 'session.signOut', {});
    token = signIn(w.ws, COMMANDER);
    const record = w.ws.call(token, 'import.get', { importId });
    expect(record).toMatchObject({ status: 'interrupted', error: expect.stringMatching(/stopped while this import was running/) });
    expect(allEntries(w.ws).find((e) => e.operation === 'import.interrupted')).toMatchObject({ outcome: 'error', objects: { importId } });

    // The dead import's row held the natural key: the next import must not count it a duplicate.
    const file = path.join(tempFolder('import-dead'), 'one.csv');
    const written = await writeFlockReadsCsv(file, { rows: 1, seed: 3 });
    expect(await importCsv(file, written.mapping)).toMatchObject({ read: 1, imported: 1, duplicates: 0 });
    expect(openStore(w.ws).prepare('SELECT count(*) FROM plate_reads WHERE import_id = ?').pluck().get(importId)).toBe(0);
  });
});

describe('an import whose person signs out while it runs', () => {
  it('finishes with its access-log entry; the store closes after it', async () => {
    const csv = await readsCsv(150_000, 12);
    let openAfterSignOut: boolean | undefined;
    const summary = await importCsv(
      csv.file,
      csv.mapping,
      quiet((p) => {
        // The last person signs out while the import runs.
        if (p.done > 0 && w.ws.sessions.peek(token)) {
          w.ws.call(token, 'session.signOut', {});
          openAfterSignOut = w.ws.database() !== undefined;
        }
      }),
    );
    expect(openAfterSignOut).toBe(true);
    expect(summary).toMatchObject({ status: 'committed', read: 150_000, imported: 150_000 });
    expect(w.ws.database()).toBeUndefined();
    token = signIn(w.ws, COMMANDER);
    const run = allEntries(w.ws).findLast((e) => e.operation === 'import.run');
    expect(run).toMatchObject({ username: COMMANDER.username, outcome: 'ok' });
    const signOut = allEntries(w.ws).find((e) => e.operation === 'session.signOut');
    expect(run!.seq).toBeGreaterThan(signOut!.seq);
  });
});

describe('no read twice, and no read lost', () => {
  it('stores a read whose natural-key hash another read already holds, under the next probe', async () => {
    const file = path.join(tempFolder('import-collide'), 'one.csv');
    const written = await writeFlockReadsCsv(file, { rows: 1, seed: 11 });
    const r = flockRead(11, 0);
    const key = plateReadKey(FLOCK_READS_MAPPING.vendor, r.id, r.plate, r.capturedAtMs, null);
    const hash = dedupeHash(key);
    // Another read (a different key) already sits under that hash, in a committed import.
    const db = openStore(w.ws);
    const other = Number(
      db
        .prepare(
          `INSERT INTO imports(file_name, size, sha256, format, detection, target, timezone, status, started_at, account_id, imported_by, rows_read, imported)
           VALUES ('other.csv', 1, 'x', 'csv', 'd', 'plate-reads', 'UTC', 'committed', ?, 1, 'Pat Parsons (cmdr)', 1, 1)`,
        )
        .run(w.clock.now().toISOString()).lastInsertRowid,
    );
    db.prepare(
      `INSERT INTO plate_reads(import_id, source_line, dedupe_hash, vendor, vendor_read_id, plate_raw, plate_norm, captured_at, captured_text)
       VALUES (?, 2, ?, 'flock', 'someone-else', 'ZZZ999', 'ZZZ999', 0, 'then')`,
    ).run(other, hash);

    expect(await importCsv(file, written.mapping)).toMatchObject({ read: 1, imported: 1, duplicates: 0 });
    expect(db.prepare('SELECT dedupe_hash FROM plate_reads WHERE vendor_read_id = ?').safeIntegers().pluck().get(r.id)).toBe(
      dedupeHash(key, 1),
    );
    // And it is still found as itself the second time.
    expect(await importCsv(file, written.mapping)).toMatchObject({ read: 1, imported: 0, duplicates: 1 });
  });
});

describe('images and uploads are sealed on disk', () => {
  it('stores each bundle image encrypted under its own key; the key row opens it, nothing else does', async () => {
    const bundle = await writeCsvZipBundle(tempFolder('import-bundle'), { rows: 6, seed: 5 });
    const summary = (await w.ws.startJob(
      token,
      'import.run',
      { source: { path: bundle.path }, ...bundle.request },
      undefined,
      quiet(),
    )) as ImportSummary;
    expect(summary.images).toBeGreaterThan(0);
    const images = openStore(w.ws)
      .prepare('SELECT file, key, nonce, tag, sha256, media_type FROM read_images WHERE file IS NOT NULL')
      .all() as Array<{
      file: string;
      key: Buffer;
      nonce: Buffer;
      tag: Buffer;
      sha256: string;
      media_type: string;
    }>;
    expect(images).toHaveLength(summary.images);
    for (const image of images) {
      const onDisk = fs.readFileSync(path.join(w.ws.files.images, image.file));
      expect(onDisk.subarray(0, 2).equals(Buffer.from([0xff, 0xd8]))).toBe(false);
      expect(onDisk.subarray(1, 4).toString('latin1')).not.toBe('PNG');
      const plain = openImage(w.ws.files.images, image);
      expect(crypto.createHash('sha256').update(plain).digest('hex')).toBe(image.sha256);
      expect(['image/jpeg', 'image/png']).toContain(image.media_type);
      const wrongKey = { ...image, key: Buffer.alloc(32, 7) };
      expect(() => openImage(w.ws.files.images, wrongKey)).toThrow();
    }
  });

  it('imports an upload staged sealed in the workspace, a ZIP read at random offsets through the cipher', async () => {
    const bundle = await writeCsvZipBundle(tempFolder('import-upload'), { rows: 4, seed: 6 });
    const bytes = fs.readFileSync(bundle.path);
    const writer = w.ws.uploads.begin(token, path.basename(bundle.path), bytes.length);
    for (let i = 0; i < bytes.length; i += 1000) await writer.write(bytes.subarray(i, i + 1000));
    const staged = await writer.finish();
    const onDisk = fs.readFileSync(staged.source.path);
    expect(onDisk.readUInt32LE(0)).not.toBe(0x04034b50); // not a ZIP in plain sight
    const summary = (await w.ws.startJob(
      token,
      'import.run',
      { source: { uploadId: staged.id }, ...bundle.request },
      undefined,
      quiet(),
    )) as ImportSummary;
    expect(summary).toMatchObject({ file: path.basename(bundle.path), sha256: crypto.createHash('sha256').update(bytes).digest('hex') });
    expect(summary.imported).toBeGreaterThan(0);
    // Imported, the upload is gone: it cannot be imported twice by its id.
    expect(fs.existsSync(staged.source.path)).toBe(false);
    expect(custodianErrorFrom(() => w.ws.uploads.get(token, staged.id)).code).toBe('no-such-upload');
  });
});

describe('the import record', () => {
  it('keeps every reject with its line, column and reason, and exports them as CSV with their hash', async () => {
    const dir = tempFolder('import-rejects');
    const file = path.join(dir, 'mixed.csv');
    fs.writeFileSync(
      file,
      'plate,time,camera\nABC123,2026-11-01T10:00:00Z,c1\n,2026-11-01T10:00:00Z,c1\nXYZ9,2026-02-30T10:00:00Z,c2\nGOOD1,2026-11-01T11:00:00Z,c3\n',
    );
    const mapping = { vendor: 'acme', columns: { plate: 'plate', captureTime: 'time', camera: 'camera' } };
    const summary = await importCsv(file, mapping);
    expect(summary).toMatchObject({ read: 4, imported: 2, duplicates: 0, rejected: 2 });
    expect(summary.rejects.map((r) => [r.line, r.column])).toEqual([
      [3, 'plate'],
      [4, 'time'],
    ]);
    const chunks: string[] = [];
    const exported = w.ws.call(token, 'import.rejects', { importId: summary.importId }, undefined, (c) => chunks.push(c));
    const csvText = chunks.join('');
    expect(csvText.split('\n')[0]).toBe('line,column,reason');
    expect(csvText).toMatch(/^4,time,.*not a calendar date/m);
    expect(exported).toMatchObject({ rows: 2, sha256: crypto.createHash('sha256').update(csvText).digest('hex') });
  });

  it('opens reads only with a case number and purpose, naming the import and line each came from', async () => {
    const csv = await readsCsv(5, 21);
    const summary = await importCsv(csv.file, csv.mapping);
    expect(custodianErrorFrom(() => w.ws.call(token, 'import.reads', { importId: summary.importId })).code).toMatch(
      /training-required|purpose-required/,
    );
    w.ws.call(token, 'training.record', { username: COMMANDER.username, course: 'ALPR Operator Training', completedOn: '2026-01-15' });
    const reads = w.ws.call(
      token,
      'import.reads',
      { importId: summary.importId },
      { caseNumber: '26-0042', purpose: 'Stolen vehicle follow-up, case 26-0042' },
    );
    expect(reads.total).toBe(5);
    const r0 = flockRead(21, 0);
    expect(reads.reads[0]).toMatchObject({
      plate: r0.plate,
      capturedAt: new Date(r0.capturedAtMs).toISOString(),
      importId: summary.importId,
      line: 2,
    });
    expect(allEntries(w.ws).at(-1)).toMatchObject({ operation: 'import.reads', caseNumber: '26-0042', outcome: 'ok' });
  });
});
