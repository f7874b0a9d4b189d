/**
 * How imports behave across files: overlapping exports add only what is new (also when the
 * same reads arrive once as JSON and once as CSV), capture times without a zone are read in
 * the zone chosen at import and the record says which, and the real Flock sample imports
 * with the counts its file holds.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLOCK_SEARCH_AUDIT_SAMPLE } from '../support/shared-files';
import {
  CHICAGO_TIMES,
  flockJsonRead,
  flockRead,
  flockReadsMapping,
  writeChicagoFixtures,
  writeFlockReadsCsv,
  type FixtureRequest,
} from '../fixtures/vendor-files';
import {
  ACCESS,
  expectWellFormedSummary,
  importOk,
  importRecords,
  importWorkspace,
  runImport,
  storedReads,
} from '../support/import-support';
import { allEntries, openStore, removeTempFolders, tempFolder, type TestWorkspace } from '../support/workspace-fixtures';

afterAll(removeTempFolders);

const SAMPLE = FLOCK_SEARCH_AUDIT_SAMPLE;
const CSV: FixtureRequest = { vendor: 'csv', mapping: flockReadsMapping(), timezone: 'UTC' };

let w: TestWorkspace;
let token: string;
let dir: string;

beforeAll(() => {
  ({ w, token } = importWorkspace('imports-behaviour'));
  dir = tempFolder('imports-behaviour-files');
});
afterAll(() => w?.ws.close());

describe('overlapping exports', () => {
  it('a second export that repeats half the first adds only its new reads', async () => {
    const first = await writeFlockReadsCsv(path.join(dir, 'export-1.csv'), { rows: 2_000, seed: 21 });
    const second = await writeFlockReadsCsv(path.join(dir, 'export-2.csv'), { rows: 2_000, seed: 21, firstRead: 1_000 });
    const holdings0 = w.ws.call(token, 'alpr.holdings', {}, ACCESS).reads;

    const a = await importOk(w.ws, token, first.file, CSV);
    expect(a).toMatchObject({ read: 2_000, imported: 2_000, duplicates: 0, rejected: 0, sha256: first.sha256 });
    const b = await importOk(w.ws, token, second.file, CSV);
    expectWellFormedSummary(b);
    expect(b).toMatchObject({ read: 2_000, imported: 1_000, duplicates: 1_000, rejected: 0, sha256: second.sha256 });
    expect(w.ws.call(token, 'alpr.holdings', {}, ACCESS).reads - holdings0).toBe(3_000);

    // The new import holds exactly reads 2000..2999, each once.
    const stored = storedReads(w.ws, token, b.importId);
    expect(stored.map((r) => r.vendorReadId)).toEqual(Array.from({ length: 1_000 }, (_, i) => flockRead(21, 2_000 + i).id));
    expect(stored.map((r) => r.line)).toEqual(Array.from({ length: 1_000 }, (_, i) => 1_000 + i + 2));

    // A third export entirely inside the first two: nothing new.
    const third = await writeFlockReadsCsv(path.join(dir, 'export-3.csv'), { rows: 1_500, seed: 21, firstRead: 700 });
    const c = await importOk(w.ws, token, third.file, CSV);
    expect(c).toMatchObject({ read: 1_500, imported: 0, duplicates: 1_500 });
    expect(w.ws.call(token, 'alpr.holdings', {}, ACCESS).reads - holdings0).toBe(3_000);
  });

  it('repeats inside one file are duplicates too, and are counted', async () => {
    const file = await writeFlockReadsCsv(path.join(dir, 'repeats.csv'), { rows: 3_000, seed: 22, duplicateEvery: 7 });
    const s = await importOk(w.ws, token, file.file, CSV);
    expect(s).toMatchObject({ read: 3_000, imported: file.imported, duplicates: file.duplicates, rejected: 0 });
    expect(file.duplicates).toBe(Math.floor(3_000 / 7));
    expect(storedReads(w.ws, token, s.importId)).toHaveLength(file.imported);
  });

  it('the same Flock reads as API JSON and then as a CSV (vendor flock-reads, by mapping) are one set of reads', async () => {
    const seed = 23;
    const json = path.join(dir, 'flock-api.json');
    fs.writeFileSync(json, JSON.stringify(Array.from({ length: 300 }, (_, i) => flockJsonRead(flockRead(seed, i), false))));
    const csv = await writeFlockReadsCsv(path.join(dir, 'flock-ui.csv'), { rows: 400, seed, firstRead: 100 });
    const a = await importOk(w.ws, token, json, { vendor: 'flock-reads' });
    expect(a).toMatchObject({ format: 'flock-reads', read: 300, imported: 300, duplicates: 0 });
    const b = await importOk(w.ws, token, csv.file, { vendor: 'flock-reads', mapping: flockReadsMapping(), timezone: 'UTC' });
    expect(b).toMatchObject({ format: 'flock-reads', read: 400, imported: 200, duplicates: 200 });
    const fromJson = new Map(storedReads(w.ws, token, a.importId).map((r) => [r.vendorReadId, r]));
    for (const r of storedReads(w.ws, token, b.importId)) expect(fromJson.has(r.vendorReadId)).toBe(false);
  });
});

describe('time zones', () => {
  it('a zone-less CSV imported as America/Chicago stores the right UTC instants across both DST changes, and the record names the zone', async () => {
    const [iso] = writeChicagoFixtures(path.join(dir, 'tz'), { seed: 31 });
    const s = await importOk(w.ws, token, iso!.path, iso!.request);
    expect(s).toMatchObject({ timezone: 'America/Chicago', imported: CHICAGO_TIMES.length, rejected: 0 });
    const stored = storedReads(w.ws, token, s.importId);
    expect(stored.map((r) => [r.capturedText, r.capturedAt])).toEqual(CHICAGO_TIMES.map((t) => [t.local.replace(' ', 'T'), t.utc]));
    expect(w.ws.call(token, 'import.get', { importId: s.importId }).timezone).toBe('America/Chicago');
    expect(importRecords(w.ws, token).find((r) => r.importId === s.importId)?.timezone).toBe('America/Chicago');
    // The access-log entry of the import names it too (the input recorded).
    const entry = allEntries(w.ws).findLast((e) => e.operation === 'import.run' && e.outcome === 'ok');
    expect(JSON.stringify(entry?.objects)).toContain('America/Chicago');
  });

  it('a time that carries its zone (Z) keeps it whatever zone the import names', async () => {
    const file = await writeFlockReadsCsv(path.join(dir, 'zoned.csv'), { rows: 50, seed: 32 });
    const s = await importOk(w.ws, token, file.file, { ...CSV, timezone: 'America/Chicago' });
    const stored = storedReads(w.ws, token, s.importId);
    expect(stored.map((r) => r.capturedAt)).toEqual(
      Array.from({ length: 50 }, (_, i) => new Date(flockRead(32, i).capturedAtMs).toISOString()),
    );
  });

  it("without a zone named, the workstation's zone is used and recorded", async () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const [, us] = writeChicagoFixtures(path.join(dir, 'tz-default'), { seed: 33 });
    const s = await importOk(w.ws, token, us!.path, { vendor: 'csv', mapping: us!.request.mapping });
    expect(s.timezone).toBe(zone);
    const offsetMs = (utc: string) => {
      // the instant whose wall-clock time in `zone` is the local text
      const local = CHICAGO_TIMES.find((t) => t.utc === utc)!.local;
      const guess = Date.parse(local.replace(' ', 'T') + 'Z');
      const parts = new Intl.DateTimeFormat('en-CA', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
        .format(new Date(guess))
        .replace(', ', 'T');
      return guess - (Date.parse(parts + 'Z') - guess);
    };
    const stored = storedReads(w.ws, token, s.importId);
    expect(stored.map((r) => Date.parse(r.capturedAt))).toEqual(CHICAGO_TIMES.map((t) => offsetMs(t.utc)));
  });

  it('refuses a zone this computer does not know, before reading anything', async () => {
    const [iso] = writeChicagoFixtures(path.join(dir, 'tz-bad'), { seed: 34 });
    const before = importRecords(w.ws, token).length;
    const r = await runImport(w.ws, token, iso!.path, { ...iso!.request, timezone: 'America/Springfield' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/time zone/i);
    expect(importRecords(w.ws, token)).toHaveLength(before);
  });
});

describe('the real Flock transparency-portal sample', () => {
  it('imports as flock-search-audit with the rows its file holds, user ids withheld', async () => {
    const bytes = fs.readFileSync(SAMPLE);
    const dataLines =
      bytes
        .toString('utf8')
        .split('\n')
        .filter((l) => l.trim() !== '').length - 1;
    expect(dataLines).toBe(11);
    const s = await importOk(w.ws, token, SAMPLE, { vendor: 'auto' });
    expectWellFormedSummary(s);
    expect(s).toMatchObject({
      format: 'flock-search-audit',
      target: 'vendor-search-audit',
      status: 'committed',
      read: dataLines,
      imported: dataLines,
      duplicates: 0,
      rejected: 0,
      file: 'search_audit.sample.csv',
      size: bytes.length,
      sha256: crypto.createHash('sha256').update(bytes).digest('hex'),
    });
    expect(s.detection).toMatch(/detected/i);

    const rows = openStore(w.ws)
      .prepare(
        'SELECT source_line, vendor_entry_id, user_id, searched_at, network_count, reason, withheld FROM vendor_search_audit WHERE import_id = ? ORDER BY source_line',
      )
      .all(s.importId) as {
      source_line: number;
      vendor_entry_id: string;
      user_id: string | null;
      searched_at: number;
      network_count: number;
      reason: string;
      withheld: string;
    }[];
    expect(rows).toHaveLength(11);
    expect(rows[0]).toMatchObject({
      source_line: 2,
      vendor_entry_id: '2423221c-ac64-41d4-867e-8ac686507af0',
      user_id: null,
      searched_at: Date.parse('2026-03-10T04:31:52.901Z'),
      network_count: 2,
      reason: 'Investigation',
    });
    expect(rows.at(-1)).toMatchObject({
      source_line: 12,
      vendor_entry_id: '31b03ed7-0908-41c5-a44b-c16b70dcfb04',
      network_count: 449,
      reason: 'Stolen',
    });
    for (const row of rows) {
      expect(row.user_id, 'userId "***" is withheld, not a value').toBeNull();
      expect(JSON.parse(row.withheld)).toEqual(['userId']);
    }

    const again = await importOk(w.ws, token, SAMPLE, { vendor: 'auto' });
    expect(again).toMatchObject({ read: 11, imported: 0, duplicates: 11, rejected: 0 });
  });
});
