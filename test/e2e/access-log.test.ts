import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src-main/core/store/database';
import type { Locator, Page } from 'playwright-core';
import {
  AUDITOR,
  COMMANDER,
  MEMBER,
  expectAccessible,
  openAddress,
  openApp,
  openModule,
  signInAs,
  useBrowser,
  type OpenApp,
  UI_TIMEOUT,
} from '../support/browser';
import { seedAuditLog, type SeedSummary } from '../support/audit-seed';
import { tempFolder } from '../support/temp';

const browser = useBrowser();
/** Poll until the page shows it, as long as any UI change may take (vitest's default is one second). */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: UI_TIMEOUT });
const SEEDED = 100_000;
const count = (n: number) => n.toLocaleString('en-US');

function store(app: OpenApp): Db {
  const db = app.service.workspace?.database();
  if (!db) throw new Error('the store is closed');
  return db;
}

/** The number of entries the page's first read counted: every entry before that read's own entry. */
function countedByFirstRead(app: OpenApp, after: number): number {
  const seq = store(app).prepare("SELECT min(seq) FROM audit_log WHERE operation = 'audit.query' AND seq > ?").pluck().get(after) as
    number | null;
  if (seq === null) throw new Error('the page did not read the log');
  return seq - 1;
}

/** The one DOM function these tests call inside the page (the test project has no DOM types). */
interface ComputedStyles {
  getComputedStyle(element: unknown): { color: string };
}

interface ProgressSeen {
  text: string;
  width: number;
  height: number;
}

/**
 * Record every state of the job progress bar as the DOM changes (a verification of 100,000
 * entries takes a fraction of a second, too short to poll for): its text and its size.
 */
async function watchProgress(page: OpenApp['page']): Promise<void> {
  await page.evaluate(`(() => {
    window.__progressSeen = [];
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"]');
      if (!bar) return;
      const box = bar.getBoundingClientRect();
      const group = bar.closest('[role="group"]');
      const text = group ? group.querySelector('[aria-live]')?.textContent ?? '' : '';
      const last = window.__progressSeen.at(-1);
      if (!last || last.text !== text) window.__progressSeen.push({ text, width: box.width, height: box.height });
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  })()`);
}

/**
 * Hold the next job the page starts, at its start (before its first step) or at its finish
 * (after its last step, before the result goes out), until `release()`. The job itself runs
 * for real, through the gate; only its timing is held, so a test can look at a running job.
 */
function holdNextJob(app: OpenApp, where: 'start' | 'finish'): { release(): void; cancelled(): boolean } {
  const ws = app.service.requireWorkspace();
  const original = ws.startJob.bind(ws);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let signal: AbortSignal | undefined;
  ws.startJob = async (...args: Parameters<typeof original>) => {
    ws.startJob = original;
    signal = args[4].signal;
    if (where === 'start') await released;
    const result = await original(...args);
    if (where === 'finish') await released;
    return result;
  };
  return { release, cancelled: () => signal?.aborted === true };
}

const headSeq = (app: OpenApp) => store(app).prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;

/** The columns, in order; the first five are the key ones a narrow window keeps in view. */
const HEADERS = ['#', 'Time (America/Chicago)', 'Person', 'Action', 'Outcome', 'Case and purpose', 'Reason', 'Workstation'];
/** The first seeded entry's number: after workspace set-up (init, sign-in, two people added, sign-out) and the seeding's sign-in. */
const SEEDED_FROM = 7;

/** A definition list's terms and what each says, as text. */
async function definitions(list: Locator): Promise<Record<string, string>> {
  const terms = await list.locator(':scope > dt, :scope dl > dt').allTextContents();
  const values = await list.locator(':scope > dd, :scope dl > dd').allTextContents();
  return Object.fromEntries(terms.map((term, i) => [term, values[i]!.replace(/\s+/g, ' ').trim()]));
}

/**
 * At this window size, every named column header lies inside the window and inside the
 * table's scroller as it is (not scrolled sideways).
 */
async function expectColumnsInView(page: Page, size: { width: number; height: number }, names: string[]): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize(size);
  try {
    const scroller = (await page.locator('.cu-log-scroll').boundingBox())!;
    await expect.poll(() => page.evaluate('document.querySelector(".cu-log-scroll").scrollLeft')).toBe(0);
    for (const name of names) {
      const box = (await page.getByRole('columnheader', { name, exact: true }).boundingBox())!;
      expect(box.x, `${name} at ${size.width} px`).toBeGreaterThanOrEqual(scroller.x);
      expect(box.x + box.width, `${name} at ${size.width} px`).toBeLessThanOrEqual(Math.min(scroller.x + scroller.width, size.width));
      expect(box.width, `${name} at ${size.width} px`).toBeGreaterThan(40);
    }
  } finally {
    if (before) await page.setViewportSize(before);
  }
}

async function openLog(seedCount: number, person = COMMANDER): Promise<{ app: OpenApp; seeded: SeedSummary; before: number }> {
  const app = await openApp(browser(), { people: [AUDITOR, MEMBER], timezoneId: 'America/Chicago' });
  const seeded = seedAuditLog(app.service, seedCount);
  await signInAs(app.page, person);
  await app.page.getByRole('navigation', { name: 'Modules' }).waitFor();
  const before = headSeq(app);
  await openModule(app.page, 'Access log');
  return { app, seeded, before };
}

describe('Access log page', () => {
  it(`pages through ${count(SEEDED)}+ entries newest first in a virtualised table, switches the order, filters, opens an entry, verifies and exports`, async () => {
    const { app, seeded, before } = await openLog(SEEDED);
    const { page } = app;
    const total = page.getByTestId('log-total');
    await eventually(() => total.textContent()).toMatch(/^[\d,]+ entries$/);
    const counted = countedByFirstRead(app, before);
    expect(counted).toBeGreaterThan(SEEDED);
    await eventually(() => total.textContent()).toBe(`${count(counted)} entries`);

    // The table: real headers, the zone named once (in the time column's header), a row count for
    // the whole log, and only a window of rows in the DOM. Newest first: row 0 is the last entry counted.
    const table = page.getByRole('table', { name: 'Access log entries' });
    await eventually(() => table.getAttribute('aria-rowcount')).toBe(String(counted + 1));
    for (const name of HEADERS) await table.getByRole('columnheader', { name, exact: true }).waitFor();
    const firstRow = table.locator('tr[data-index="0"]');
    await eventually(() => firstRow.locator('td').first().textContent()).toBe(String(counted));
    // Local time shown (Chicago is UTC-6 in February), UTC on hover.
    const seededAt = (seq: number) => store(app).prepare('SELECT at FROM audit_log WHERE seq = ?').pluck().get(seq) as string;
    const seededRow = table.locator(`tr[data-index="${counted - SEEDED_FROM}"]`);
    await page.evaluate(`document.querySelector(".cu-log-scroll").scrollTop = 36 * ${counted - SEEDED_FROM - 5}`);
    await eventually(() => seededRow.locator('td').first().textContent()).toBe(String(SEEDED_FROM));
    expect(await seededRow.locator('td').nth(1).textContent()).toBe('2026-02-01 02:00:00');
    expect(await seededRow.locator('td').nth(1).getAttribute('title')).toBe('2026-02-01 08:00:00 UTC');
    expect(seededAt(SEEDED_FROM)).toBe('2026-02-01T08:00:00.000Z');
    // The action in words, how it ended in a word; the operation's name only on hover.
    const cells = await seededRow.locator('td').allTextContents();
    expect(cells.slice(2, 5)).toEqual(['Maria Hale m.hale', 'Looked at the ALPR data held', 'Done']);
    expect(await seededRow.locator('td').nth(3).getAttribute('title')).toBe('Looked at the ALPR data held (alpr.holdings)');
    await page.getByRole('button', { name: 'Newest', exact: true }).click();
    await eventually(() => firstRow.locator('td').first().textContent()).toBe(String(counted));
    await app.screenshot('access-log-top');
    await expectAccessible(page, 'the access log, newest first');

    // Every column in view at 1440 px, without scrolling sideways; at 1024 px the key ones.
    await expectColumnsInView(page, { width: 1440, height: 900 }, HEADERS);
    await expectColumnsInView(page, { width: 1024, height: 700 }, HEADERS.slice(0, 5));

    // To the end with the keyboard: the oldest entry is there, and the DOM holds a few dozen rows.
    await firstRow.focus();
    await page.keyboard.press('End');
    const lastRow = table.locator(`tr[data-index="${counted - 1}"]`);
    await eventually(() => lastRow.locator('td').first().textContent()).toBe('1');
    await eventually(() => page.evaluate('document.activeElement?.getAttribute("data-index")')).toBe(String(counted - 1));
    await app.screenshot('access-log-end-focused');
    const rowsInDom = await table.locator('tbody tr.cu-log-row').count();
    expect(rowsInDom).toBeGreaterThan(5);
    expect(rowsInDom).toBeLessThan(120);
    // Scrolling to the middle fetches that page too.
    await page.evaluate('document.querySelector(".cu-log-scroll").scrollTop = 36 * 50000');
    await eventually(() => table.locator('tr[data-index="50000"] td').first().textContent()).toBe(String(counted - 50000));
    await page.getByRole('button', { name: 'Oldest', exact: true }).click();
    await eventually(() => lastRow.locator('td').first().textContent()).toBe('1');

    // Enter on a row opens its details: what it recorded as labelled fields, the raw JSON behind a toggle.
    await lastRow.focus();
    await page.keyboard.press('Enter');
    const drawer = page.getByRole('dialog', { name: 'Entry #1' });
    await drawer.waitFor();
    const fields = await definitions(drawer.locator('dl').first());
    expect(fields).toMatchObject({
      'Time in UTC': `${seededAt(1)
        .replace('T', ' ')
        .replace(/\.\d+Z$/, '')} UTC`,
      Action: 'Set up the workspace workspace.init',
      Outcome: 'Done',
      'Role used': 'Commander',
    });
    expect(fields.Time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \(America\/Chicago\)$/);
    const recorded = drawer.getByRole('region', { name: 'Also recorded' });
    expect(await definitions(recorded)).toEqual({ Workspace: app.service.requireWorkspace().workspaceId, Commander: COMMANDER.username });
    expect(await drawer.locator('.cu-entry-objects').count()).toBe(0);
    await app.screenshot('access-log-entry-drawer');
    await expectAccessible(page, 'an access-log entry, its fields');
    const raw = drawer.getByRole('switch', { name: 'Show the raw entry (JSON)' });
    await raw.check({ force: true }); // the switch's input is drawn over by its track
    const stored = (seq: number) => store(app).prepare('SELECT objects FROM audit_log WHERE seq = ?').pluck().get(seq) as string;
    expect(await drawer.getByRole('region', { name: 'Entry #1 as recorded, in JSON' }).textContent()).toBe(
      JSON.stringify(JSON.parse(stored(1)), null, 2),
    );
    await app.screenshot('access-log-entry-raw');
    await expectAccessible(page, 'an access-log entry, raw');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });

    // A click opens one too: keys the labels do not know are humanised ("seeded" → "Seeded").
    await seededRow.click();
    const seededDrawer = page.getByRole('dialog', { name: `Entry #${SEEDED_FROM}` });
    const touched = seededDrawer.getByRole('region', { name: 'What it touched' });
    await touched.waitFor();
    expect(await definitions(touched)).toEqual({ Kind: 'holdings', Seeded: '0' });
    expect(await definitions(seededDrawer.locator('dl').first())).toMatchObject({
      Time: '2026-02-01 02:00:00 (America/Chicago)',
      'Time in UTC': '2026-02-01 08:00:00 UTC',
      'Case number': '26-00000',
      Purpose: 'Stolen vehicle investigation',
    });
    expect(await seededDrawer.getByRole('region', { name: 'What it was given' }).count()).toBe(0); // it was given nothing
    await page.keyboard.press('Escape');
    await seededDrawer.waitFor({ state: 'detached' });

    // The page's own first read, with what it was given.
    await page.getByRole('button', { name: 'Newest', exact: true }).click();
    await page.getByLabel('Person (username)').fill(COMMANDER.username);
    await page.getByLabel('Person (username)').press('Enter');
    const ownRead = countedByFirstRead(app, before) + 1;
    const readRow = table.locator('tr').filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${ownRead}$`) }) });
    await page.getByRole('button', { name: 'Oldest', exact: true }).click();
    await readRow.click();
    const readDrawer = page.getByRole('dialog', { name: `Entry #${ownRead}` });
    await readDrawer.getByRole('region', { name: 'What it was given' }).waitFor();
    expect(await definitions(readDrawer.getByRole('region', { name: 'What it was given' }))).toEqual({
      Order: 'Newest first',
      Skipping: '0',
      'At most': '1,000',
    });
    await page.keyboard.press('Escape');
    await readDrawer.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Clear' }).click();
    await eventually(() => total.textContent()).toMatch(/^[\d,]+ entries$/);

    // The order switches: oldest first puts entry 1 at the top; the page reads the log in that order.
    await page.getByRole('radiogroup', { name: 'Order of the entries' }).getByText('Oldest first').click();
    await eventually(() => firstRow.locator('td').first().textContent()).toBe('1');
    const lastQuery = () =>
      JSON.parse(
        store(app)
          .prepare("SELECT objects FROM audit_log WHERE operation = 'audit.query' ORDER BY seq DESC LIMIT 1")
          .pluck()
          .get() as string,
      ) as { input: { order: string } };
    expect(lastQuery().input.order).toBe('oldest-first');
    await app.screenshot('access-log-oldest-first');
    await page.getByRole('radiogroup', { name: 'Order of the entries' }).getByText('Newest first').click();
    await eventually(() => firstRow.locator('td').first().textContent()).not.toBe('1');

    // Filters narrow the list: by person, then by action.
    await page.getByLabel('Person (username)').fill('l.nguyen');
    await page.getByLabel('Person (username)').press('Enter');
    await eventually(() => total.textContent()).toBe(`${count(seeded.byUsername['l.nguyen']!)} entries match the filters`);
    await eventually(() => table.locator('tr[data-index="0"] td').nth(2).textContent()).toContain('l.nguyen');
    await app.screenshot('access-log-filtered-person');
    await page.getByRole('button', { name: 'Clear' }).click();
    await eventually(() => total.textContent()).toMatch(/^[\d,]+ entries$/);
    // The action: a list of phrases under their groups, found by typing part of one.
    const action = page.getByRole('combobox', { name: 'Action' });
    await action.click();
    const listbox = page.getByRole('listbox');
    await listbox.waitFor();
    const groups = await listbox
      .getByRole('group')
      .evaluateAll((els) => els.map((el) => (el as unknown as { getAttribute(n: string): string }).getAttribute('aria-labelledby')));
    const groupNames = await Promise.all(groups.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(groupNames).toEqual([
      'Sessions',
      'Search',
      'Imports',
      'Hot lists and alerts',
      'Cases and retention',
      'People and training',
      'Access log',
      'Settings',
      'Workspace',
    ]);
    await listbox.getByRole('group', { name: 'Hot lists and alerts' }).getByRole('option', { name: 'Retired a hot-list entry' }).waitFor();
    expect(await listbox.getByRole('option', { name: /\./ }).count()).toBe(0); // no "search.plates" among them
    await app.screenshot('access-log-action-filter');
    await expectAccessible(page, 'the access log, choosing an action');
    await action.fill('ALPR data');
    await page.getByRole('option', { name: 'Looked at the ALPR data held' }).click();
    expect(await action.inputValue()).toBe('Looked at the ALPR data held');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await eventually(() => total.textContent()).toBe(`${count(seeded.byOperation['alpr.holdings']!)} entries match the filters`);
    await eventually(() => table.locator('tr[data-index="0"] td').nth(3).textContent()).toBe('Looked at the ALPR data held');
    // Both at once, with dates (local days) around the seeded entries (1 to 24 February).
    await page.getByLabel('Person (username)').fill('l.nguyen');
    await page.getByLabel('From').fill('2026-01-31');
    await page.getByLabel('To').fill('2026-03-01');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const both = store(app)
      .prepare("SELECT count(*) FROM audit_log WHERE username = 'l.nguyen' AND operation = 'alpr.holdings'")
      .pluck()
      .get() as number;
    await eventually(() => total.textContent()).toBe(`${count(both)} entries match the filters`);
    // From after To is caught before asking.
    await page.getByLabel('From').fill('2026-03-05');
    await page.getByLabel('To').fill('2026-03-01');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByText('The end date comes before the start date (2026-03-05).').waitFor();
    await page.getByRole('button', { name: 'Clear' }).click();
    await eventually(() => total.textContent()).toMatch(/^[\d,]+ entries$/);

    // Verify chain: a job whose progress bar shows while it runs, step by step, then "Intact".
    await watchProgress(page);
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText(/^Intact: [\d,]+ entries, 0 checkpoints checked\.$/).waitFor({ timeout: 30_000 });
    const seen = (await page.evaluate('window.__progressSeen')) as ProgressSeen[];
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.height > 0 && s.width > 0)).toBe(true);
    const steps = new Set(seen.map((s) => s.text).filter((t) => / of [\d,]+ entries \(\d+%\)$/.test(t)));
    expect(steps.size).toBeGreaterThanOrEqual(2); // 20,000 entries a step: five steps for 100,000
    expect(await page.getByRole('progressbar').count()).toBe(0);
    const intact = (await page.getByText(/^Intact: /).textContent())!;
    const verified = Number(/^Intact: ([\d,]+) entries/.exec(intact)![1]!.replace(/,/g, ''));
    expect(verified).toBeGreaterThan(counted);
    const verifyEntry = store(app)
      .prepare("SELECT outcome, username FROM audit_log WHERE operation = 'audit.verify' ORDER BY seq DESC LIMIT 1")
      .get() as { outcome: string; username: string };
    expect(verifyEntry).toEqual({ outcome: 'ok', username: COMMANDER.username });
    await app.screenshot('access-log-verified');

    // Export CSV: a download whose lines and SHA-256 are what the page says.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^custodian-access-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = path.join(tempFolder('export'), download.suggestedFilename());
    await download.saveAs(file);
    const result = page.locator('.cu-export-result');
    await result.waitFor();
    const shown = (await result.textContent())!;
    const entries = Number(/Exported ([\d,]+) entries/.exec(shown)![1]!.replace(/,/g, ''));
    const bytes = fs.readFileSync(file);
    const lines = bytes.toString('utf8').split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.length - 2).toBe(entries); // a header line, and the file ends with a newline
    expect(lines[0]).toBe('seq,at,username,fullName,role,operation,action,objects,caseNumber,purpose,outcome,reason,workstation');
    // In the order shown, newest first, each entry's action in words beside its operation.
    expect(Number(lines[1]!.split(',')[0])).toBeGreaterThan(Number(lines.at(-2)!.split(',')[0]));
    expect(lines.at(-2)).toMatch(/^1,[^,]+,[^,]*,[^,]*,commander,workspace\.init,Set up the workspace,/);
    expect(entries).toBeGreaterThan(counted);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    expect(await page.getByTestId('export-sha256').textContent()).toBe(sha256);
    const exportEntry = store(app)
      .prepare("SELECT objects FROM audit_log WHERE operation = 'audit.export' ORDER BY seq DESC LIMIT 1")
      .pluck()
      .get() as string;
    expect(JSON.parse(exportEntry)).toMatchObject({ touched: [{ sha256, exported: entries }] });
    await app.screenshot('access-log-exported');
  }, 240_000);

  it('shows the progress bar of a running verification, and cancels one', async () => {
    const { app } = await openLog(SEEDED);
    const { page } = app;
    await eventually(() => page.getByTestId('log-total').textContent()).toMatch(/^[\d,]+ entries$/);
    const running = page.getByRole('group', { name: 'Verifying the access log chain' });

    // A real run, held once its last step is done, so the bar can be looked at.
    const atFinish = holdNextJob(app, 'finish');
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await running.getByText(/^100,000 of [\d,]+ entries \(99%\)$/).waitFor();
    expect(await running.getByRole('progressbar').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Verify chain' }).isDisabled()).toBe(true);
    await app.screenshot('access-log-verifying');
    atFinish.release();
    await page.getByText(/^Intact: [\d,]+ entries, 0 checkpoints checked\.$/).waitFor();

    // Cancel: pressed before the job's first step (held at its start), honoured by the gate after that step.
    const atStart = holdNextJob(app, 'start');
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await running.getByText('Starting…').waitFor();
    await running.getByRole('button', { name: 'Cancel' }).click();
    await eventually(() => atStart.cancelled()).toBe(true);
    atStart.release();
    await page.getByText('Verification cancelled before it finished; nothing was concluded.').waitFor();
    expect(await page.getByText(/^Intact: /).count()).toBe(0);
    const entry = store(app)
      .prepare("SELECT outcome, reason FROM audit_log WHERE operation = 'audit.verify' ORDER BY seq DESC LIMIT 1")
      .get() as { outcome: string; reason: string };
    expect(entry.outcome).toBe('error');
    expect(entry.reason).toContain(`cancelled by ${COMMANDER.fullName}`);
    await app.screenshot('access-log-verify-cancelled');
  });

  it('shows the progress of a running export, and cancels one without a file', async () => {
    const { app } = await openLog(SEEDED);
    const { page } = app;
    await eventually(() => page.getByTestId('log-total').textContent()).toMatch(/^[\d,]+ entries$/);
    const running = page.getByRole('group', { name: 'Exporting the access log' });

    // A real export, held once its last step is written, so the bar can be looked at.
    const atFinish = holdNextJob(app, 'finish');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await running.getByText(/^100,000 of [\d,]+ entries \(99%\)$/).waitFor();
    expect(await running.getByRole('progressbar').isVisible()).toBe(true);
    await app.screenshot('access-log-exporting');
    atFinish.release();
    await download;
    await page.getByTestId('export-sha256').waitFor();

    // Cancel: pressed before the first step, honoured by the gate after it; nothing is downloaded.
    let downloads = 0;
    page.on('download', () => downloads++);
    const atStart = holdNextJob(app, 'start');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    await running.getByText('Starting…').waitFor();
    await running.getByRole('button', { name: 'Cancel' }).click();
    await eventually(() => atStart.cancelled()).toBe(true);
    atStart.release();
    await page.getByText('Export cancelled; no file was written.').waitFor();
    expect(downloads).toBe(0);
    const entry = store(app)
      .prepare("SELECT outcome, reason FROM audit_log WHERE operation = 'audit.export' ORDER BY seq DESC LIMIT 1")
      .get() as { outcome: string; reason: string };
    expect(entry).toEqual({ outcome: 'error', reason: expect.stringContaining(`cancelled by ${COMMANDER.fullName}`) as string });
  });

  it('shows a broken chain plainly, in red, with the entry concerned', async () => {
    const { app } = await openLog(2_000);
    const { page } = app;
    await eventually(() => page.getByTestId('log-total').textContent()).toMatch(/^2,0\d\d entries$/);
    // Someone with the master key edits entry 500 behind the gate's back.
    store(app).exec('DROP TRIGGER audit_log_no_update');
    store(app).prepare("UPDATE audit_log SET purpose = 'nothing to see here' WHERE seq = 500").run();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    const problem = page.getByRole('alert').filter({ hasText: 'The access log is not intact (entry 500).' });
    await problem.waitFor();
    const sentence = problem.getByText('The access log is broken at entry 500: its content was changed after it was written.');
    const colour = await sentence.evaluate((el) => (globalThis as unknown as ComputedStyles).getComputedStyle(el).color);
    expect(colour).toBe('rgb(166, 30, 30)'); // #a61e1e: red, 7.4:1 on white
    expect(await page.getByText(/^Intact: /).count()).toBe(0);
    await app.screenshot('access-log-verify-broken');
  });

  it('lists the triggers and tables changed outside Custodian, those that kept records append-only first, in red', async () => {
    const { app } = await openLog(2_000);
    const { page } = app;
    await eventually(() => page.getByTestId('log-total').textContent()).toMatch(/^2,0\d\d entries$/);
    // Someone with the master key drops a trigger that keeps the log append-only and adds an index.
    store(app).exec('DROP TRIGGER audit_log_no_delete; CREATE INDEX accounts_by_name ON accounts(full_name)');
    await page.getByRole('button', { name: 'Verify chain' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Records that must never change are no longer protected' });
    await alert.waitFor();
    await alert.getByText(/^The 2,0\d\d entries chain correctly \(0 checkpoints checked\), but:$/).waitFor();
    const items = alert.getByRole('list', { name: 'Changed outside Custodian' }).getByRole('listitem');
    expect(await items.allTextContents()).toEqual([
      'The table audit_log is no longer append-only: the trigger audit_log_no_delete, which refuses deleting its rows, is missing.',
      'An unexpected index, accounts_by_name on accounts, was added outside Custodian.',
    ]);
    const colour = (n: number) => items.nth(n).evaluate((el) => (globalThis as unknown as ComputedStyles).getComputedStyle(el).color);
    expect(await colour(0)).toBe('rgb(166, 30, 30)');
    expect(await colour(1)).not.toBe('rgb(166, 30, 30)');
    expect(await page.getByText(/^Intact: /).count()).toBe(0);
    await app.screenshot('access-log-verify-schema');
  });

  it('shows a refusal, and who may read the log, to someone without audit.read', async () => {
    const app = await openApp(browser(), { people: [MEMBER] });
    await signInAs(app.page, MEMBER);
    // not in a member's navigation: opened by its address
    await app.page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await openAddress(app.page, '#/access-log');
    await app.page.getByText('Only a commander or an auditor may read the access log.').waitFor();
    expect(await app.page.getByRole('table').count()).toBe(0);
    await app.screenshot('access-log-not-permitted');
  });

  it('lands an auditor on the access log, which they can read and verify', async () => {
    const { app } = await openLog(2_000, AUDITOR);
    await eventually(() => app.page.getByTestId('log-total').textContent()).toMatch(/^2,0\d\d entries$/);
    await app.page.getByRole('button', { name: 'Verify chain' }).click();
    await app.page.getByText(/^Intact: 2,0\d\d entries, 0 checkpoints checked\.$/).waitFor();
  });
});
