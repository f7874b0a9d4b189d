/**
 * Property: for any set of plate-read rows with random damage (capture times that are not
 * times, 30 February, missing plates, a quoted cell with text after its closing quote,
 * repeated rows), importing the CSV accounts for every row (imported + duplicates +
 * rejected = read), rejects exactly the damaged rows on their lines, counts the repeats as
 * duplicates, and stores every valid row exactly as written: plate, instant, camera and
 * confidence, read back through `import.reads`.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnMappingInput } from '../../src-main/contract/imports';
import { csvRecord, FLOCK_CSV_HEADER, flockReadsMapping } from '../fixtures/vendor-files';
import { expectWellFormedSummary, importWorkspace, runImport, storedReads } from '../support/import-support';
import { removeTempFolders, tempFolder, type TestWorkspace } from '../support/workspace-fixtures';

afterAll(removeTempFolders);

const DAMAGES = ['none', 'none', 'none', 'none', 'none', 'bad-date', 'feb30', 'missing-plate', 'broken-quote', 'duplicate'] as const;
type Damage = (typeof DAMAGES)[number];
const TIME_STYLES = ['iso-ms', 'iso-s', 'iso-micro', 'offset', 'epoch-ms'] as const;
const CAMERAS = ['Main St & 3rd NB', 'El Camino Real, 42nd Ave SB', 'Gate "North" cam', 'Rue de l\u2019\u00c9glise EB', 'CAM-7'];

const rowArb = fc.record({
  plate: fc
    .tuple(fc.stringMatching(/^[A-Za-z]{1,4}$/), fc.constantFrom('', '', '-', ' '), fc.stringMatching(/^[0-9]{1,4}$/))
    .map(([letters, gap, digits]) => letters + gap + digits),
  state: fc.constantFrom('CA', 'NV', 'OR', 'WA'),
  camera: fc.constantFrom(...CAMERAS),
  confidence: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null }),
  timeStyle: fc.constantFrom(...TIME_STYLES),
  ms: fc.integer({ min: 0, max: 999 }),
  badDate: fc.constantFrom('not a time', '2026-19-01T00:00:00Z', '2026-06-01T24:30:00Z', '06/01/2026 25:00', 'yesterday'),
  damage: fc.constantFrom(...DAMAGES),
});
type Row = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

/** The text of an instant in one of the styles a vendor file may use, and the instant it names. */
function timeText(instant: number, style: (typeof TIME_STYLES)[number]): { text: string; at: number } {
  const iso = new Date(instant).toISOString();
  switch (style) {
    case 'iso-ms':
      return { text: iso, at: instant };
    case 'iso-s':
      return { text: iso.slice(0, 19) + 'Z', at: instant - (instant % 1000) };
    case 'iso-micro':
      return { text: iso.slice(0, 23) + '417Z', at: instant };
    case 'offset':
      return { text: new Date(instant + 2 * 3_600_000).toISOString().slice(0, 23) + '+02:00', at: instant };
    case 'epoch-ms':
      return { text: String(instant), at: instant };
  }
}

interface Expected {
  line: number;
  id: string;
  plate: string;
  at: string;
  text: string;
  camera: string;
  confidence: number | null;
}

let w: TestWorkspace;
let token: string;
let dir: string;
let run = 0;

beforeAll(() => {
  ({ w, token } = importWorkspace('imports-property'));
  dir = tempFolder('imports-property-files');
});
afterAll(() => w?.ws.close());

describe('random rows with random damage', () => {
  it('account for every row, reject exactly the damaged ones and store the valid ones exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 40 }), fc.boolean(), async (rows: Row[], withIds: boolean) => {
        run++;
        const base = Date.parse('2026-06-01T00:00:00Z') + run * 10_000_000;
        let text = FLOCK_CSV_HEADER.join(',') + '\n';
        const valid: Expected[] = [];
        const rejectLines = new Map<number, string | null | undefined>();
        const validLines: string[] = [];
        let duplicates = 0;
        rows.forEach((row, i) => {
          const line = i + 2;
          let damage: Damage = row.damage;
          if (damage === 'duplicate' && validLines.length === 0) damage = 'none';
          if (damage === 'duplicate') {
            text += validLines[(row.ms * 7) % validLines.length];
            duplicates++;
            return;
          }
          const id = `prop-${run}-${i}`;
          const time = timeText(base + i * 60_000 + row.ms, row.timeStyle);
          let timeCell = time.text;
          let plateCell = row.plate;
          if (damage === 'bad-date') timeCell = row.badDate;
          if (damage === 'feb30') timeCell = '2026-02-30T10:00:00Z';
          if (damage === 'missing-plate') plateCell = '';
          const cells = [
            id,
            timeCell,
            plateCell,
            row.state,
            row.confidence === null ? '' : String(row.confidence / 1000),
            `dev-${CAMERAS.indexOf(row.camera)}`,
            row.camera,
            '37.5',
            '-122.25',
            'Toyota',
            'Camry',
            'silver',
            'N',
          ];
          let record = csvRecord(cells);
          if (damage === 'broken-quote') record = record.replace(`${id},`, `"${id}"x,`);
          text += record;
          if (damage === 'none') {
            validLines.push(record);
            valid.push({
              line,
              id,
              plate: row.plate,
              at: new Date(time.at).toISOString(),
              text: time.text,
              camera: row.camera,
              confidence: row.confidence === null ? null : row.confidence / 1000,
            });
          } else rejectLines.set(line, damage === 'missing-plate' ? 'plate' : damage === 'broken-quote' ? undefined : 'capturedAt');
        });
        const file = path.join(dir, `run-${run}.csv`);
        fs.writeFileSync(file, text);

        const mapping: ColumnMappingInput = flockReadsMapping();
        if (!withIds) delete (mapping.columns as { vendorReadId?: string }).vendorReadId;
        const result = await runImport(w.ws, token, file, { vendor: 'csv', mapping, timezone: 'UTC' });
        if (!result.ok) throw new Error(`run ${run}: refused: ${result.error.message}`);
        const s = result.summary;
        expectWellFormedSummary(s);
        expect({ read: s.read, imported: s.imported, duplicates: s.duplicates, rejected: s.rejected }).toEqual({
          read: rows.length,
          imported: valid.length,
          duplicates,
          rejected: rejectLines.size,
        });
        expect(s.rejects.map((r) => r.line)).toEqual([...rejectLines.keys()]);
        for (const reject of s.rejects) {
          const column = rejectLines.get(reject.line);
          if (column !== undefined) expect(reject.column, `the reject on line ${reject.line}: ${reject.reason}`).toBe(column);
        }

        const stored = storedReads(w.ws, token, s.importId);
        expect(
          stored.map((r) => ({
            line: r.line,
            id: withIds ? r.vendorReadId : `prop-${run}-${r.line - 2}`,
            plate: r.plate,
            at: r.capturedAt,
            text: r.capturedText,
            camera: r.camera,
            confidence: r.confidence,
          })),
        ).toEqual(valid);
        for (const r of stored) expect(r.plateNormalized).toBe(r.plate.toUpperCase().replace(/[^A-Z0-9]/g, ''));
      }),
      { numRuns: 25, endOnFailure: true },
    );
  });
});
