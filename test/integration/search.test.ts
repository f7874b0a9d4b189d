/**
 * Searching stored plate reads through the gate, on a real encrypted workspace: exact,
 * wildcard and OCR-aware plates with the filters, each search logged with its query, case
 * and purpose; a read opened with its decrypted images and provenance; selected reads
 * exported as CSV; purposes that state nothing refused; untrained people refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchQueryInput, SearchResult } from '../../src-main/contract/search';
import { flockReadsMapping, writeGenetecXml } from '../fixtures/vendor-files';
import { ACCESS, importOk, importWorkspace } from '../support/import-support';
import {
  addPerson,
  COMMANDER,
  expectRefusal,
  lastEntry,
  MEMBER,
  objectsOf,
  recordedInput,
  removeTempFolders,
  signIn,
  tempFolder,
  type TestWorkspace,
} from '../support/workspace-fixtures';

afterAll(removeTempFolders);

/** Reads chosen so each pattern has near misses: plate, state, time, camera, make, colour, confidence. */
const READS = [
  ['r1', '2026-11-02T08:00:00Z', '7ABC123', 'CA', 0.95, 'Main St & 5th Ave', 'Toyota', 'Camry', 'Red'],
  ['r2', '2026-11-02T09:00:00Z', '7A8C123', 'CA', 0.81, 'Main St & 5th Ave', 'Toyota', 'Camry', 'Red'], // B read as 8
  ['r3', '2026-11-02T10:00:00Z', '7ABCI23', 'NV', 0.77, 'Broadway', 'Honda', 'Civic', 'Blue'], // 1 read as I
  ['r4', '2026-11-02T11:00:00Z', '7ABC12', 'CA', 0.9, 'Broadway', 'Honda', 'Civic', 'Blue'], // last character missing
  ['r5', '2026-11-02T12:00:00Z', '7ABC1234', 'CA', 0.6, 'Marsh Rd', 'Ford', 'F-150', 'White'], // one extra character
  ['r6', '2026-11-02T13:00:00Z', 'ZABC123', 'CA', 0.99, 'Marsh Rd', 'Ford', 'F-150', 'White'], // 7 and Z are not a misread pair
  ['r7', '2026-11-02T14:00:00Z', '7AB0123', 'OR', 0.99, 'Marsh Rd', 'Ford', 'Focus', 'Black'], // C and 0 are not a misread pair
  ['r8', '2026-11-03T08:00:00Z', 'XY7BC129', 'CA', 0.88, 'Ralston Ave', 'Tesla', 'Model 3', 'Grey'],
  ['r9', '2026-11-03T09:00:00Z', 'AB912CD', 'WA', 0.93, 'Ralston Ave', 'Tesla', 'Model Y', 'Grey'],
  ['r10', '2026-11-03T10:00:00Z', 'ABX12', 'CA', 0.7, 'Veterans Blvd', 'Kia', 'Soul', 'Green'],
  ['r11', '2026-11-03T11:00:00Z', 'ABC12Q', 'CA', 0.72, 'Veterans Blvd', 'Kia', 'Soul', 'Green'],
  ['r12', '2026-11-03T12:00:00Z', 'AB12', 'CA', 0.72, 'Veterans Blvd', 'Kia', 'Rio', 'Green'], // too short for AB?12*
  ['r13', '2026-11-03T13:00:00Z', '8XYZ777', 'CA', 0.97, '=HYPERLINK("http://x")', 'Kia', 'Rio', 'Green'],
] as const;

let w: TestWorkspace;
let token: string;
let importId: number;

function writeReadsCsv(file: string): void {
  const header = 'id,capturedAt,plate,state,plateConfidence,deviceId,deviceName,lat,lon,make,model,color,direction';
  const lines = READS.map(
    ([id, at, plate, state, confidence, camera, make, model, color]) =>
      `${id},${at},${plate},${state},${confidence},dev-${id},"${camera.replace(/"/g, '""')}",37.5,-122.3,${make},${model},${color},N`,
  );
  fs.writeFileSync(file, [header, ...lines].join('\n') + '\n');
}

const search = (query: SearchQueryInput, t = token): SearchResult => w.ws.call(t, 'search.plates', query, ACCESS);
const plates = (result: SearchResult) => result.hits.map((h) => h.plateNormalized);

beforeAll(async () => {
  ({ w, token } = importWorkspace('search'));
  const dir = tempFolder('search-files');
  const file = path.join(dir, 'reads.csv');
  writeReadsCsv(file);
  importId = (await importOk(w.ws, token, file, { vendor: 'csv', mapping: flockReadsMapping(), timezone: 'UTC' })).importId;
});
afterAll(() => w?.ws.close());

describe('plate patterns', () => {
  it('an exact plate finds that plate only, through the plate index', () => {
    const result = search({ plate: '7abc 123' });
    expect(plates(result)).toEqual(['7ABC123']);
    expect(result).toMatchObject({ plan: 'exact', truncated: false });
    expect(result.hits[0]).toMatchObject({ state: 'CA', camera: 'Main St & 5th Ave', confidence: 0.95, importId, line: 2, distance: 0 });
    expect(result.hits[0]!.importFile).toBe('reads.csv');
  });

  it('"*BC12*" finds the run anywhere, newest first, and not the misread 7A8C123', () => {
    const result = search({ plate: '*BC12*' });
    expect(plates(result)).toEqual(['ABC12Q', 'XY7BC129', 'ZABC123', '7ABC1234', '7ABC12', '7ABC123']);
    expect(result.plan).toBe('trigram');
  });

  it('"AB?12*" takes exactly one character at ? and any run at *', () => {
    const result = search({ plate: 'AB?12*' });
    expect(plates(result)).toEqual(['ABC12Q', 'ABX12', 'AB912CD']);
    expect(result.plan).toBe('prefix');
  });

  it('"*7X*"-like patterns with no three-character run still match, by a scan', () => {
    const result = search({ plate: '*Y7*' });
    expect(plates(result)).toEqual(['XY7BC129']);
    expect(result.plan).toBe('scan');
  });

  it('OCR-aware finds the misreads and one missing or extra character, closest first, and says what differs', () => {
    const result = search({ plate: '7ABC123', fuzzy: true });
    expect(result.hits.map((h) => [h.plateNormalized, h.distance, h.difference])).toEqual([
      ['7ABC123', 0, null],
      ['7ABCI23', 1, '1 read as I'],
      ['7A8C123', 1, 'B read as 8'],
      ['7ABC1234', 2, 'extra "4" in the read'],
      ['7ABC12', 2, '"3" missing from the read'],
    ]);
    expect(result.plan).toBe('trigram');
  });

  it('OCR-aware with wildcards matches through misread classes', () => {
    expect(plates(search({ plate: '7A8C*', fuzzy: true }))).toEqual(expect.arrayContaining(['7ABC123', '7A8C123', '7ABC12', '7ABC1234']));
    expect(plates(search({ plate: '7A8C*', fuzzy: true }))).not.toContain('ZABC123');
  });
});

describe('filters', () => {
  it('narrow by state, time window, camera, make, model, colour, confidence, import and vendor', () => {
    const all = { plate: '*ABC*' };
    expect(plates(search({ ...all, state: 'nv' }))).toEqual(['7ABCI23']);
    expect(plates(search({ plate: '7ABC123', fuzzy: true, state: 'nv' }))).toEqual(['7ABCI23']);
    expect(plates(search({ ...all, from: '2026-11-02T10:30:00Z', to: '2026-11-02T13:00:00Z' }))).toEqual(['ZABC123', '7ABC1234', '7ABC12']);
    expect(plates(search({ ...all, camera: 'marsh' }))).toEqual(['ZABC123', '7ABC1234']);
    expect(plates(search({ ...all, make: 'honda' }))).toEqual(['7ABC12', '7ABCI23']);
    expect(plates(search({ ...all, color: 'white', minConfidence: 0.9 }))).toEqual(['ZABC123']);
    expect(plates(search({ plate: 'AB*', model: 'model' }))).toEqual(['AB912CD']);
    expect(plates(search({ ...all, importId: importId + 1 }))).toEqual([]);
    expect(plates(search({ ...all, vendor: 'flock' })).length).toBe(6);
  });

  it('stops at the limit and says more matched', () => {
    const result = search({ plate: '7*', limit: 3 });
    expect(result.hits).toHaveLength(3);
    expect(result.truncated).toBe(true);
  });

  it('refuses a window that ends before it starts, naming the field', () => {
    expectRefusal(() => search({ plate: '7ABC123', from: '2026-11-03T00:00:00Z', to: '2026-11-02T00:00:00Z' }), {
      kind: 'invalid',
      code: 'invalid-input',
      message: /ends before it starts/,
    });
  });
});

describe('the access log', () => {
  it('records every search with its full query, the case, the purpose and what it found', () => {
    const query = { plate: 'AB?12*', state: 'CA', camera: 'Veterans', minConfidence: 0.5 };
    const found = search(query);
    const entry = lastEntry(w.ws);
    expect(entry).toMatchObject({ operation: 'search.plates', outcome: 'ok', username: COMMANDER.username, ...ACCESS });
    expect(recordedInput(entry)).toEqual({ ...query, fuzzy: false, limit: 1000 });
    expect(objectsOf(entry).touched).toEqual([{ plan: 'prefix', hits: found.hits.length, truncated: false }]);
  });
});

describe('opening and exporting reads', () => {
  it('opens a read with its images decrypted in memory and the import, file and line it came from', async () => {
    const dir = tempFolder('search-genetec');
    const fixture = writeGenetecXml(dir, { seed: 5, rows: 25 });
    const summary = await importOk(w.ws, token, fixture.path, fixture.request);
    const [read] = w.ws.call(token, 'import.reads', { importId: summary.importId, limit: 1 }, ACCESS).reads;
    const detail = w.ws.call(token, 'search.read', { readId: read!.id }, ACCESS);
    expect(detail.provenance).toMatchObject({
      importId: summary.importId,
      fileName: 'genetec-sharpv.xml',
      line: read!.line,
      fileSha256: summary.sha256,
    });
    expect(detail.images.map((i) => i.kind).sort()).toEqual(['context', 'plate']);
    for (const image of detail.images) {
      const bytes = Buffer.from(image.dataUrl!.split(',')[1]!, 'base64');
      expect(bytes.length).toBe(image.size);
      expect(image.dataUrl).toMatch(/^data:image\/(jpeg|png);base64,/);
    }
    // Thumbnails prefer the plate crop; a read without images has none.
    const [thumb, ...none] = w.ws.call(
      token,
      'search.thumbnails',
      { readIds: [read!.id, search({ plate: '7ABC123' }).hits[0]!.id] },
      ACCESS,
    );
    expect(none).toEqual([]);
    expect(thumb).toEqual({ readId: read!.id, dataUrl: detail.images.find((i) => i.kind === 'plate')!.dataUrl });
    expectRefusal(() => w.ws.call(token, 'search.read', { readId: 999_999 }, ACCESS), { kind: 'not-found', code: 'no-such-read' });
  });

  it('exports the selected reads as CSV in the order chosen, with provenance, formulas neutralised, and logs the hash', () => {
    const ids = [...search({ plate: '8XYZ777' }).hits, ...search({ plate: '7ABC123' }).hits].map((h) => h.id);
    let csv = '';
    const summary = w.ws.call(token, 'search.export', { readIds: [...ids, 999_999] }, ACCESS, (chunk) => (csv += chunk));
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.plate)).toEqual(['8XYZ777', '7ABC123']);
    expect(rows[0]).toMatchObject({
      camera: `'=HYPERLINK("http://x")`,
      captured_at_utc: '2026-11-03T13:00:00.000Z',
      import_file: 'reads.csv',
      line: '14',
    });
    expect(summary.rows).toBe(2);
    const entry = lastEntry(w.ws);
    expect(entry).toMatchObject({ operation: 'search.export', outcome: 'ok', ...ACCESS });
    expect(objectsOf(entry).touched).toEqual([{ exported: 2, sha256: summary.sha256 }]);
  });
});

describe('who may search, and why (427.4(d), 427.6(b))', () => {
  it('refuses purposes that state nothing, logs the refusal, and accepts a short real one', () => {
    for (const purpose of [
      'investigation',
      'inv',
      'INV.',
      'bolo',
      'test',
      'n/a',
      'none',
      '-',
      '0',
      'BOLO 26-1187',
      'stolen',
      'case 26-1187',
    ]) {
      expectRefusal(() => w.ws.call(token, 'search.plates', { plate: '7ABC123' }, { caseNumber: '26-1187', purpose }), {
        kind: 'denied',
        code: 'purpose-vague',
        message: /does not state a purpose|too short to state a purpose/,
      });
      expect(lastEntry(w.ws)).toMatchObject({ operation: 'search.plates', outcome: 'denied', purpose: purpose.trim() });
    }
    for (const purpose of ['Stolen vehicle', 'Locate the suspect vehicle in armed robbery 26-1187']) {
      expect(plates(w.ws.call(token, 'search.plates', { plate: '7ABC123' }, { caseNumber: '26-1187', purpose }))).toEqual(['7ABC123']);
    }
  });

  it("refuses a purpose on the commander's list once it is added", () => {
    const purpose = 'Routine patrol';
    expect(plates(w.ws.call(token, 'search.plates', { plate: '7ABC123' }, { caseNumber: '26-1', purpose }))).toEqual(['7ABC123']);
    const settings = w.ws.call(token, 'settings.get', {});
    w.ws.call(token, 'settings.update', { vaguePurposes: [...settings.vaguePurposes, 'routine patrol'] });
    expectRefusal(() => w.ws.call(token, 'search.plates', { plate: '7ABC123' }, { caseNumber: '26-1', purpose: 'routine  patrol.' }), {
      kind: 'denied',
      code: 'purpose-vague',
    });
    w.ws.call(token, 'settings.update', { vaguePurposes: settings.vaguePurposes });
  });

  it('refuses a member without current training, and lets them search once trained', () => {
    addPerson(w.ws, token, MEMBER);
    const member = signIn(w.ws, MEMBER);
    expectRefusal(() => search({ plate: '7ABC123' }, member), { kind: 'denied', code: 'training-required' });
    w.ws.call(token, 'training.record', { username: MEMBER.username, course: 'ALPR Operator Training', completedOn: w.clock.today() });
    expect(plates(search({ plate: '7ABC123' }, member))).toEqual(['7ABC123']);
  });
});
