import fs from 'node:fs';
import path from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src-main/core/store/database';
import { rgbPng } from '../fixtures/files';
import { flockRead, writeFlockReadsCsv } from '../fixtures/plate-reads';
import { SEEDED_CAMERAS, SEEDED_LISTS, seedAlerts, type AlertSeed } from '../support/alert-seed';
import { importOk } from '../support/import-support';
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
import { tempFolder } from '../support/temp';

// The alert queue at 10,000 alerts (issue 13), seeded straight into the store as the access-log
// test seeds its entries, plus one alert from a read imported with its image: a virtual table
// that holds a few dozen rows, scrolled to the end with the keyboard, sorted by a column,
// filtered by list, plate, camera and day, followed from a link's query, and an alert opened
// with its read's image beside the entry. Only the pages looked at are read from the gate.

const browser = useBrowser();
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: UI_TIMEOUT });
const SEEDED = 10_000;
const CASE = '26-005120';
const PURPOSE = 'Working the hot-list alert queue for the night shift';
const count = (n: number) => n.toLocaleString('en-US');

function store(app: OpenApp): Db {
  const db = app.service.workspace?.database();
  if (!db) throw new Error('the store is closed');
  return db;
}

/** A plate-like image (white, a blue border, dark bars for characters), as a camera's plate crop. */
function plateImage(): Buffer {
  const [width, height] = [120, 40];
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const border = x < 3 || y < 3 || x >= width - 3 || y >= height - 3;
      const ink = y > 10 && y < 30 && x > 10 && x < 110 && x % 14 < 8;
      raw.set(border ? [26, 77, 143] : ink ? [20, 20, 30] : [250, 250, 245], y * (width * 3 + 1) + 1 + x * 3);
    }
  }
  return rgbPng(width, height, raw);
}

/**
 * The queue: 10,000 seeded alerts, then one read imported with its image through the gate and
 * a hot-list entry for its plate added by hand (raising one more alert), as the commander.
 */
async function seedQueue(app: OpenApp): Promise<{ seed: AlertSeed; imagedPlate: string }> {
  const ws = app.service.requireWorkspace();
  let { token } = ws.signIn(COMMANDER.username, COMMANDER.password);
  ws.call(token, 'user.setConfidential', { username: COMMANDER.username, authorized: true });
  ws.call(token, 'session.signOut', {});
  ({ token } = ws.signIn(COMMANDER.username, COMMANDER.password));
  const db = store(app);
  const commanderId = db.prepare('SELECT id FROM accounts WHERE username = ?').pluck().get(COMMANDER.username) as number;
  const seed = seedAlerts(db, SEEDED, commanderId);

  const dir = tempFolder('alert-queue-files');
  const start = Date.now() - 3 * 3_600_000;
  const csv = await writeFlockReadsCsv(path.join(dir, 'reads.csv'), { rows: 1, seed: 91, start, imageColumn: true });
  const read = flockRead(91, 0, { start });
  fs.mkdirSync(path.join(dir, 'images'));
  fs.writeFileSync(path.join(dir, 'images', `${read.id}.jpg`), plateImage());
  const imported = await importOk(ws, token, dir, { vendor: 'csv', mapping: csv.mapping, timezone: 'UTC' });
  expect(imported, JSON.stringify(imported)).toMatchObject({ imported: 1, images: 1 });
  const access = { caseNumber: CASE, purpose: PURPOSE };
  const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const added = ws.call(
    token,
    'hotlist.add',
    { list: SEEDED_LISTS[0].name, plate: read.plate, reason: 'Stolen vehicle, keys taken in a burglary', caseNumber: CASE, expires: until },
    access,
  );
  expect(added.alerts).toBe(1);
  ws.call(token, 'session.signOut', {});
  return { seed, imagedPlate: read.plate };
}

/** The rows the table holds in the DOM, and the plates in those that have loaded. */
async function renderedRows(table: Locator): Promise<{ rows: number; plates: string[] }> {
  const rows = await table.locator('tbody tr[data-index]').count();
  const plates = await table.locator('tbody tr[data-alert] td:nth-child(2) .cu-plate').allTextContents();
  return { rows, plates };
}

const alertLists = (app: OpenApp, after: number) =>
  store(app).prepare("SELECT count(*) FROM audit_log WHERE operation = 'alert.list' AND seq > ?").pluck().get(after) as number;

describe('the alert queue at 10,000 alerts', () => {
  it('scrolls, sorts and filters a virtual table of 10,000 alerts, follows a link, and opens one with its image', async () => {
    const app = await openApp(browser(), { trained: [COMMANDER.username] });
    const { seed, imagedPlate } = await seedQueue(app);
    const { page } = app;
    const unverified = seed.unverified + 1;

    await signInAs(page, COMMANDER);
    await page.getByRole('navigation', { name: 'Modules' }).waitFor();
    const db = store(app);
    const before = db.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
    await openModule(page, 'Alerts');
    await giveCaseAndPurpose(page, CASE, PURPOSE);
    const total = page.getByTestId('alerts-total');
    await eventually(() => total.textContent()).toBe(`${count(unverified)} alerts unverified`);

    // The banner first; the table has a row count for all of them and holds a few dozen in the DOM.
    expect(await page.locator('main .cu-alert-banner').count()).toBe(1);
    const table = page.getByRole('table', { name: 'Alerts' });
    expect(await table.getAttribute('aria-rowcount')).toBe(String(unverified + 1));
    const firstRow = table.locator('tr[data-index="0"]');
    await eventually(() => firstRow.getAttribute('data-status')).toBe('unverified');
    expect((await renderedRows(table)).rows).toBeLessThan(60);
    await expectAccessible(page, 'the alert queue at 10,000 alerts');
    await app.screenshot('alerts-queue');

    // To the end with the keyboard: the last alert loads, and the DOM still holds a few dozen rows.
    await firstRow.focus();
    await page.keyboard.press('End');
    const lastRow = table.locator(`tr[data-index="${unverified - 1}"]`);
    await eventually(() => lastRow.getAttribute('data-status')).toBe('unverified');
    expect((await renderedRows(table)).rows).toBeLessThan(60);
    // Only the pages looked at were read: the first and the last (200 alerts each), not 10,000.
    expect(alertLists(app, before)).toBeLessThanOrEqual(4);
    await page.keyboard.press('Home');
    await eventually(() => firstRow.getAttribute('data-status')).toBe('unverified');

    // Sorted by plate: the header says so, and the rows come in plate order from the first.
    await table.getByRole('button', { name: /^Plate read/ }).click();
    await eventually(() => table.getByRole('columnheader', { name: /^Plate read/ }).getAttribute('aria-sort')).toBe('ascending');
    const smallest = db
      .prepare(
        `SELECT min(r.plate_norm) FROM alerts a JOIN plate_reads r ON r.id = a.read_id
         WHERE NOT EXISTS (SELECT 1 FROM alert_verifications v WHERE v.alert_id = a.id)`,
      )
      .pluck()
      .get() as string;
    await eventually(async () => (await renderedRows(table)).plates[0]).toBe(smallest);
    const plates = (await renderedRows(table)).plates;
    expect(plates).toEqual([...plates].sort());
    expect(page.url()).toContain('sort=plate&order=asc');

    // Filtered: one list, a camera and the last two weeks; the count is the store's.
    const filters = page.getByRole('form', { name: 'Filter the alerts' });
    await field(filters, 'List').click();
    await page.getByRole('option', { name: SEEDED_LISTS[0].name, exact: true }).click();
    await field(filters, 'Camera').fill('unit 07');
    const twoWeeksAgo = new Date(Date.now() - 14 * 86_400_000);
    const fromDay = `${twoWeeksAgo.getFullYear()}-${String(twoWeeksAgo.getMonth() + 1).padStart(2, '0')}-${String(twoWeeksAgo.getDate()).padStart(2, '0')}`;
    await field(filters, 'Read from (day)').fill(fromDay);
    await field(filters, 'Camera').press('Enter');
    const fromMs = new Date(twoWeeksAgo.getFullYear(), twoWeeksAgo.getMonth(), twoWeeksAgo.getDate()).getTime();
    const expected = db
      .prepare(
        `SELECT count(*) FROM alerts a JOIN plate_reads r ON r.id = a.read_id JOIN hotlist_entries e ON e.id = a.entry_id
         JOIN hotlists l ON l.id = e.list_id
         WHERE l.name = ? AND r.camera LIKE '%unit 07%' AND r.captured_at >= ?
           AND NOT EXISTS (SELECT 1 FROM alert_verifications v WHERE v.alert_id = a.id)`,
      )
      .pluck()
      .get(SEEDED_LISTS[0].name, fromMs) as number;
    expect(expected).toBeGreaterThan(0);
    await eventually(() => total.textContent()).toBe(`${count(expected)} alert${expected === 1 ? '' : 's'} unverified`);
    await page.getByText('matching the filters').waitFor();
    const shown = await table.locator('tbody tr[data-alert]').allTextContents();
    expect(shown.every((row) => row.includes(SEEDED_CAMERAS[6]!) && row.includes(SEEDED_LISTS[0].name))).toBe(true);
    await expectAccessible(page, 'the alert queue, filtered');
    await app.screenshot('alerts-queue-filtered');

    // A bad plate is said at the field, before asking the gate.
    await field(filters, 'Plate read').fill('7AB%');
    await field(filters, 'Plate read').press('Enter');
    await filters.getByText('A plate uses letters, digits, * (any run of characters) and ? (one character).').waitFor();

    // A link's query (as the home screen's tiles give) is followed: every status of the NCIC list.
    await page.evaluate(`window.location.hash = '#/alerts?status=all&list=${encodeURIComponent(SEEDED_LISTS[1].name)}'`);
    await eventually(() => total.textContent()).toBe(`${count(seed.byList[SEEDED_LISTS[1].name]!)} alerts`);
    expect(await field(filters, 'Plate read').inputValue()).toBe('');
    expect(await page.getByRole('radio', { name: 'All', exact: true }).isChecked()).toBe(true);

    // The alert from the imported read, found by its plate: the drawer shows the read's image beside the entry.
    await page.evaluate(`window.location.hash = '#/alerts?status=unverified&plate=${imagedPlate}'`);
    await eventually(() => total.textContent()).toBe('1 alert unverified');
    await table.locator('tr[data-index="0"] td').nth(1).click();
    const drawer = page.getByRole('dialog', { name: /^Alert #\d+$/ });
    const read = drawer.getByRole('region', { name: 'The read' });
    const image = read.getByRole('img');
    await image.waitFor();
    // decoded in the page: the plate image's own width (the project has no DOM types, hence the shape named here)
    await eventually(() => image.evaluate((img) => (img as { complete: boolean; naturalWidth: number }).naturalWidth)).toBe(120);
    expect(await drawer.getByRole('region', { name: 'The hot-list entry' }).textContent()).toContain(
      'Stolen vehicle, keys taken in a burglary',
    );
    await expectAccessible(page, 'an alert opened from the queue');
    await app.screenshot('alerts-drawer');
  });
});
