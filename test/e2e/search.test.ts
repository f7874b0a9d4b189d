import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../src-main/contract/imports';
import type { Db } from '../../src-main/core/store/database';
import { rgbPng } from '../fixtures/files';
import { flockReadsMapping, tinyJpeg, writeFlockReadsCsv } from '../fixtures/vendor-files';
import {
  COMMANDER,
  MEMBER,
  expectAccessible,
  field,
  giveCaseAndPurpose,
  openApp,
  openModule,
  signInAs,
  UI_TIMEOUT,
  useBrowser,
  type OpenApp,
} from '../support/browser';
import { tempFolder } from '../support/temp';

// The Search page in Chromium through the real bridge, over reads imported through the gate
// (a Genetec SharpV XML with plate and scene images, and 4,000 generated Flock reads): exact,
// wildcard and OCR-aware searches, a purpose that states nothing refused and corrected, a read
// opened with its images and provenance, selected reads exported, and the access log's entry
// for every search with its query. The commander's list of vague purposes is edited in Settings.

const browser = useBrowser();
const eventually = <T>(read: () => T | Promise<T>, timeout = UI_TIMEOUT) => expect.poll(read, { timeout });
const sha256 = (bytes: Buffer | string) => crypto.createHash('sha256').update(bytes).digest('hex');

const CASE = '26-1187';
const PURPOSE = 'Locate the stolen grey Toyota in burglary report 26-1187';

function store(app: OpenApp): Db {
  const db = app.service.workspace?.database();
  if (!db) throw new Error('the store is closed');
  return db;
}

// ---- a plate image that shows its plate -------------------------------------------------

/** 3×5 glyphs, one string of 15 bits per character (rows top to bottom). */
const GLYPHS: Record<string, string> = {
  '0': '111101101101111',
  '1': '010110010010111',
  '2': '111001111100111',
  '3': '111001111001111',
  '4': '101101111001001',
  '5': '111100111001111',
  '6': '111100111101111',
  '7': '111001010010010',
  '8': '111101111101111',
  '9': '111101111001111',
  A: '010101111101101',
  B: '110101110101110',
  C: '011100100100011',
  D: '110101101101110',
  K: '101101110101101',
  X: '101101010101101',
  Y: '101101010010010',
  Z: '111001010100111',
};

/** A real PNG of a licence plate: dark characters on white inside a blue border, `scale` pixels per glyph dot. */
function platePng(text: string, scale = 4): Buffer {
  const margin = 3 * scale;
  const width = margin * 2 + text.length * 4 * scale - scale;
  const height = margin * 2 + 5 * scale;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 3 + 1)] = 0;
    for (let x = 0; x < width; x++) {
      const border = x < scale || y < scale || x >= width - scale || y >= height - scale;
      const gx = x - margin;
      const gy = y - margin;
      const glyph = GLYPHS[text[Math.floor(gx / (4 * scale))] ?? ''];
      const col = Math.floor((gx % (4 * scale)) / scale);
      const row = Math.floor(gy / scale);
      const ink = gx >= 0 && gy >= 0 && row < 5 && col < 3 && glyph?.[row * 3 + col] === '1';
      const [r, g, b] = border ? [26, 77, 143] : ink ? [20, 20, 30] : [250, 250, 245];
      raw.set([r, g, b], y * (width * 3 + 1) + 1 + x * 3);
    }
  }
  return rgbPng(width, height, raw);
}

// ---- the reads imported for these tests ------------------------------------------------

interface SharpRead {
  plate: string;
  state: string;
  at: string;
  camera: string;
  score: number;
}

/** The plates the searches look for: one as reported, its misreads, and some that must not match. */
const SHARP_READS: SharpRead[] = [
  { plate: '7ABC123', state: 'CA', at: '2026-10-02T14:05:11.250Z', camera: 'Camera 1 (Main & 3rd)', score: 96 },
  { plate: '7A8C123', state: 'CA', at: '2026-10-02T14:31:02.000Z', camera: 'Camera 2', score: 71 },
  { plate: '7ABC1Z3', state: 'CA', at: '2026-10-02T15:12:45.500Z', camera: 'Camera 2', score: 80 },
  { plate: '7ABC1234', state: 'NV', at: '2026-10-02T16:40:00.000Z', camera: 'Camera 1 (Main & 3rd)', score: 88 },
  { plate: '5KBC129', state: 'CA', at: '2026-10-02T17:02:19.000Z', camera: 'Camera 3', score: 93 },
  { plate: '7ABD123', state: 'CA', at: '2026-10-02T17:15:33.000Z', camera: 'Camera 3', score: 90 },
  { plate: '8XYZ500', state: 'AZ', at: '2026-10-02T18:00:00.000Z', camera: 'Camera 1 (Main & 3rd)', score: 99 },
];

/** Genetec AutoVu SharpV XML: one <AutoVu> per read, a plate image (PNG) and a scene image (JPEG) in base64. */
function writeSharpXml(dir: string): string {
  const blocks = SHARP_READS.map((read, i) => {
    const d = new Date(read.at);
    const p2 = (n: number) => String(n).padStart(2, '0');
    return [
      '<AutoVu>',
      `  <Plate>${read.plate}</Plate>`,
      `  <State>${read.state}</State>`,
      `  <UTCDate>${d.getUTCFullYear()}:${p2(d.getUTCMonth() + 1)}:${p2(d.getUTCDate())}</UTCDate>`,
      `  <UTCTime>${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')}</UTCTime>`,
      `  <CameraName>${read.camera.replace(/&/g, '&amp;')}</CameraName>`,
      '  <SourceName>SHARPV12345</SourceName>',
      `  <ContextImage>${tinyJpeg(`scene ${read.plate}`).toString('base64')}</ContextImage>`,
      `  <PlateImage>${platePng(read.plate).toString('base64')}</PlateImage>`,
      `  <LongitudeX>-122.28${i}</LongitudeX>`,
      `  <LatitudeY>37.51${i}</LatitudeY>`,
      `  <Guid>6f1c2a40-0000-4000-8000-00000000000${i}</Guid>`,
      `  <ConfidenceScore>${read.score}</ConfidenceScore>`,
      '</AutoVu>',
    ].join('\n');
  });
  const file = path.join(dir, 'sharpv-unit-12.xml');
  fs.writeFileSync(file, `<?xml version="1.0" encoding="utf-8"?>\n<AutoVuExport>\n${blocks.join('\n')}\n</AutoVuExport>\n`);
  return file;
}

/** Import both files through the gate, as the commander, before anyone opens the page. */
async function importReads(app: OpenApp): Promise<{ sharp: ImportSummary; sharpSha256: string }> {
  const ws = app.service.workspace!;
  const dir = tempFolder('search-files');
  const sharpFile = writeSharpXml(dir);
  const bulk = await writeFlockReadsCsv(path.join(dir, 'flock-reads.csv'), { rows: 4_000, seed: 41 });
  const { token } = ws.signIn(COMMANDER.username, COMMANDER.password);
  const run = async (input: Record<string, unknown>) =>
    (await ws.startJob(token, 'import.run', input, undefined, {
      signal: new AbortController().signal,
      onProgress: () => undefined,
    })) as ImportSummary;
  const sharp = await run({ source: { path: sharpFile }, vendor: 'auto' });
  expect(sharp).toMatchObject({ status: 'committed', imported: SHARP_READS.length, images: SHARP_READS.length * 2 });
  const flock = await run({ source: { path: bulk.file }, vendor: 'csv', mapping: flockReadsMapping(), timezone: 'UTC' });
  expect(flock).toMatchObject({ status: 'committed', imported: 4_000 });
  ws.call(token, 'session.signOut', {});
  return { sharp, sharpSha256: sha256(fs.readFileSync(sharpFile)) };
}

async function openSearch(person = MEMBER): Promise<OpenApp & { imported: Awaited<ReturnType<typeof importReads>> }> {
  const app = await openApp(browser(), { people: [MEMBER], trained: [MEMBER.username, COMMANDER.username] });
  const imported = await importReads(app);
  await signInAs(app.page, person);
  await app.page.getByRole('navigation', { name: 'Modules' }).waitFor();
  await openModule(app.page, 'Search');
  return Object.assign(app, { imported });
}

// ---- the page ----------------------------------------------------------------------------

const results = (page: Page) => page.getByRole('table', { name: 'Plate reads found' });
const rows = (page: Page) => results(page).locator('tbody tr.cu-results-row');
const plates = async (page: Page) => (await rows(page).locator('td.cu-plate').allTextContents()).map((s) => s.trim());

async function search(page: Page, plate: string, options: { fuzzy?: boolean } = {}): Promise<void> {
  await field(page, 'Plate or pattern').fill(plate);
  const ocr = page.getByRole('switch', { name: 'OCR-aware' });
  if ((await ocr.isChecked()) !== (options.fuzzy ?? false)) await ocr.click();
  await field(page, 'Plate or pattern').press('Enter');
}

/** Fill the case-and-purpose dialog and press Continue; the dialog stays when the gate refuses the purpose. */
async function answerAccess(page: Page, caseNumber: string, purpose: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Case and purpose' });
  await field(dialog, 'Case number').fill(caseNumber);
  await field(dialog, 'Purpose').fill(purpose);
  await dialog.getByRole('button', { name: 'Continue' }).click();
}

/** Wait for the results of a search for `plate` (the sentence names the pattern); a refusal shown instead fails at once with its words. */
async function resultsFor(page: Page, plate: string): Promise<void> {
  const shown = async () => {
    const refusal = page.getByRole('alert');
    if ((await refusal.count()) > 0) return `refused: ${(await refusal.allTextContents()).join(' / ')}`;
    return (await page.getByTestId('search-described').textContent()) ?? '';
  };
  await eventually(shown).toContain(`"${plate}"`);
}

/** Every thumbnail in view has loaded a real image (a decoded data URL). */
async function thumbnailsLoaded(page: Page): Promise<number> {
  return (await page.evaluate(`(() => {
    const images = [...document.querySelectorAll('table[aria-label="Plate reads found"] img.cu-thumb')];
    return images.filter((img) => img.src.startsWith('data:image/') && img.complete && img.naturalWidth > 0).length;
  })()`)) as number;
}

describe('Search page', () => {
  it('finds plates exactly, by wildcards and OCR-aware (misreads ranked after the exact read), refusing a purpose that states nothing until corrected; every search is logged with its query', async () => {
    const app = await openSearch();
    const { page } = app;
    await page.getByRole('form', { name: 'Search plate reads' }).waitFor();
    await page.getByText('Searches only the plate reads already imported on this workstation').waitFor();
    await expectAccessible(page, 'Search, before a search');
    await app.screenshot('search-empty');

    // A typing mistake is shown by the field, in the contract's words, and opens nothing.
    await search(page, 'AB#12');
    await eventually(() => field(page, 'Plate or pattern').getAttribute('aria-invalid')).toBe('true');
    await page.getByText(/A plate pattern uses letters, digits/).waitFor();
    expect(await page.getByRole('dialog', { name: 'Case and purpose' }).count()).toBe(0);

    // The first search asks for the case and purpose; "investigation" states nothing and the gate says so in the dialog.
    await search(page, '7ABC123');
    await answerAccess(page, CASE, 'investigation');
    const dialog = page.getByRole('dialog', { name: 'Case and purpose' });
    await dialog.getByText('"investigation" does not state a purpose.').waitFor();
    expect(await dialog.textContent()).toMatch(/for example "Locate the stolen vehicle in burglary report 26-1187"/);
    expect(await field(dialog, 'Case number').inputValue()).toBe(CASE);
    await expectAccessible(page, 'Search, vague purpose refused');
    await app.screenshot('search-purpose-vague');

    // Corrected, the same search runs.
    await field(dialog, 'Purpose').fill(PURPOSE);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.waitFor({ state: 'detached' });
    await resultsFor(page, '7ABC123');
    expect(await plates(page)).toEqual(['7ABC123']);
    const exact = rows(page).first();
    expect(await exact.locator('td').nth(3).textContent()).toBe('CA');
    // Time in local time, the UTC instant on hover.
    expect(await exact.locator('td').nth(4).getAttribute('title')).toBe('2026-10-02T14:05:11.250Z (UTC)');
    expect(await exact.locator('td').nth(5).textContent()).toBe('Camera 1 (Main & 3rd)');
    expect(await exact.locator('td').nth(6).textContent()).toBe('96%');
    await eventually(() => thumbnailsLoaded(page)).toBe(1);
    expect(await page.getByText(`Searched for case ${CASE}: ${PURPOSE}`).count()).toBe(1);
    await expectAccessible(page, 'Search, exact plate');
    await app.screenshot('search-exact');

    // Wildcards: * any run, ? one character. Newest first.
    await search(page, '*BC12*');
    await resultsFor(page, '*BC12*');
    expect(await plates(page)).toEqual(['5KBC129', '7ABC1234', '7ABC123']);
    await eventually(() => thumbnailsLoaded(page)).toBe(3);
    await app.screenshot('search-wildcard');
    await search(page, '7AB?123');
    await resultsFor(page, '7AB?123');
    expect(await plates(page)).toEqual(['7ABD123', '7ABC123']);

    // OCR-aware: the read as typed first, then the misreads by closeness, each saying how it differs.
    await search(page, '7ABC123', { fuzzy: true });
    await resultsFor(page, '7ABC123');
    await eventually(() => plates(page)).toEqual(['7ABC123', '7ABC1Z3', '7A8C123', '7ABC1234']);
    const differences = await rows(page).locator('td:nth-child(8)').allTextContents();
    expect(differences[0]).toBe('as typed');
    expect(differences[1]).toMatch(/^1 2 read as Z$/);
    expect(differences[2]).toMatch(/^1 B read as 8$/);
    expect(differences[3]).toMatch(/^2 extra "4" in the read$/);
    expect(await plates(page)).not.toContain('7ABD123'); // D is not a misread of B
    await eventually(() => thumbnailsLoaded(page)).toBe(4);
    await expectAccessible(page, 'Search, OCR-aware');
    await app.screenshot('search-ocr-aware');

    // Filters fold away; opened, a state narrows the OCR-aware search to the Nevada read.
    await page.getByRole('button', { name: 'Filters' }).click();
    await field(page, 'State').fill('nv');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await eventually(() => plates(page)).toEqual(['7ABC1234']);
    await page.getByRole('button', { name: 'Filters (1 in use)' }).waitFor();
    await eventually(() => thumbnailsLoaded(page)).toBe(1);
    await app.screenshot('search-filters');
    await page.getByRole('button', { name: 'Clear filters' }).click();

    // Thousands of rows: the limit is reached and said, and the table holds only the rows in view.
    await search(page, '*4*');
    await resultsFor(page, '*4*');
    await page.getByTestId('truncated').getByText('narrow the search').waitFor();
    expect(await page.getByTestId('search-count').textContent()).toMatch(/^1,000 reads shown/);
    await rows(page).first().focus();
    await page.keyboard.press('End');
    await eventually(() => results(page).locator('tr[data-index="999"]').count()).toBe(1);
    expect(await rows(page).count()).toBeLessThan(60);
    await eventually(async () => (await page.evaluate('document.activeElement?.getAttribute("data-index")')) as string).toBe('999');
    await page.evaluate('window.scrollTo(0, 0)'); // a full-page shot of a scrolled window repeats the sticky header
    await app.screenshot('search-truncated');

    // The access log: the refusal, and every search with its whole query, case and purpose.
    const entries = store(app)
      .prepare(
        "SELECT objects, case_number AS caseNumber, purpose, outcome, reason FROM audit_log WHERE operation = 'search.plates' ORDER BY seq",
      )
      .all() as { objects: string; caseNumber: string; purpose: string; outcome: string; reason: string | null }[];
    const queries = entries.map((e) => ({ ...e, input: (JSON.parse(e.objects) as { input: Record<string, unknown> }).input }));
    expect(queries.map((q) => [q.input.plate, q.input.fuzzy, q.outcome])).toEqual([
      ['7ABC123', false, 'denied'],
      ['7ABC123', false, 'ok'],
      ['*BC12*', false, 'ok'],
      ['7AB?123', false, 'ok'],
      ['7ABC123', true, 'ok'],
      ['7ABC123', true, 'ok'],
      ['*4*', false, 'ok'],
    ]);
    expect(queries[0]).toMatchObject({ caseNumber: CASE, purpose: 'investigation' });
    expect(queries[0]!.reason).toMatch(/does not state a purpose/);
    expect(queries[5]!.input.state).toBe('NV');
    for (const q of queries.slice(1)) expect(q).toMatchObject({ caseNumber: CASE, purpose: PURPOSE });
  });

  it('opens a read with its images and provenance, and exports the selected reads to CSV under the search’s case', async () => {
    const app = await openSearch();
    const { page } = app;
    await search(page, '*BC12*');
    await giveCaseAndPurpose(page, CASE, PURPOSE);
    await resultsFor(page, '*BC12*');
    await eventually(() => thumbnailsLoaded(page)).toBe(3);

    // Enter on a row opens it: the full plate image, decoded, and where the read came from.
    await rows(page).nth(2).focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: 'Plate read 7ABC123' });
    const plateImage = drawer.getByRole('img', { name: 'Plate image of 7ABC123' });
    await plateImage.waitFor();
    await eventually(() => plateImage.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(100);
    await drawer.getByRole('img', { name: 'Scene image of 7ABC123' }).waitFor();
    const provenance = drawer.getByTestId('provenance');
    const provenanceText = (await provenance.innerText()).replace(/\s+/g, ' ');
    expect(provenanceText).toContain(`Import #${app.imported.sharp.importId}`);
    expect(provenanceText).toContain('sharpv-unit-12.xml');
    expect(provenanceText).toContain(app.imported.sharpSha256);
    expect(provenanceText).toContain(COMMANDER.username);
    expect(provenanceText).toMatch(/Line \d+/);
    expect(await drawer.innerText()).toContain('2026-10-02T14:05:11.250Z');
    await expectAccessible(page, 'Search, a read opened');
    await app.screenshot('search-read-opened');
    await provenance.scrollIntoViewIfNeeded();
    await app.screenshot('search-read-provenance');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });

    // Select two reads (Space on a row, a click on a checkbox) and export them.
    await rows(page).nth(0).focus();
    await page.keyboard.press('Space');
    await rows(page).nth(2).getByRole('checkbox').click();
    await page.getByTestId('selection-count').getByText('2 reads selected').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export selected to CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^custodian-plate-reads-case-26-1187-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = path.join(tempFolder('search-export'), download.suggestedFilename());
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    const lines = bytes.toString('utf8').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^read_id,plate,/);
    expect(lines.slice(1).map((line) => line.split(',')[1])).toEqual(['5KBC129', '7ABC123']);
    await eventually(() => page.getByTestId('export-sha256').textContent()).toBe(sha256(bytes));
    await page.getByText('Exported 2 reads').waitFor();
    await expectAccessible(page, 'Search, exported');
    await page.evaluate('window.scrollTo(0, 0)');
    await app.screenshot('search-exported');

    // Thumbnails, the opened read and the export went under the search's own case and purpose.
    const logged = store(app)
      .prepare(
        "SELECT operation, case_number AS caseNumber, purpose, outcome FROM audit_log WHERE operation LIKE 'search.%' AND operation != 'search.plates' ORDER BY seq",
      )
      .all() as { operation: string; caseNumber: string; purpose: string; outcome: string }[];
    expect(new Set(logged.map((e) => e.operation))).toEqual(new Set(['search.thumbnails', 'search.read', 'search.export']));
    for (const entry of logged) expect(entry).toMatchObject({ caseNumber: CASE, purpose: PURPOSE, outcome: 'ok' });
  });

  it("opens a Rekor read with the camera's name, the agent, parked and the plate's other readings; --camera finds it by that name", async () => {
    const app = await openSearch();
    const { page } = app;
    const file = path.join(tempFolder('search-rekor'), 'rekor-mailbox.json');
    fs.writeFileSync(
      file,
      JSON.stringify([
        {
          data_type: 'alpr_group',
          epoch_start: Date.parse('2026-10-03T09:12:30Z'),
          best_plate_number: '9MBX001',
          best_confidence: 91.5,
          best_region: 'us-ks',
          best_uuid: 'mailbox-9MBX001',
          camera_id: 1301,
          camera_label: 'mailbox-east',
          agent_label: 'Parsons North site',
          is_parked: true,
          candidates: [
            { plate: '9MBX001', confidence: 91.5, matches_template: 1 },
            { plate: '9M8X001', confidence: 77.25, matches_template: 1 },
            { plate: '9MBX00I', confidence: 60, matches_template: 0 },
          ],
          // a vendor's arithmetic printed in full: 37.342000000000006
          gps_latitude: 37.34 + 0.002,
          gps_longitude: -95.26,
        },
      ]),
    );
    const ws = app.service.workspace!;
    const { token } = ws.signIn(COMMANDER.username, COMMANDER.password);
    await ws.startJob(token, 'import.run', { source: { path: file }, vendor: 'auto' }, undefined, {
      signal: new AbortController().signal,
      onProgress: () => undefined,
    });
    ws.call(token, 'session.signOut', {});

    await page.getByRole('button', { name: 'Filters' }).click();
    await field(page, 'Camera or location').fill('mailbox-east');
    await search(page, '9MBX*');
    await giveCaseAndPurpose(page, CASE, PURPOSE);
    await resultsFor(page, '9MBX*');
    expect(await plates(page)).toEqual(['9MBX001']);
    expect(await rows(page).first().innerText()).toContain('1301 (mailbox-east)');
    await rows(page).first().focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: 'Plate read 9MBX001' });
    await drawer.getByText('Parsons North site').waitFor();
    const fields = (await drawer.innerText()).replace(/\s+/g, ' ');
    expect(fields).toContain('Camera name mailbox-east');
    expect(fields).toContain('Agent Parsons North site');
    expect(fields).toContain('Location 37.342, -95.26');
    expect(fields).toContain('Parked Yes');
    expect(await drawer.getByRole('list', { name: 'Other readings of the plate, best first' }).innerText()).toMatch(
      /9MBX001 92%[^]*9M8X001 77%[^]*fits the plate pattern[^]*9MBX00I 60%/,
    );
    await expectAccessible(page, 'Search, a Rekor read opened');
    await app.screenshot('search-read-rekor');
  });

  it('a commander adds a purpose that states nothing; a search giving it is then refused, and others see the list read-only', async () => {
    const app = await openSearch(COMMANDER);
    const { page } = app;
    await openModule(page, 'Settings');
    const list = page.getByRole('list', { name: 'Purposes that state nothing' });
    await list.getByText('“bolo”').waitFor();
    const add = field(page, 'Add a word or phrase');
    await add.fill('routine patrol check');
    await add.press('Enter');
    await list.getByText('“routine patrol check”').waitFor();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page
      .getByRole('status')
      .getByText(/Settings saved/)
      .waitFor();
    const stored = store(app).prepare("SELECT value FROM settings WHERE key = 'vaguePurposes'").pluck().get() as string;
    expect(JSON.parse(stored)).toContain('routine patrol check');
    await expectAccessible(page, 'Settings, purposes that state nothing');
    await app.screenshot('settings-vague-purposes');

    // Two words of their own, so it was a purpose before; now it is refused, with the gate's sentence.
    await openModule(page, 'Search');
    await search(page, '7ABC123');
    await answerAccess(page, CASE, 'Routine patrol check');
    const dialog = page.getByRole('dialog', { name: 'Case and purpose' });
    await dialog.getByText('"Routine patrol check" does not state a purpose.').waitFor();
    // Closing the dialog leaves the refusal on the page.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'does not state a purpose' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('The purpose states nothing: the search did not run');
    await app.screenshot('search-purpose-refused-closed');
    const last = store(app)
      .prepare("SELECT purpose, outcome FROM audit_log WHERE operation = 'search.plates' ORDER BY seq DESC LIMIT 1")
      .get() as { purpose: string; outcome: string };
    expect(last).toEqual({ purpose: 'Routine patrol check', outcome: 'denied' });

    // A member sees the list, and cannot change it.
    const member = await openApp(browser(), { people: [MEMBER], trained: [MEMBER.username] });
    await signInAs(member.page, MEMBER);
    await openModule(member.page, 'Settings');
    await member.page.getByRole('list', { name: 'Purposes that state nothing' }).getByText('“investigation”').waitFor();
    expect(await member.page.getByRole('button', { name: /^Remove / }).count()).toBe(0);
    expect(await member.page.getByRole('textbox').count()).toBe(0);
  });
});
