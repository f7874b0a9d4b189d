/**
 * What importing real vendor files from departments' public-records releases showed (issue
 * 12), through the real gate on a real encrypted workspace: the vendor's own ids dedupe
 * vendor logs (the same searches as CSV and XLSX are held once; the same id with other
 * content is kept and named), the fields Rekor and the search audit carry are kept and
 * searchable, coordinates keep the precision the file had, Flock audits under other column
 * names are read through a mapping, and a file imported before is found by its SHA-256.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnMappingInput, ImportPreview, ImportSummary } from '../../src-main/contract/imports';
import {
  AUDIT_VARIANTS,
  writeFlockAuditCsv,
  writeFlockAuditXlsx,
  writeFlockSearchAudit,
  type AuditVariant,
  type ExpectedAuditRow,
} from '../fixtures/vendor-files';
import { ACCESS, expectWellFormedSummary, importOk, importWorkspace, runImport, storedReads } from '../support/import-support';
import { openStore, removeTempFolders, tempFolder, type TestWorkspace } from '../support/workspace-fixtures';

afterAll(removeTempFolders);

let w: TestWorkspace;
let token: string;
let dir: string;

beforeAll(() => {
  ({ w, token } = importWorkspace('imports-public-releases'));
  dir = tempFolder('public-releases');
});
afterAll(() => w?.ws.close());

const variant = (name: string): AuditVariant => AUDIT_VARIANTS.find((v) => v.name === name)!;

async function preview(file: string, request: { vendor?: 'auto' | 'flock-audit' | 'csv'; mapping?: ColumnMappingInput } = {}) {
  return (await w.ws.startJob(token, 'import.preview', { source: { path: file }, timezone: 'UTC', ...request }, ACCESS, {
    signal: new AbortController().signal,
    onProgress: () => {},
  })) as ImportPreview;
}

/** The rows of a fixture whose vendor id repeats with other content: each later one, and the first row with that id. */
function repeatedIds(rows: readonly ExpectedAuditRow[]): { line: number; earlierLine: number; id: string }[] {
  const first = new Map<string, number>();
  const repeats: { line: number; earlierLine: number; id: string }[] = [];
  for (const row of rows) {
    if (row.vendorEntryId === null) continue;
    const seen = first.get(row.vendorEntryId);
    if (seen === undefined) first.set(row.vendorEntryId, row.line);
    else repeats.push({ line: row.line, earlierLine: seen, id: row.vendorEntryId });
  }
  return repeats;
}

describe("vendor logs are deduped by the vendor's own ids", () => {
  it('the same Flock searches imported as CSV, then as XLSX, are held once: the workbook is all duplicates', async () => {
    const stream = 'same-searches-two-files';
    const csv = writeFlockAuditCsv(path.join(dir, 'pair'), variant('flock-audit-14col'), { rows: 200, stream });
    const xlsx = await writeFlockAuditXlsx(path.join(dir, 'pair'), variant('flock-audit-14col'), { rows: 200, stream });
    const first = await importOk(w.ws, token, csv.path, csv.request);
    expect(first).toMatchObject({ read: 200, imported: 200, duplicates: 0 });
    const second = await importOk(w.ws, token, xlsx.path, xlsx.request);
    expectWellFormedSummary(second);
    expect(second).toMatchObject({ read: 200, imported: 0, duplicates: 200, rejected: 0, conflictCount: 0 });
    const stored = openStore(w.ws).prepare('SELECT count(*) FROM vendor_audit_searches WHERE import_id = ?').pluck();
    expect(stored.get(second.importId)).toBe(0);
  });

  it('a workbook that repeats rows with the same search id counts the copies as duplicates', async () => {
    const xlsx = await writeFlockAuditXlsx(path.join(dir, 'repeats'), variant('flock-audit-13col'), {
      rows: 60,
      stream: 'workbook-with-repeats',
      repeat: [3, 10, 11, 40],
    });
    const summary = await importOk(w.ws, token, xlsx.path, xlsx.request);
    // the file's own repeated ids with other content (about 0.6 %, as Flock's) are conflicts, not duplicates
    const conflicts = repeatedIds((xlsx.accept[0] as { auditRows: ExpectedAuditRow[] }).auditRows).length;
    expect(summary).toMatchObject({ read: 64, imported: 60, duplicates: 4, conflictCount: conflicts });
  });

  it('the same id with other content in one file is kept, flagged on both rows, and named with both lines', async () => {
    const csv = writeFlockAuditCsv(path.join(dir, 'conflicts'), variant('flock-audit-14col'), { rows: 400, stream: 'conflicts-in-file' });
    const rows = (csv.accept[0] as { auditRows: ExpectedAuditRow[] }).auditRows;
    const repeats = repeatedIds(rows);
    expect(repeats.length).toBeGreaterThan(0);
    const summary = await importOk(w.ws, token, csv.path, csv.request);
    expect(summary).toMatchObject({ read: 400, imported: 400, duplicates: 0, conflictCount: repeats.length });
    expect(summary.conflicts).toEqual(
      repeats.map((r) => ({
        vendorId: r.id,
        line: r.line,
        earlier: { importId: summary.importId, file: 'flock-audit-14col.csv', line: r.earlierLine, importedAt: summary.finishedAt },
        differs: true,
      })),
    );
    const flagged = openStore(w.ws)
      .prepare('SELECT source_line FROM vendor_audit_searches WHERE import_id = ? AND duplicate_id = 1 ORDER BY source_line')
      .pluck()
      .all(summary.importId);
    expect(flagged).toEqual(repeats.flatMap((r) => [r.earlierLine, r.line]).sort((a, b) => a - b));
  });

  it('the same id with other content as an earlier import is kept and names the earlier import and line', async () => {
    // Time Frames written "<start> to <end>": every record is one line, so lines can be edited as text
    const a = writeFlockAuditCsv(path.join(dir, 'earlier'), variant('flock-audit-to'), { rows: 60, stream: 'earlier-import' });
    const first = await importOk(w.ws, token, a.path, a.request);
    // The same release, re-exported later: one search's Reason was corrected, one search is new.
    const lines = fs.readFileSync(a.path, 'utf8').split('\n');
    const target = (a.accept[0] as { auditRows: ExpectedAuditRow[] }).auditRows.find(
      (r) => r.reason === 'Investigation' && !r.withheld.length,
    )!;
    const changed = lines[target.line - 1]!.replace(',Investigation,', ',Investigation of stolen trailer 26-1187,');
    expect(changed).not.toBe(lines[target.line - 1]);
    const b = path.join(dir, 'earlier', 'flock-audit-to-corrected.csv');
    fs.writeFileSync(
      b,
      [lines[0], changed, lines[1 + 1]!.replace(/^[0-9a-f-]{36}/, '00000000-0000-4000-8000-000000000001'), ''].join('\n'),
    );
    const second = await importOk(w.ws, token, b, a.request);
    expect(second).toMatchObject({ read: 2, imported: 2, duplicates: 0, conflictCount: 1 });
    expect(second.conflicts).toEqual([
      {
        vendorId: target.vendorEntryId,
        line: 2,
        earlier: { importId: first.importId, file: 'flock-audit-to.csv', line: target.line, importedAt: first.finishedAt },
        differs: true,
      },
    ]);
    // The corrected row is flagged; the earlier import's row is named, not changed.
    const flags = openStore(w.ws).prepare(
      'SELECT import_id, source_line, duplicate_id, reason FROM vendor_audit_searches WHERE vendor_entry_id = ?',
    );
    expect(flags.all(target.vendorEntryId)).toEqual([
      { import_id: first.importId, source_line: target.line, duplicate_id: 0, reason: 'Investigation' },
      { import_id: second.importId, source_line: 2, duplicate_id: 1, reason: 'Investigation of stolen trailer 26-1187' },
    ]);
    // import.get says the same later.
    expect(w.ws.call(token, 'import.get', { importId: second.importId })).toMatchObject({ conflictCount: 1, conflicts: second.conflicts });
  });

  it('transparency search audits and event logs are keyed by their ids too', async () => {
    const audit = writeFlockSearchAudit(path.join(dir, 'search-audit'), { rows: 30, seed: 41 });
    const first = await importOk(w.ws, token, audit.path, audit.request);
    const text = fs.readFileSync(audit.path, 'utf8').split('\n');
    const edited = path.join(dir, 'search-audit', 'reissued.csv');
    // the first three searches again, the second with another reason: the ids decide
    fs.writeFileSync(edited, [text[0], text[1], text[2]!.replace(/"[^"]*"$/, '"Homicide 26-0042"'), text[3]].join('\n'));
    const second = await importOk(w.ws, token, edited, audit.request);
    expect(second).toMatchObject({ read: 3, imported: 1, duplicates: 2, conflictCount: 1 });
    expect(second.conflicts[0]).toMatchObject({ line: 3, earlier: { importId: first.importId, line: 3 }, differs: true });

    const events = path.join(dir, 'events.csv');
    const header = 'Timestamp,User,Event Type,Entity Type,Entity Details,Event Id';
    const row = (user: string, id: string) =>
      `2026-02-01T10:00:00Z,${user},Hotlist Entry Created,Hotlist Entry,"Hotlist Name: Stolen\nLicense: 7ABC123",${id}`;
    fs.writeFileSync(events, [header, row('a@pd.gov', 'ev-1'), row('a@pd.gov', 'ev-1'), row('b@pd.gov', 'ev-1'), ''].join('\n'));
    const log = await importOk(w.ws, token, events, { vendor: 'auto' });
    expect(log).toMatchObject({ read: 3, imported: 2, duplicates: 1, conflictCount: 1 });
    // each record spans two lines (Entity Details): the third starts on line 6
    expect(log.conflicts[0]).toMatchObject({ vendorId: 'ev-1', line: 6, earlier: { importId: log.importId, line: 2 } });
  });
});

describe('fields the files carry are kept', () => {
  it("a search audit that names its count for cameras keeps it as the search's count", async () => {
    const audit = writeFlockSearchAudit(path.join(dir, 'cameras'), {
      rows: 12,
      seed: 5,
      header: ['id', 'userId', 'searchDate', 'cameraCount', 'reason'],
      name: 'search-audit-cameras',
    });
    const summary = await importOk(w.ws, token, audit.path, audit.request);
    expect(summary).toMatchObject({ format: 'flock-search-audit', imported: 12 });
    const expected = (audit.accept[0] as { searchAuditRows: { line: number; networkCount: number }[] }).searchAuditRows;
    const stored = openStore(w.ws)
      .prepare(
        'SELECT source_line AS line, network_count AS networkCount FROM vendor_search_audit WHERE import_id = ? ORDER BY source_line',
      )
      .all(summary.importId);
    expect(stored).toEqual(expected.map((r) => ({ line: r.line, networkCount: r.networkCount })));
  });

  it("Rekor's camera and agent names, parked and plate candidates are kept, searchable by camera name, shown and exported", async () => {
    const file = path.join(dir, 'rekor-labels.json');
    const group = (plate: string, epoch: number, camera: number, label: string, parked: boolean) => ({
      data_type: 'alpr_group',
      epoch_start: epoch,
      best_plate_number: plate,
      best_confidence: 91.5,
      best_region: 'us-ks',
      best_uuid: `labels-${plate}`,
      camera_id: camera,
      camera_label: label,
      agent_label: 'Parsons North site',
      agent_uid: 'X8Q2MZLDVS0GHUABNA4C',
      is_parked: parked,
      candidates: [
        { plate, confidence: 91.5, matches_template: 1 },
        { plate: `${plate.slice(0, -1)}8`, confidence: 77.25, matches_template: 0 },
      ],
      gps_latitude: 37.34 + 0.002,
      gps_longitude: -95.26,
    });
    fs.writeFileSync(
      file,
      JSON.stringify([
        group('7KSQ101', Date.parse('2026-10-04T10:00:00Z'), 1301, 'mailbox-east', true),
        group('7KSQ102', Date.parse('2026-10-04T10:05:00Z'), 1302, 'library-lot', false),
      ]),
    );
    // the vendor's own arithmetic, printed in full, is in the file
    expect(fs.readFileSync(file, 'utf8')).toContain('37.342000000000006');
    const summary = await importOk(w.ws, token, file, { vendor: 'auto' });
    expect(summary).toMatchObject({ format: 'rekor', imported: 2 });

    const found = w.ws.call(token, 'search.plates', { plate: '7KSQ10*', camera: 'mailbox-east' }, ACCESS);
    expect(found.hits.map((h) => h.plate)).toEqual(['7KSQ101']);
    expect(found.described).toContain('mailbox-east');

    const detail = w.ws.call(token, 'search.read', { readId: found.hits[0]!.id }, ACCESS);
    expect(detail.read).toMatchObject({
      camera: '1301',
      cameraLabel: 'mailbox-east',
      agentLabel: 'Parsons North site',
      parked: true,
      plateCandidates: [
        { plate: '7KSQ101', confidence: 0.915, matchesTemplate: true },
        { plate: '7KSQ108', confidence: 0.7725, matchesTemplate: false },
      ],
      latitude: 37.342,
      latitudeText: '37.342',
      longitudeText: '-95.26',
    });

    let csv = '';
    w.ws.call(token, 'search.export', { readIds: found.hits.map((h) => h.id) }, ACCESS, (chunk) => (csv += chunk));
    const [row] = parse(csv, { columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({
      camera: '1301',
      camera_label: 'mailbox-east',
      agent_label: 'Parsons North site',
      parked: 'yes',
      plate_candidates: '7KSQ101 0.915; 7KSQ108 0.7725',
      latitude: '37.342',
      longitude: '-95.26',
    });
  });
});

describe('coordinates keep the precision the file had', () => {
  it('in the preview, the read detail and the export: a spreadsheet cell with binary noise, a CSV with a trailing zero', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Reads');
    sheet.addRow(['Plate', 'Time', 'Lat', 'Lon']);
    // a department's spreadsheet computed the coordinates: the cells hold 37.342000000000006 and -95.25999999999999
    sheet.addRow(['7NOISE1', '2026-10-05T10:00:00Z', 37.34 + 0.002, -95.27 + 0.01]);
    const xlsx = path.join(dir, 'computed-coordinates.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    const mapping: ColumnMappingInput = {
      vendor: 'County GIS',
      columns: { plate: 'Plate', captureTime: 'Time', latitude: 'Lat', longitude: 'Lon' },
    };

    const shown = await preview(xlsx, { vendor: 'csv', mapping });
    expect(shown.rows[0]!.values).toMatchObject({ latitude: '37.342', longitude: '-95.26' });

    const csvFile = path.join(dir, 'written-coordinates.csv');
    fs.writeFileSync(csvFile, 'Plate,Time,Lat,Lon\n7NOISE2,2026-10-05T10:01:00Z,37.3420,-95.2600\n');
    const summaries = [
      await importOk(w.ws, token, xlsx, { vendor: 'csv', mapping, timezone: 'UTC' }),
      await importOk(w.ws, token, csvFile, { vendor: 'csv', mapping, timezone: 'UTC' }),
    ];
    const reads = summaries.flatMap((s) => storedReads(w.ws, token, s.importId));
    expect(reads.map((r) => [r.plate, r.latitude, r.latitudeText, r.longitudeText])).toEqual([
      ['7NOISE1', 37.342, '37.342', '-95.26'],
      ['7NOISE2', 37.342, '37.3420', '-95.2600'],
    ]);
    expect(w.ws.call(token, 'search.read', { readId: reads[0]!.id }, ACCESS).read.latitudeText).toBe('37.342');
    let csv = '';
    w.ws.call(token, 'search.export', { readIds: reads.map((r) => r.id) }, ACCESS, (chunk) => (csv += chunk));
    expect((parse(csv, { columns: true }) as Record<string, string>[]).map((r) => [r.latitude, r.longitude])).toEqual([
      ['37.342', '-95.26'],
      ['37.3420', '-95.2600'],
    ]);
  });
});

/** Flock's audit columns as a third party re-extracted them. */
const RENAMED: Record<string, string> = {
  ID: 'Search_ID',
  Name: 'User_Name',
  'Org Name': 'Org_Name',
  'Total Networks Searched': 'Networks_Searched',
  'Total Devices Searched': 'Devices_Searched',
  'Time Frame': 'Time_Frame',
  'License Plate': 'Plate',
  Reason: 'Reason',
  'Case #': 'Case_Number',
  Filters: 'Filters',
  'Search Time': 'Search_Time',
  'Search Type': 'Search_Type',
  'Text Prompt': 'Text_Prompt',
  Moderation: 'Moderation',
};

describe('mappings describe Flock audits under other column names', () => {
  const renamed: AuditVariant = { ...variant('flock-audit-14col'), name: 'audit-renamed', headerText: (c) => RENAMED[c]! };

  it('a renamed audit is refused with a mapping to start from; the preview suggests it; imported by it and by a saved profile', async () => {
    const fixture = writeFlockAuditCsv(path.join(dir, 'renamed'), renamed, { rows: 40, stream: 'renamed-audit' });
    const expected = (fixture.accept[0] as { auditRows: ExpectedAuditRow[] }).auditRows;
    const refused = await runImport(w.ws, token, fixture.path, { vendor: 'auto', timezone: 'UTC' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.message).toMatch(/look like a Flock organization \/ network audit under other column names/);
    expect(refused.error.message).toMatch(/custodian import profile save NAME --mapping FILE/);

    const shown = await preview(fixture.path);
    expect(shown.format).toBeNull();
    expect(shown.suggestedMapping).toEqual({
      maps: 'flock-audit',
      delimiter: ',',
      hasHeader: true,
      columns: {
        id: 'Search_ID',
        name: 'User_Name',
        orgName: 'Org_Name',
        networksSearched: 'Networks_Searched',
        devicesSearched: 'Devices_Searched',
        timeFrame: 'Time_Frame',
        plate: 'Plate',
        reason: 'Reason',
        caseNumber: 'Case_Number',
        filters: 'Filters',
        searchTime: 'Search_Time',
        searchType: 'Search_Type',
        textPrompt: 'Text_Prompt',
        moderation: 'Moderation',
      },
    });
    expect(shown.rows.length).toBe(20);
    expect(shown.rows[0]!.values).toMatchObject({ id: expected[0]!.vendorEntryId, orgName: expected[0]!.orgName });

    const mapping = shown.suggestedMapping!;
    const summary = await importOk(w.ws, token, fixture.path, { vendor: 'auto', mapping, timezone: 'UTC' });
    expect(summary).toMatchObject({ format: 'flock-audit', read: 40, imported: 40, mapping });
    const stored = openStore(w.ws)
      .prepare(
        'SELECT source_line, vendor_entry_id, org_name, searched_at, reason FROM vendor_audit_searches WHERE import_id = ? ORDER BY source_line',
      )
      .all(summary.importId);
    expect(stored).toEqual(
      expected.map((e) => ({
        source_line: e.line,
        vendor_entry_id: e.vendorEntryId,
        org_name: e.orgName,
        searched_at: e.searchedAt,
        reason: e.reason,
      })),
    );

    w.ws.call(token, 'importProfile.save', { name: 'Audit re-extract', mapping });
    const again = writeFlockAuditCsv(path.join(dir, 'renamed-2'), renamed, { rows: 10, stream: 'renamed-audit-2' });
    const viaProfile = await importOk(w.ws, token, again.path, { vendor: 'auto', profile: 'Audit re-extract', timezone: 'UTC' });
    expect(viaProfile).toMatchObject({ format: 'flock-audit', imported: 10, profile: 'Audit re-extract' });
  });

  it('a search audit under other names is suggested a search-audit mapping and read through it', async () => {
    const fixture = writeFlockSearchAudit(path.join(dir, 'renamed-search'), {
      rows: 8,
      seed: 9,
      header: ['Search ID', 'Officer', 'Searched At', 'Cameras', 'Purpose'],
      name: 'search-audit-renamed',
    });
    const shown = await preview(fixture.path);
    expect(shown.suggestedMapping).toEqual({
      maps: 'flock-search-audit',
      delimiter: ',',
      hasHeader: true,
      columns: { id: 'Search ID', userId: 'Officer', searchDate: 'Searched At', networkCount: 'Cameras', reason: 'Purpose' },
    });
    const mapping = shown.suggestedMapping!;
    const summary = await importOk(w.ws, token, fixture.path, { vendor: 'auto', mapping });
    const expected = (fixture.accept[0] as { searchAuditRows: { line: number; networkCount: number; reason: string }[] }).searchAuditRows;
    expect(summary).toMatchObject({ format: 'flock-search-audit', imported: 8 });
    expect(
      openStore(w.ws)
        .prepare(
          'SELECT source_line AS line, network_count AS networkCount, reason FROM vendor_search_audit WHERE import_id = ? ORDER BY source_line',
        )
        .all(summary.importId),
    ).toEqual(expected.map((r) => ({ line: r.line, networkCount: r.networkCount, reason: r.reason })));
  });

  it('a mapping that describes something else than the file is read as is refused, naming both', async () => {
    const fixture = writeFlockAuditCsv(path.join(dir, 'mismatch'), variant('flock-audit-11col'), { rows: 5, stream: 'mismatch' });
    const plateMapping: ColumnMappingInput = { vendor: 'x', columns: { plate: 'License Plate', captureTime: 'Search Time' } };
    const result = await runImport(w.ws, token, fixture.path, { vendor: 'auto', mapping: plateMapping, timezone: 'UTC' });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.message).toMatch(/describes plate reads, but the file is read as Flock Safety organization \/ network audit/);
  });

  it('a plate-read profile saved before mappings named what they map still reads as plate reads', async () => {
    // as schema 3 and 4 stored them: no "maps"
    const old = { vendor: 'Vigilant', delimiter: ',', hasHeader: true, columns: { plate: 'Tag', captureTime: 'When' }, confidenceScale: 1 };
    openStore(w.ws)
      .prepare("INSERT INTO import_profiles(name, mapping, saved_by, saved_at) VALUES ('Old desk', ?, 'Pat', '2026-01-01T00:00:00.000Z')")
      .run(JSON.stringify(old));
    expect(w.ws.call(token, 'importProfile.list', {}).find((p) => p.name === 'Old desk')!.mapping).toEqual(old);
    const file = path.join(dir, 'old-profile.csv');
    fs.writeFileSync(file, 'Tag,When\n7OLD123,2026-10-06T10:00:00Z\n');
    expect(await importOk(w.ws, token, file, { vendor: 'csv', profile: 'Old desk', timezone: 'UTC' })).toMatchObject({
      format: 'csv',
      imported: 1,
    });
  });
});

describe('a file imported before is found by its SHA-256', () => {
  it('import.list with a SHA-256 names the earlier imports of that very file, and only those', async () => {
    const file = path.join(dir, 'twice.csv');
    fs.writeFileSync(file, 'Tag,When\n7TWICE1,2026-10-06T11:00:00Z\n');
    const first = await importOk(w.ws, token, file, { vendor: 'csv', profile: 'Old desk', timezone: 'UTC' });
    const earlier = w.ws.call(token, 'import.list', { sha256: first.sha256.toUpperCase() });
    expect(earlier.map((r) => r.importId)).toEqual([first.importId]);
    const second: ImportSummary = await importOk(w.ws, token, file, { vendor: 'csv', profile: 'Old desk', timezone: 'UTC' });
    expect(second).toMatchObject({ imported: 0, duplicates: 1, sha256: first.sha256 });
    expect(w.ws.call(token, 'import.list', { sha256: first.sha256 }).map((r) => r.importId)).toEqual([second.importId, first.importId]);
  });
});
