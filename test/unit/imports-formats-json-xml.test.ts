import { describe, expect, it } from 'vitest';
import type { PlateReadRow } from '../../src-main/core/imports/rows';
import { mapping, readAll, rejects, rows } from './imports-formats-support';

const read = (id: string, plate: string, extra = '') =>
  `{"id":"${id}","capturedAt":"2026-03-10T04:31:52.123456Z","device":{"id":"d1","type":"falcon","name":"Main & 1st","location":{"lat":37.5,"long":-122.25,"address":"x"},"network":{"id":"n","name":"N"}},"plate":{"value":"${plate}","confidence":0.97},"state":{"value":"CA","confidence":0.8},"link":"https://example.invalid/r"${extra}}`;

describe('Flock plate reads (API v3 JSON)', () => {
  it('reads an array, with the line each element starts on', async () => {
    const json = `[\n  ${read('r1', 'ABC123')},\n\n  ${read('r2', '7XYZ-9', ',"imageUrl":"https://example.invalid/i.jpg"')}\n]\n`;
    const items = await readAll('flock-reads', json, { chunk: 7 });
    expect(items).toEqual([
      {
        target: 'plate-reads',
        line: 2,
        vendor: 'flock',
        vendorReadId: 'r1',
        plateRaw: 'ABC123',
        plateNorm: 'ABC123',
        state: 'CA',
        capturedAt: Date.UTC(2026, 2, 10, 4, 31, 52, 123),
        capturedText: '2026-03-10T04:31:52.123456Z',
        camera: 'Main & 1st',
        latitude: 37.5,
        longitude: -122.25,
        confidence: 0.97,
        direction: null,
        make: null,
        model: null,
        color: null,
        images: [],
      },
      expect.objectContaining({ line: 4, plateNorm: '7XYZ9', images: [{ kind: 'context', url: 'https://example.invalid/i.jpg' }] }),
    ]);
  });

  it('reads a { "reads": [...] } or { "data": [...] } wrapper and JSON Lines', async () => {
    const wrapped = await readAll('flock-reads', `{"cursor":"c1","reads":[\n${read('r1', 'A1')},\n${read('r2', 'A2')}\n],"more":false}`);
    expect(rows<PlateReadRow>(wrapped).map((row) => [row.line, row.vendorReadId])).toEqual([
      [2, 'r1'],
      [3, 'r2'],
    ]);
    const data = await readAll('flock-reads', `{"data":[${read('r1', 'A1')}]}`);
    expect(rows<PlateReadRow>(data)).toHaveLength(1);
    const lines = await readAll('flock-reads', `${read('r1', 'A1')}\n${read('r2', 'A2')}\n${read('r3', 'A3')}`);
    expect(lines.map((item) => item.line)).toEqual([1, 2, 3]);
  });

  it('turns a broken element into one reject and reads on; a cut-short file rejects its last record', async () => {
    const items = await readAll(
      'flock-reads',
      `${read('r1', 'A1')}\n{"id":"r2","capturedAt":}\n"just text"\n${read('r3', '')}\n{"id":"r4","captured`,
    );
    expect(rows<PlateReadRow>(items).map((row) => row.vendorReadId)).toEqual(['r1']);
    expect(rejects(items)).toEqual([
      { line: 2, column: null, reason: expect.stringMatching(/^record 2 is not valid JSON/) },
      { line: 3, column: null, reason: 'record 3 is not a JSON object' },
      { line: 4, column: 'plate', reason: 'record 4 (id "r3"): no plate' },
      { line: 5, column: null, reason: 'record 5, starting on this line, is cut short: the file ends inside it' },
    ]);
  });

  it('names the record of a reject by its place and id, where the whole file is one line', async () => {
    const one = `[${read('r1', 'A1')},${read('r2', '')},"x",${read('r4', 'A4')},{"capturedAt":"2026-03-10T04:31:52Z"}]`;
    expect(rejects(await readAll('flock-reads', one))).toEqual([
      { line: 1, column: 'plate', reason: 'record 2 (id "r2"): no plate' },
      { line: 1, column: null, reason: 'record 3 is not a JSON object' },
      { line: 1, column: 'plate', reason: 'record 5: no plate' },
    ]);
    // in a wrapper, the records are counted in its array
    const wrapped = `{"cursor":"c1","reads":[${read('r1', 'A1')},${read('r2', '')}],"more":false}`;
    expect(rejects(await readAll('flock-reads', wrapped))).toEqual([{ line: 1, column: 'plate', reason: 'record 2 (id "r2"): no plate' }]);
    const rekor = JSON.stringify([
      { data_type: 'alpr_group', best_uuid: 'g1', best_plate_number: 'ABC1', epoch_start: 1773117112000, camera_id: 1 },
      { data_type: 'alpr_group', best_uuid: 'g2', best_plate_number: '', epoch_start: 1773117112000, camera_id: 1 },
    ]);
    expect(rejects(await readAll('rekor', rekor))).toEqual([
      { line: 1, column: 'best_plate_number', reason: 'record 2 (id "g2"): no plate' },
    ]);
  });

  it('refuses a file that is not JSON', async () => {
    await expect(readAll('flock-reads', 'hello', { fileName: 'x.json' })).rejects.toThrow(/x.json is read through a column mapping/);
    await expect(readAll('rekor', 'hello', { fileName: 'x.json' })).rejects.toThrow(
      'x.json is not a JSON file: it starts with "hello", not { or [.',
    );
  });

  it('reads Flock CSV through the mapping, with "flock" as the vendor', async () => {
    const m = mapping({ vendor: 'Flock UI', columns: { plate: 'plate', captureTime: 'capturedAt', vendorReadId: 'id' } });
    const items = await readAll('flock-reads', 'id,capturedAt,plate\nr1,2026-03-10T04:31:52Z,ABC123\n', { mapping: m });
    expect(rows<PlateReadRow>(items)).toMatchObject([{ line: 2, vendor: 'flock', vendorReadId: 'r1', plateNorm: 'ABC123' }]);
  });
});

describe('Rekor / OpenALPR JSON', () => {
  it('reads alpr_results (one read per result) and alpr_group with its vehicle crop', async () => {
    const results = {
      data_type: 'alpr_results',
      epoch_time: Date.UTC(2026, 2, 1, 8),
      camera_id: 42,
      uuid: 'u1',
      results: [
        { plate: 'ABC123', confidence: 91.5, region: 'us-ca', candidates: [] },
        { plate: 'XYZ9', confidence: 150, region: 'us-nv' },
      ],
    };
    const group = {
      data_type: 'alpr_group',
      epoch_start: Date.UTC(2026, 2, 1, 9),
      epoch_end: Date.UTC(2026, 2, 1, 9, 1),
      camera_id: 7,
      best_uuid: 'g1',
      best_plate_number: '8DEF456',
      best_confidence: 88,
      best_region: 'us-ca',
      gps_latitude: 34.1,
      gps_longitude: -118.2,
      travel_direction: 180,
      vehicle_crop_jpeg: Buffer.from('jpeg bytes').toString('base64'),
      vehicle: {
        make: [{ name: 'toyota', confidence: 90 }],
        make_model: [{ name: 'toyota_camry', confidence: 80 }],
        color: [{ name: 'white', confidence: 70 }],
      },
    };
    const items = await readAll('rekor', `${JSON.stringify(results)}\n${JSON.stringify(group)}\n`);
    expect(items).toMatchObject([
      {
        line: 1,
        vendor: 'rekor',
        vendorReadId: 'u1#1',
        plateNorm: 'ABC123',
        state: 'CA',
        confidence: 0.915,
        camera: '42',
        capturedAt: Date.UTC(2026, 2, 1, 8),
      },
      { line: 1, column: 'confidence', reason: 'record 1 (id "u1"): confidence 150 is outside 0..100' },
      {
        line: 2,
        vendorReadId: 'g1',
        plateNorm: '8DEF456',
        confidence: 0.88,
        make: 'toyota',
        model: 'toyota_camry',
        color: 'white',
        direction: '180',
        latitude: 34.1,
      },
    ]);
    const groupRow = rows<PlateReadRow>(items)[1]!;
    expect(groupRow.images).toEqual([{ kind: 'vehicle', data: Buffer.from('jpeg bytes') }]);
  });

  it('reads a single object and an array', async () => {
    const one = { epoch_time: Date.UTC(2026, 0, 1), results: [{ plate: 'A1', confidence: 50, region: 'ca' }] };
    expect(rows(await readAll('rekor', JSON.stringify(one)))).toHaveLength(1);
    expect(rows(await readAll('rekor', JSON.stringify([one, one])))).toHaveLength(2);
  });
});

describe('Genetec AutoVu SharpV XML', () => {
  const png = Buffer.from('plate image').toString('base64');
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<Reads>
  <Read>
    <Plate>ABC123</Plate><State>CA</State>
    <UTCDate>2026:03:10</UTCDate><UTCTime>04:31:52.250</UTCTime>
    <CameraName>Unit 12 Left</CameraName><SourceName>Unit 12</SourceName>
    <PlateImage>${png}</PlateImage>
    <ContextImage><![CDATA[${png}]]></ContextImage>
    <LongitudeX>-122.25</LongitudeX><LatitudeY>37.5</LatitudeY>
    <Guid>g-1</Guid><ConfidenceScore>87</ConfidenceScore>
  </Read>
  <Read>
    <Plate>XYZ9</Plate><UTCDate>2026:02:30</UTCDate><UTCTime>04:31:52.000</UTCTime><Guid>g-2</Guid>
  </Read>
  <Read>
    <Plate>DEF4</Plate>`;

  it('reads plates, UTC times, places and base64 images; rejects bad dates; a cut-short read is one reject', async () => {
    const items = await readAll('genetec', xml, { chunk: 50, fileName: 'reads.xml' });
    expect(items).toEqual([
      {
        target: 'plate-reads',
        line: 3,
        vendor: 'genetec',
        vendorReadId: 'g-1',
        plateRaw: 'ABC123',
        plateNorm: 'ABC123',
        state: 'CA',
        capturedAt: Date.UTC(2026, 2, 10, 4, 31, 52, 250),
        capturedText: '2026:03:10 04:31:52.250',
        camera: 'Unit 12 Left',
        latitude: 37.5,
        longitude: -122.25,
        confidence: 0.87,
        direction: null,
        make: null,
        model: null,
        color: null,
        images: [
          { kind: 'plate', data: Buffer.from('plate image') },
          { kind: 'context', data: Buffer.from('plate image') },
        ],
      },
      { line: 12, column: 'UTCDate', reason: 'the capture time "2026:02:30 04:31:52.000" is not a calendar date' },
      { line: 15, column: null, reason: 'the read starting on this line is cut short: the file ends inside it' },
    ]);
  });

  it('refuses a file that is not XML', async () => {
    await expect(readAll('genetec', '{"a":1}', { fileName: 'x.xml' })).rejects.toThrow(
      'x.xml is not an XML file: it does not start with <.',
    );
  });
});
