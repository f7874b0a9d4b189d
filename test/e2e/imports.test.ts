import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src-main/core/store/database';
import {
  ADMINISTRATOR,
  MEMBER,
  expectAccessible,
  field,
  giveCaseAndPurpose,
  openAddress,
  openApp,
  openModule,
  signInAs,
  UI_TIMEOUT,
  useBrowser,
  type OpenApp,
} from '../support/browser';
import { tempFolder } from '../support/temp';
import { writeSearchAuditWorkbooks } from '../fixtures/vendor-files';

// The Imports page in Chromium through the real bridge: files sent (PUT /upload), detected and
// previewed, an unknown CSV described by a mapping and saved as a profile, imported as jobs with
// progress, a long import cancelled, the summary and its rejects, the history with hashes, and
// an import's reads opened only with a case and purpose.

const browser = useBrowser();
const eventually = <T>(read: () => T | Promise<T>, timeout = UI_TIMEOUT) => expect.poll(read, { timeout });
const sha256 = (bytes: Buffer | string) => crypto.createHash('sha256').update(bytes).digest('hex');

function store(app: OpenApp): Db {
  const db = app.service.workspace?.database();
  if (!db) throw new Error('the store is closed');
  return db;
}

// ---- files written for these tests ------------------------------------------------------------

/** A Flock organization audit export, 14 columns, as Flock writes it. */
function flockAuditCsv(rows = 12): string {
  const header =
    'ID,Name,Org Name,Total Networks Searched,Total Devices Searched,Time Frame,License Plate,Reason,Case #,Filters,Search Time,Search Type,Text Prompt,Moderation';
  const lines = [header];
  for (let i = 0; i < rows; i++) {
    const day = 1 + (i % 28);
    lines.push(
      [
        `a1b2c3d4-${String(i).padStart(4, '0')}-4e5f-8a9b-0c1d2e3f4a5b`,
        'Officer J. Rivera',
        'Parsons PD',
        '3',
        '412',
        `"11/${day}/2025 08:00 AM UTC to 11/${day}/2025 09:00 AM UTC"`,
        i % 4 === 0 ? 'Z*0028*' : `8ABC${String(100 + i)}`,
        'Stolen vehicle',
        `25-${String(1000 + i)}`,
        '',
        `"11/${day}/2025, 09:53:36 AM UTC"`,
        'search',
        '',
        '',
      ].join(','),
    );
  }
  return lines.join('\r\n') + '\r\n';
}

const FLOCK_READS_HEADER = 'id,capturedAt,plate,state,plateConfidence,deviceId,deviceName,lat,lon,make,model,color,direction';

/** A Flock-style reads CSV; rows listed in `bad` have an unreadable capture time. */
function flockReadsCsv(rows: number, bad: ReadonlySet<number> = new Set(), prefix = 'R'): string {
  const parts: string[] = [FLOCK_READS_HEADER + '\n'];
  const base = Date.parse('2026-10-01T08:00:00Z');
  for (let i = 0; i < rows; i++) {
    const at = bad.has(i) ? 'not a time' : new Date(base + i * 1000).toISOString().replace('Z', '123Z').replace('.000123Z', '.000123Z');
    parts.push(
      `${prefix}${i.toString(36)}-${(i * 7919).toString(16)},${at},${plateFor(i)},CA,0.${90 + (i % 10)},dev-${i % 5},North gate ${i % 5},37.5${i % 10},-122.3${i % 10},Toyota,Camry,Silver,NB\n`,
    );
  }
  return parts.join('');
}

function plateFor(i: number): string {
  const letters = 'ABCDEFGHJKLMNPRSTUVWXYZ';
  return `${1 + (i % 9)}${letters[i % 23]}${letters[(i >> 3) % 23]}${letters[(i >> 6) % 23]}${String(i % 1000).padStart(3, '0')}`;
}

/** A CSV no detector knows: the clerk describes its columns. */
function unknownCsv(): string {
  return [
    'Tag;Seen;Cam;Lat;Lng;Conf',
    '7XYZ123;2026-10-02T10:15:00Z;Main St cam 1;37.51;-122.31;88',
    '6ABC987;2026-10-02T10:16:30Z;Main St cam 2;37.52;-122.32;93',
    '5DEF456;2026-10-02T10:17:45Z;Main St cam 1;37.51;-122.31;71',
    '4GHJ321;2026-10-02T10:19:05Z;Main St cam 3;37.53;-122.33;99',
  ].join('\n');
}

function writeFile(dir: string, name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** Drop files on the drop zone as a person dragging them from the desktop would. */
async function dropFiles(page: Page, files: { name: string; text: string }[], stopBeforeDrop = false): Promise<void> {
  const dataTransfer = await page.evaluateHandle(`(() => {
    const dt = new DataTransfer();
    for (const f of ${JSON.stringify(files)}) dt.items.add(new File([f.text], f.name, { type: 'text/csv' }));
    return dt;
  })()`);
  const zone = page.getByTestId('dropzone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  if (stopBeforeDrop) return;
  await zone.dispatchEvent('drop', { dataTransfer });
}

/** The card of one added file (a region named by the file name). */
const card = (page: Page, name: string): Locator => page.getByRole('region', { name, exact: true });

/** Choose `option` in the Mantine select labelled `label` inside `scope`. */
async function choose(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await field(scope, label).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function openImports(): Promise<OpenApp> {
  const app = await openApp(browser(), { people: [ADMINISTRATOR], trained: [ADMINISTRATOR.username] });
  await signInAs(app.page, ADMINISTRATOR);
  await app.page.getByRole('navigation', { name: 'Modules' }).waitFor();
  await openModule(app.page, 'Imports');
  return app;
}

/** Record every text the import progress bar shows (imports of a few rows finish too fast to poll). */
async function watchProgress(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    window.__progressSeen = [];
    new MutationObserver(() => {
      for (const bar of document.querySelectorAll('[role="group"]')) {
        const text = bar.textContent ?? '';
        if (!text.startsWith('Importing ')) continue;
        if (window.__progressSeen.at(-1) !== text) window.__progressSeen.push(text);
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
}

describe('Imports page', () => {
  it('sends files, detects them, maps an unknown CSV into a profile, imports them, sums up, and keeps a history with hashes', async () => {
    const app = await openImports();
    const { page } = app;
    const dir = tempFolder('import-files');
    await page.getByRole('heading', { level: 2, name: 'Add files' }).waitFor();
    await page.getByText('No imports yet.').waitFor();
    await expectAccessible(page, 'Imports, empty');
    await app.screenshot('imports-empty');

    // "Choose files…" is a real button reaching a real file input.
    const auditText = flockAuditCsv();
    const readsText = flockReadsCsv(40, new Set([7, 23]));
    const auditFile = writeFile(dir, 'flock-org-audit.csv', auditText);
    const readsFile = writeFile(dir, 'flock-reads.csv', readsText);
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose files…' }).focus();
    await page.keyboard.press('Enter');
    await (await chooser).setFiles([auditFile, readsFile]);
    // A preview shows the file's rows: like every view of plate data it needs a case and a purpose (427.6(b)).
    await page.getByRole('dialog', { name: 'Case and purpose' }).waitFor();
    await eventually(() => page.evaluate(`getComputedStyle(document.querySelector('.mantine-Modal-content')).opacity`)).toBe('1');
    await expectAccessible(page, 'the case-and-purpose dialog over the Imports page');
    await giveCaseAndPurpose(page, '26-0042', 'Checking the vendor export before a stolen-vehicle search');

    const audit = card(page, 'flock-org-audit.csv');
    const reads = card(page, 'flock-reads.csv');
    await eventually(() => audit.getByTestId('detected-format').textContent()).toBe('Flock Safety organization / network audit');
    expect(await audit.getByTestId('detection').textContent()).toMatch(/^Detected a Flock .*audit/);
    expect(await audit.getByTestId('upload-sha256').textContent()).toBe(sha256(auditText));
    expect(await reads.getByTestId('upload-sha256').textContent()).toBe(sha256(readsText));
    // Flock reads in CSV have no fixed layout: the page asks for a mapping, and starts it from the columns it recognised.
    await reads.getByText('Needs a mapping').waitFor();
    await reads
      .getByTestId('detection')
      .getByText(/look like plate reads but match no known layout/)
      .waitFor();
    expect(await field(reads, 'Plate').inputValue()).toBe('plate');
    expect(await field(reads, 'Capture time (or date)').inputValue()).toBe('capturedAt');
    // The zone defaults to the workstation's.
    const zone = await page.evaluate('Intl.DateTimeFormat().resolvedOptions().timeZone');
    expect(await field(reads, 'Time zone for times written without one').inputValue()).toBe(zone);
    await expectAccessible(page, 'Imports, two files previewed');
    await app.screenshot('imports-detected');

    // Name the vendor and preview again: the first rows as stored, and the rows it would reject.
    await field(reads, 'Vendor').fill('Flock Safety');
    await reads.getByRole('button', { name: 'Preview again' }).click();
    await eventually(() => reads.getByTestId('detected-format').textContent()).toBe('Plate reads in CSV, by a saved column mapping');
    await reads.getByRole('table', { name: 'First rows of flock-reads.csv as they would be stored' }).waitFor();
    await reads
      .getByRole('table', { name: 'Rows of flock-reads.csv that would be rejected' })
      .getByRole('cell', { name: '9', exact: true })
      .waitFor();
    await app.screenshot('imports-reads-previewed');

    // A file no detector knows, dropped on the zone: the page asks for a mapping instead of guessing.
    await dropFiles(page, [{ name: 'vigilant-export.csv', text: unknownCsv() }], true);
    await app.screenshot('imports-drag-over');
    await dropFiles(page, [{ name: 'vigilant-export.csv', text: unknownCsv() }]);
    const unknown = card(page, 'vigilant-export.csv');
    await unknown.getByText('Needs a mapping').waitFor();
    await unknown.getByRole('heading', { name: 'Column mapping' }).waitFor();
    await field(unknown, 'Vendor').fill('Vigilant');
    await choose(page, unknown, 'Delimiter', 'Semicolon ( ; )');
    await unknown.getByRole('button', { name: 'Preview again' }).click();
    // Read with semicolons, the file's columns are offered for each field.
    await eventually(async () => (await unknown.textContent()) ?? '').toContain('Not recognised');
    await choose(page, unknown, 'Plate', 'Tag');
    await choose(page, unknown, 'Capture time (or date)', 'Seen');
    await choose(page, unknown, 'Camera or device', 'Cam');
    await choose(page, unknown, 'Latitude', 'Lat');
    await choose(page, unknown, 'Longitude', 'Lng');
    await choose(page, unknown, 'Confidence', 'Conf');
    await choose(page, unknown, 'Confidence is written as', 'A percentage, 0 to 100');
    await unknown.getByRole('button', { name: 'Preview again' }).click();
    await eventually(() => unknown.getByTestId('detected-format').textContent()).toBe('Plate reads in CSV, by a saved column mapping');
    await unknown
      .getByRole('table', { name: 'First rows of vigilant-export.csv as they would be stored' })
      .getByText('7XYZ123')
      .first()
      .waitFor();
    await app.screenshot('imports-mapping');

    // Saved as a profile, it is offered for the next export.
    await unknown.getByRole('button', { name: 'Save as profile…' }).click();
    const save = page.getByRole('dialog', { name: 'Save the mapping as a profile' });
    await field(save, 'Profile name').fill('Vigilant LPR export');
    // Checked once its opening transition has ended (mid-fade, its colours are not yet its own).
    await eventually(() => page.evaluate(`getComputedStyle(document.querySelector('.mantine-Modal-content')).opacity`)).toBe('1');
    await expectAccessible(page, 'the save-profile dialog');
    await save.getByRole('button', { name: 'Save profile' }).click();
    await save.waitFor({ state: 'detached' });
    await eventually(() => field(unknown, 'Saved mapping profile').inputValue()).toBe('Vigilant LPR export');
    const profiles = store(app).prepare('SELECT count(*) FROM import_profiles').pluck().get() as number;
    expect(profiles).toBe(1);

    // Import all three, one job each, with a real progress bar.
    await watchProgress(page);
    await page.getByRole('button', { name: 'Import 3 files' }).click();
    for (const c of [audit, reads, unknown]) await c.getByTestId('import-summary').waitFor({ timeout: 60_000 });
    const seen = (await page.evaluate('window.__progressSeen')) as string[];
    expect(seen.length).toBeGreaterThan(0);

    // The summary says plainly that the counts add up.
    const summary = reads.getByTestId('import-summary');
    expect(await summary.getByTestId('accounting').textContent()).toBe(
      'Every row read is accounted for: 38 imported + 0 duplicates (already held) + 2 rejected = 40 read.',
    );
    expect(await summary.getByTestId('summary-sha256').textContent()).toBe(sha256(readsText));
    await summary
      .getByRole('table', { name: 'Rows of flock-reads.csv that were rejected' })
      .getByRole('cell', { name: '25', exact: true })
      .waitFor();
    await expectAccessible(page, 'Imports, imported');
    await app.screenshot('imports-summaries');

    // Download rejects (CSV): every rejected row, with its line, column and reason.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      summary.getByRole('button', { name: 'Download rejects (CSV)' }).click(),
    ]);
    const rejectsFile = path.join(dir, download.suggestedFilename());
    await download.saveAs(rejectsFile);
    const rejectLines = fs.readFileSync(rejectsFile, 'utf8').trim().split(/\r?\n/);
    expect(rejectLines).toHaveLength(3);
    expect(rejectLines[1]).toMatch(/^9,/);
    expect(rejectLines[2]).toMatch(/^25,/);
    await summary.getByText(/^Wrote 2 rejected rows to /).waitFor();

    // Importing the same reads again adds nothing: every row is a duplicate or a reject.
    await page.getByTestId('file-input').setInputFiles(readsFile);
    const again = page.locator('[data-file="flock-reads.csv"]').last();
    await again.getByText('Needs a mapping').waitFor();
    await field(again, 'Vendor').fill('Flock Safety');
    await again.getByRole('button', { name: 'Preview again' }).click();
    await again.getByText('Ready to import').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await eventually(async () => (await again.getByTestId('accounting').textContent()) ?? '').toBe(
      'Every row read is accounted for: 0 imported + 38 duplicates (already held) + 2 rejected = 40 read.',
    );
    expect(store(app).prepare('SELECT count(*) FROM plate_reads').pluck().get()).toBe(38 + 4);

    // History: newest first, with who, the status, the counts and the SHA-256.
    const history = page.getByRole('table', { name: 'Imports' });
    await eventually(() => history.locator('tbody tr').count()).toBe(4);
    const hashes = await history
      .getByTestId('history-sha256')
      .evaluateAll((els) => els.map((el) => (el as unknown as { title: string }).title));
    expect(hashes).toEqual([sha256(readsText), sha256(unknownCsv()), sha256(readsText), sha256(auditText)]);
    // Formats and statuses in words, never identifiers.
    const newest = await history.locator('tbody tr').first().locator('td').allTextContents();
    expect(newest.slice(3, 5)).toEqual(['Plate reads in CSV', 'Imported']);
    const oldest = await history.locator('tbody tr').last().locator('td').allTextContents();
    expect(oldest.slice(3, 5)).toEqual(['Flock audit', 'Imported']);
    expect(await history.textContent()).not.toMatch(/committed|flock-audit/);
    // Local times, the zone named once, under the page's title.
    await history.getByRole('columnheader', { name: 'Started', exact: true }).waitFor();
    expect(await page.getByTestId('time-zone').textContent()).toMatch(/^Times are in [A-Za-z_/]+\.$/);
    await app.screenshot('imports-history');
    await expectAccessible(page, 'the import history');

    // One import in a drawer, with its reads only after a case number and a purpose.
    await history.locator('tbody tr').nth(2).getByRole('button', { name: 'flock-reads.csv' }).click();
    const drawer = page.getByRole('dialog', { name: /^Import #\d+$/ });
    await drawer.getByText(sha256(readsText)).waitFor();
    await drawer.getByText('Imported', { exact: true }).waitFor();
    // The case given for the previews is the one in use: the reads open under it.
    await drawer.getByRole('button', { name: 'Show reads' }).click();
    const readsTable = drawer.getByRole('table', { name: /^Plate reads from import #\d+$/ });
    await eventually(() => readsTable.locator('tbody tr').count()).toBe(38);
    await drawer.getByText('38 reads · opened for case 26-0042: Checking the vendor export before a stolen-vehicle search').waitFor();
    const logged = store(app)
      .prepare("SELECT case_number AS caseNumber, outcome FROM audit_log WHERE operation = 'import.reads' ORDER BY seq DESC LIMIT 1")
      .get() as { caseNumber: string; outcome: string };
    expect(logged).toEqual({ caseNumber: '26-0042', outcome: 'ok' });
    await expectAccessible(page, 'the import drawer with its reads');
    await app.screenshot('imports-drawer-reads');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });
  }, 180_000);

  it('names rows whose vendor id was already held, warns before a file is imported again, and reads a renamed audit through a mapping', async () => {
    const app = await openImports();
    const { page } = app;
    // A network audit in which Flock gave one search id to two different rows (line 8 repeats line 2's id).
    const lines = flockAuditCsv(6).trimEnd().split('\r\n');
    const text = [...lines, lines[1]!.replace('Stolen vehicle', 'Robbery suspect vehicle')].join('\r\n') + '\r\n';
    await dropFiles(page, [{ name: 'network-audit.csv', text }]);
    await giveCaseAndPurpose(page, '26-0044', 'Reviewing a network audit from a public-records release');
    const audit = card(page, 'network-audit.csv');
    await audit.getByText('Ready to import').waitFor();
    expect(await audit.getByTestId('imported-before').count()).toBe(0);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const conflicts = audit.getByTestId('id-conflicts');
    await conflicts.waitFor({ timeout: 30_000 });
    expect(await audit.getByTestId('accounting').textContent()).toBe(
      'Every row read is accounted for: 7 imported + 0 duplicates (already held) + 0 rejected = 7 read.',
    );
    expect((await conflicts.innerText()).replace(/\s+/g, ' ')).toContain(
      '1 row of network-audit.csv carries a vendor id already held for a row that says something else. Both rows are kept',
    );
    const row = conflicts.getByRole('table', { name: 'Rows of network-audit.csv whose vendor id was already held' }).locator('tbody tr');
    expect((await row.innerText()).replace(/\s+/g, ' ')).toBe('8 a1b2c3d4-0000-4e5f-8a9b-0c1d2e3f4a5b line 2 of this file');
    await expectAccessible(page, 'Imports, a summary naming rows whose vendor id was already held');
    await app.screenshot('imports-summary-id-conflicts');

    // The same file chosen again: the card says so, with the earlier import, before Import is pressed.
    await audit.getByRole('button', { name: 'Remove network-audit.csv from the list' }).click();
    await dropFiles(page, [{ name: 'network-audit.csv', text }]);
    const again = card(page, 'network-audit.csv');
    const warning = again.getByTestId('imported-before');
    await warning.waitFor();
    const importId = store(app).prepare('SELECT max(id) FROM imports').pluck().get() as number;
    expect((await warning.innerText()).replace(/\s+/g, ' ')).toMatch(
      new RegExp(
        `network-audit\\.csv has the same SHA-256 as an earlier import\\..*Import #${importId}, network-audit\\.csv, on \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} by .*: 7 rows imported`,
      ),
    );
    await again.getByText('Ready to import').waitFor();
    await expectAccessible(page, 'Imports, a file imported before');
    await app.screenshot('imports-imported-before');
    await again.getByRole('button', { name: 'Remove network-audit.csv from the list' }).click();

    // The audit re-extracted under other column names: the page suggests a mapping for a Flock audit.
    const renamedHeader =
      'Search_ID,User_Name,Org_Name,Networks_Searched,Devices_Searched,Time_Frame,Plate,Reason,Case_Number,Filters,Search_Time,Search_Type,Text_Prompt,Moderation';
    const renamed = [renamedHeader, ...lines.slice(1).map((line) => line.replace(/^a1b2/, 'b1b2'))].join('\r\n') + '\r\n';
    await dropFiles(page, [{ name: 'audit-re-extract.csv', text: renamed }]);
    const mapped = card(page, 'audit-re-extract.csv');
    await mapped.getByText('Needs a mapping').waitFor();
    await mapped
      .getByTestId('detection')
      .getByText(/look like a Flock organization \/ network audit under other column names/)
      .waitFor();
    expect(await field(mapped, 'The file holds').inputValue()).toBe('Flock organization / network audit');
    expect(await field(mapped, 'Search Time').inputValue()).toBe('Search_Time');
    expect(await field(mapped, 'Org Name').inputValue()).toBe('Org_Name');
    await mapped
      .getByRole('table', { name: 'First rows of audit-re-extract.csv as they would be stored' })
      .getByText('b1b2c3d4-0000-4e5f-8a9b-0c1d2e3f4a5b')
      .waitFor();
    await expectAccessible(page, 'Imports, an audit mapped by its columns');
    await app.screenshot('imports-audit-mapping');
    await mapped.getByRole('button', { name: 'Preview again' }).click();
    await eventually(() => mapped.getByTestId('detected-format').textContent()).toBe('Flock Safety organization / network audit');
    await mapped.getByText('Ready to import').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await eventually(async () => (await mapped.getByTestId('accounting').textContent()) ?? '').toBe(
      'Every row read is accounted for: 6 imported + 0 duplicates (already held) + 0 rejected = 6 read.',
    );
    const orgs = store(app).prepare("SELECT DISTINCT org_name FROM vendor_audit_searches WHERE vendor_entry_id LIKE 'b1b2%'").pluck().all();
    expect(orgs).toEqual(['Parsons PD']);
  }, 120_000);

  it(`shows a long import's progress (rows, bytes, rate, time left) and cancels it: nothing from it is stored`, async () => {
    const app = await openImports();
    const { page } = app;
    const dir = tempFolder('import-large');
    const ROWS = 200_000;
    const text = flockReadsCsv(ROWS, new Set(), 'L');
    const file = writeFile(dir, 'flock-reads-large.csv', text);
    await page.getByTestId('file-input').setInputFiles(file);
    await giveCaseAndPurpose(page, '26-0043', 'Checking a large vendor export before it is kept');
    const large = card(page, 'flock-reads-large.csv');
    await large.getByText('Needs a mapping').waitFor({ timeout: 60_000 });
    await field(large, 'Vendor').fill('Flock Safety');
    await large.getByRole('button', { name: 'Preview again' }).click();
    await large.getByText('Ready to import', { exact: true }).waitFor();
    expect(await large.getByTestId('upload-sha256').textContent()).toBe(sha256(text));

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const running = large.getByRole('group', { name: 'Importing flock-reads-large.csv' });
    // Rows counted, how far through the file, the rate and the time left.
    await running.getByText(/^[1-9][\d,]* (of [\d,]+ )?rows/).waitFor({ timeout: 30_000 });
    await running.getByText(/ MB of 21\.\d MB · [\d,]+ rows a second/).waitFor();
    expect(await running.getByRole('progressbar').isVisible()).toBe(true);
    await app.screenshot('imports-progress');
    await running.getByRole('button', { name: 'Cancel' }).click();
    await large.getByText('Import cancelled').waitFor({ timeout: 30_000 });
    await large.getByText(`Nothing from flock-reads-large.csv was imported: an import is all or nothing.`, { exact: false }).waitFor();
    await app.screenshot('imports-cancelled');

    expect(store(app).prepare('SELECT count(*) FROM plate_reads').pluck().get()).toBe(0);
    const history = page.getByRole('table', { name: 'Imports' });
    await eventually(() => history.locator('tbody tr').first().textContent()).toContain('Cancelled');
    const cells = await history.locator('tbody tr').first().locator('td').allTextContents();
    expect(cells.slice(2, 9)).toEqual(['flock-reads-large.csv', 'Plate reads in CSV', 'Cancelled', '0', '0', '0', '0']);
    await history.scrollIntoViewIfNeeded();
    await app.screenshot('imports-history-cancelled');
  }, 180_000);

  it('previews which sheets of a workbook will be imported, imports the log from two sheets and sums each up', async () => {
    const app = await openImports();
    const { page } = app;
    const [, split] = await writeSearchAuditWorkbooks(tempFolder('import-workbook'), { seed: 61 });
    await page.getByTestId('file-input').setInputFiles(split!.path);
    await giveCaseAndPurpose(page, '26-0045', 'Reviewing a search audit released as a workbook');
    const book = card(page, 'flock-search-audit-two-sheets.xlsx');
    await book.getByText('Ready to import', { exact: true }).waitFor({ timeout: 60_000 });
    const plan = book.getByRole('table', { name: 'Sheets of flock-search-audit-two-sheets.xlsx' });
    expect(await plan.locator('tbody tr').allTextContents()).toEqual([
      'CoverSkipped: its first row (City of Parsons Police Department) matches no known layout',
      'Jan-MarImported, read as Flock Safety transparency-portal search audit',
      'Apr-JunImported, read as Flock Safety transparency-portal search audit',
      'NotesSkipped: its first row (userId is withheld under Gov. Code 7927.705) matches no known layout',
    ]);
    await book.getByText('Sheets: 2 of 4 will be imported').waitFor();
    // the preview's rows say which sheet each is on
    const rows = book.getByRole('table', { name: 'First rows of flock-search-audit-two-sheets.xlsx as they would be stored' });
    expect(await rows.locator('thead th').first().textContent()).toBe('Sheet');
    await expectAccessible(page, 'Imports, a workbook previewed');
    for (const [width, height] of [
      [1440, 900],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      await app.screenshot(`imports-workbook-preview-${width}x${height}`);
    }

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const summary = book.getByTestId('import-summary');
    await summary.waitFor({ timeout: 60_000 });
    expect(await summary.getByTestId('accounting').textContent()).toBe(
      'Every row read is accounted for: 54 imported + 0 duplicates (already held) + 1 rejected = 55 read.',
    );
    const sheets = summary.getByRole('table', { name: 'What was done with each sheet of flock-search-audit-two-sheets.xlsx' });
    expect(await sheets.locator('tbody tr').allTextContents()).toEqual([
      'CoverSkipped: its first row (City of Parsons Police Department) matches no known layout',
      'Jan-Mar303000',
      'Apr-Jun252401',
      'NotesSkipped: its first row (userId is withheld under Gov. Code 7927.705) matches no known layout',
    ]);
    await summary
      .getByRole('table', { name: 'Rows of flock-search-audit-two-sheets.xlsx that were rejected' })
      .getByRole('cell', { name: /^sheet "Apr-Jun": the searchDate 2026-02-30T10:00:00.000Z is not a calendar date$/ })
      .waitFor();
    await expectAccessible(page, 'Imports, a workbook imported');
    for (const [width, height] of [
      [1440, 900],
      [1024, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.evaluate('window.scrollTo(0, 0)');
      await app.screenshot(`imports-workbook-summary-${width}x${height}`);
    }
  }, 120_000);

  it('tells someone without the permission who may import, and offers nothing to press', async () => {
    const app = await openApp(browser(), { people: [MEMBER], trained: [MEMBER.username] });
    await signInAs(app.page, MEMBER);
    // not in a member's navigation: opened by its address
    await app.page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await openAddress(app.page, '#/imports');
    await app.page.getByText('Only a commander or an administrator may import vendor files or read the import history.').waitFor();
    expect(await app.page.getByRole('button', { name: 'Choose files…' }).count()).toBe(0);
    await expectAccessible(app.page, 'Imports, not permitted');
    await app.screenshot('imports-not-permitted');
  });
});
