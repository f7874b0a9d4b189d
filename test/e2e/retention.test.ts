import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../src-main/contract/imports';
import type { Db } from '../../src-main/core/store/database';
import { flockReadsMapping } from '../fixtures/plate-reads';
import {
  COMMANDER,
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
import { pdfText } from '../support/pdf-tools';
import { tempFolder } from '../support/temp';

// Retention in Chromium through the real bridge (Policy 427.5): a case opened on the Cases &
// holds page, a read held from the Search page's selection, the next purge previewed and run
// with its progress, the certificate saved as a download and checked against the store, the
// case's holds and its access history, and a hold released with a written reason.

const browser = useBrowser();
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: UI_TIMEOUT });
const DAY = 86_400_000;
const CASE = '26-1187';
const PURPOSE = 'Find the hit-and-run vehicle seen on Oak Ave';

function store(app: OpenApp): Db {
  const db = app.service.workspace?.database();
  if (!db) throw new Error('the store is closed');
  return db;
}

/** Reads captured 60, 45 and 10 days before now, one with an image, imported through the gate as a folder. */
async function importReads(app: OpenApp): Promise<void> {
  const dir = tempFolder('retention-e2e');
  fs.mkdirSync(path.join(dir, 'images'));
  const ago = (days: number) => new Date(app.clock.now().getTime() - days * DAY).toISOString();
  const rows = [
    ['held', ago(60), 'HELD001', 'images/held.jpg'],
    ['old', ago(45), 'GONE001', 'images/old.jpg'],
    ['older', ago(50), 'GONE002', ''],
    ['recent', ago(10), 'KEEP001', ''],
  ];
  for (const [id, , , image] of rows)
    if (image) fs.writeFileSync(path.join(dir, image), Buffer.from([0xff, 0xd8, 0xff, 0xd9, ...Buffer.from(id!)]));
  fs.writeFileSync(
    path.join(dir, 'reads.csv'),
    ['id,capturedAt,plate,state,plateConfidence,deviceId,deviceName,lat,lon,make,model,color,direction,image']
      .concat(
        rows.map(([id, at, plate, image]) => `${id},${at},${plate},CA,0.96,dev-1,Oak Ave SB,37.1,-122.1,Honda,Civic,blue,south,${image}`),
      )
      .join('\n') + '\n',
  );
  const ws = app.service.workspace!;
  const { token } = ws.signIn(COMMANDER.username, COMMANDER.password);
  const summary = (await ws.startJob(
    token,
    'import.run',
    { source: { path: dir }, vendor: 'csv', mapping: flockReadsMapping({ image: true }), timezone: 'UTC' },
    undefined,
    {
      signal: new AbortController().signal,
      onProgress: () => undefined,
    },
  )) as ImportSummary;
  expect(summary).toMatchObject({ status: 'committed', imported: 4, images: 2 });
  ws.call(token, 'settings.update', { departmentName: 'Parsons Police Department' });
  ws.call(token, 'session.signOut', {});
}

describe('Cases & holds and Retention', () => {
  it('opens a case, holds a read from search results, previews and runs the purge, saves its certificate, and releases the hold', async () => {
    const app = await openApp(browser(), { trained: [COMMANDER.username] });
    const { page } = app;
    await importReads(app);
    await signInAs(page, COMMANDER);
    await page.getByRole('navigation', { name: 'Modules' }).waitFor();

    // A case, opened from its page.
    await openModule(page, 'Cases & holds');
    await page.getByText('Nothing awaits review.').waitFor();
    await field(page, 'Case number').fill(CASE);
    await field(page, 'Title').fill('Hit and run, Oak Ave');
    await field(page, 'Case type').fill('Traffic felony');
    await field(page, 'Lead investigator').fill('Det. R. Ortiz');
    await page.getByRole('button', { name: 'Open the case' }).click();
    await page.getByRole('status').getByText(`Case ${CASE} opened.`).waitFor();
    await page.getByRole('heading', { name: `Case ${CASE}: Hit and run, Oak Ave` }).waitFor();
    await expectAccessible(page, 'Cases & holds, a case opened');
    await app.screenshot('cases-case-opened');

    // A read held from the Search page's selection, under the search's case.
    await openModule(page, 'Search');
    await field(page, 'Plate or pattern').fill('HELD001');
    await field(page, 'Plate or pattern').press('Enter');
    await giveCaseAndPurpose(page, CASE, PURPOSE);
    const results = page.getByRole('table', { name: 'Plate reads found' });
    await results.locator('tbody tr.cu-results-row').first().getByRole('checkbox').click();
    await page.getByRole('button', { name: 'Hold selected reads' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hold 1 selected read for a case' });
    expect(await field(dialog, 'Case number').inputValue()).toBe(CASE);
    await expectAccessible(page, 'Search, holding a selected read');
    await app.screenshot('search-hold-selected');
    await dialog.getByRole('button', { name: 'Hold the read' }).click();
    await page
      .getByRole('status')
      .getByText(/^Hold 1 placed on case 26-1187: 1 read kept past the retention period/)
      .waitFor();

    // The preview says exactly what goes and what the hold keeps.
    await openModule(page, 'Retention');
    await page.getByTestId('purge-preview-summary').getByText('It will destroy 2 reads with 1 image, and 0 vendor audit rows.').waitFor();
    await page.getByRole('table', { name: 'Kept by holds' }).getByText(CASE).waitFor();
    await expectAccessible(page, 'Retention, the preview');
    await app.screenshot('retention-preview');

    await page.getByRole('button', { name: 'Run the purge now' }).click();
    await page.getByTestId('purge-finished').getByText('Destroyed 2 reads and 1 image.', { exact: false }).waitFor();
    await page.getByTestId('purge-preview-summary').getByText('It will destroy 0 reads with 0 images, and 0 vendor audit rows.').waitFor();
    const run = store(app).prepare('SELECT id, certificate_sha256 AS sha FROM purge_runs').get() as { id: number; sha: string };
    await expectAccessible(page, 'Retention, after a purge');
    await app.screenshot('retention-purged');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: `Save certificate of run ${run.id}` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`purge-certificate-run-${run.id}.pdf`);
    const pdf = path.join(tempFolder('retention-certificate'), download.suggestedFilename());
    await download.saveAs(pdf);
    expect(crypto.createHash('sha256').update(fs.readFileSync(pdf)).digest('hex')).toBe(run.sha);
    expect(pdfText(pdf)).toContain('Parsons Police Department');
    expect(store(app).prepare('SELECT plate_norm FROM plate_reads ORDER BY plate_norm').pluck().all()).toEqual(['HELD001', 'KEEP001']);

    // The case: its hold, its history, and every access-log entry that named it.
    await openModule(page, 'Cases & holds');
    await page.getByRole('table', { name: 'Cases' }).getByRole('button', { name: CASE }).click();
    const holds = page.getByRole('table', { name: `Holds of case ${CASE}` });
    await holds.getByText('chosen reads').waitFor();
    const history = page.getByRole('table', { name: `Access history of case ${CASE}` });
    await history.getByText(PURPOSE).first().waitFor();
    expect(await history.innerText()).toContain('Searched plates');
    await expectAccessible(page, 'Cases & holds, a case with its hold and history');
    await app.screenshot('cases-case-history');

    // Extended with one click: the retention schedule for its reason, from today.
    await holds.getByRole('button', { name: 'Extend' }).click();
    await page.getByRole('status').getByText(`Hold 1 on case ${CASE} is now reviewed on`, { exact: false }).waitFor();
    await eventually(() => store(app).prepare("SELECT count(*) FROM hold_events WHERE event = 'extended'").pluck().get()).toBe(1);

    // Released only with a written reason.
    await holds.getByRole('button', { name: 'Release' }).click();
    const release = page.getByRole('dialog', { name: `Release hold 1 on case ${CASE}?` });
    await release.getByRole('button', { name: 'Release the hold' }).click();
    await release.getByText('Write why the hold is released, in at least 10 characters.').waitFor();
    await app.screenshot('cases-release-reason-missing');
    await field(release, 'Why it is released').fill('The disc copy was booked into evidence as item 26-1187-A.');
    await release.getByRole('button', { name: 'Release the hold' }).click();
    await page.getByRole('status').getByText(`Hold 1 on case ${CASE} released.`).waitFor();
    await eventually(() => store(app).prepare('SELECT released_by FROM holds WHERE id = 1').pluck().get()).toBe(COMMANDER.username);
    await holds.getByText('Released').waitFor();

    // Home: the reads past the period (none now), what the store holds and when the purge runs.
    await openModule(page, 'Home');
    const tile = page.locator('[data-tile="reads-past-retention"]');
    await tile.getByText('2 reads stored', { exact: false }).waitFor();
    await tile.getByText('The last purge ran', { exact: false }).waitFor();
    expect(await page.getByTestId('tile-count-reads-past-retention').textContent()).toBe('1');
    await page.locator('[data-tile="holds-awaiting-review"]').waitFor();
    await expectAccessible(page, 'the home screen with the retention tiles');
    await app.screenshot('home-retention');
  });
});
