import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src-main/core/store/database';
import type { Workspace } from '../../src-main/core/workspace';
import { flockJsonRead, flockRead } from '../fixtures/plate-reads';
import { importOk } from '../support/import-support';
import {
  ADMINISTRATOR,
  COMMANDER,
  MEMBER,
  expectAccessible,
  field,
  continueWithCase,
  giveCaseAndPurpose,
  openApp,
  openModule,
  signInAs,
  signOut,
  UI_TIMEOUT,
  useBrowser,
  type OpenApp,
} from '../support/browser';
import { tempFolder } from '../support/temp';

// Hot lists and alerts in Chromium through the real bridge (issue 5): reads imported, a Genetec
// hot list imported through the page, the alert it raises verified and shown verified; a manual
// partial plate raising alerts; NCIC alerts withheld from a member without the confidential-data
// authorisation; a verification superseding another; the gate's refusals shown plainly; reads
// imported while lists are in force, their alerts said on the import; a state extract's columns
// mapped in the page, saved as a profile and imported.

const browser = useBrowser();
const eventually = <T>(read: () => T | Promise<T>, timeout = UI_TIMEOUT) => expect.poll(read, { timeout });

// The clock is the real one (the default): the verify dialog's "time checked" defaults to the
// browser's now, which the gate refuses if it is after the server's. The reads are a day old.
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
const READS_AT = Date.now() - 26 * 3_600_000;
/** in force a month ago, expiring in a year */
const FROM = day(-30);
const UNTIL = day(365);
const CASE = '26-004512';
const PURPOSE = 'Stolen vehicle reported on 27 November: checking plate reads against the hot lists';

/** The reads every test starts from: plates chosen to meet the lists below, the rest to meet none. */
const READS: { plate: string; state: string }[] = [
  { plate: '8ABC123', state: 'CA' }, // on the NCIC list
  { plate: '7XKD452', state: 'CA' }, // the partial 7XKD45?
  { plate: '7XKD459', state: 'NV' }, // the partial 7XKD45?
  { plate: '5LOC777', state: 'CA' }, // on the local list
  { plate: '4QRS900', state: 'OR' },
  { plate: '3TUV111', state: 'WA' },
];

/** A Flock API v3 JSON export of READS, captured yesterday (detected by the importer without help). */
function readsJson(): string {
  const items = READS.map((r, i) => {
    const read = flockRead(77, i, { start: READS_AT, stepMs: 60_000 });
    return flockJsonRead({ ...read, plate: r.plate, state: r.state }, false);
  });
  return JSON.stringify(items, null, 2) + '\n';
}

/** Later reads (two hours on, another export) of two listed plates and one that is on no list. */
function laterReadsJson(): string {
  const later = [READS[0]!, READS[3]!, READS[5]!];
  const items = later.map((r, i) => {
    const read = flockRead(78, i, { start: READS_AT + 2 * 3_600_000, stepMs: 60_000 });
    return flockJsonRead({ ...read, plate: r.plate, state: r.state }, false);
  });
  return JSON.stringify(items, null, 2) + '\n';
}

/** A state extract in its own layout (no public one): plate, state, offence, case, expiry. 4QRS900 (OR) was read. */
const STATE_EXTRACT =
  [
    'LIC,ST,OFFENSE,CASE_NO,EXP',
    `4QRS900,OR,"Stolen vehicle, recovered plates",SX-2026-0141,${UNTIL}`,
    `6MNP210,CA,Wanted person,SX-2026-0142,${UNTIL}`,
  ].join('\r\n') + '\r\n';

/** A Genetec hot list, ";"-separated, full form: Category;PlateState;PlateNumber;EffectiveDate;ExpiryDate;PermitID. Line 3 has no plate. */
const GENETEC_NCIC =
  [
    `Stolen vehicle;CA;8ABC123;${FROM};${UNTIL};NCIC-1`,
    `Stolen plate;TX;9ZZZ999;${FROM};${UNTIL};NCIC-2`,
    `Stolen vehicle;CA;;${FROM};${UNTIL};NCIC-3`,
  ].join('\r\n') + '\r\n';

const GENETEC_LOCAL = `Wanted person;CA;5LOC777;${FROM};${UNTIL};LOCAL-1\r\n`;

function writeFile(name: string, content: string): string {
  const file = path.join(tempFolder('hotlist-files'), name);
  fs.writeFileSync(file, content);
  return file;
}

function store(app: OpenApp): Db {
  const db = app.service.workspace?.database();
  if (!db) throw new Error('the store is closed');
  return db;
}

/** Work through core as the commander, in a session of its own (set-up that is not what the test is about). */
function asCommander(app: OpenApp): { ws: Workspace; token: string } {
  const ws = app.service.workspace;
  if (!ws) throw new Error('no workspace');
  return { ws, token: ws.signIn(COMMANDER.username, COMMANDER.password).token };
}

/** Give people the confidential-data authorisation (427.4(e)), as the commander. */
function authoriseConfidential(app: OpenApp, usernames: string[]): void {
  const { ws, token } = asCommander(app);
  for (const username of usernames) ws.call(token, 'user.setConfidential', { username, authorized: true });
  ws.call(token, 'session.signOut', {});
}

/** Reads, an NCIC list and a local list stored through the gate, so a test starts with alerts. */
async function seed(app: OpenApp, options: { confidentialFor?: string[] } = {}): Promise<void> {
  authoriseConfidential(app, [COMMANDER.username, ...(options.confidentialFor ?? [])]);
  // Signed in after the grant: a session carries what its person was allowed when it began.
  const { ws, token } = asCommander(app);
  await importOk(ws, token, writeFile('reads.json', readsJson()), { vendor: 'auto', timezone: 'UTC' });
  const access = { caseNumber: CASE, purpose: PURPOSE };
  const run = (file: string, list: string, listSource: 'NCIC' | 'local') =>
    ws.startJob(token, 'hotlist.import', { source: { path: file }, list, listSource, format: 'genetec' }, access, {
      signal: new AbortController().signal,
      onProgress: () => undefined,
    });
  await run(writeFile('ncic.txt', GENETEC_NCIC), 'NCIC stolen vehicles', 'NCIC');
  await run(writeFile('local.txt', GENETEC_LOCAL), 'Local warrants', 'local');
  ws.call(token, 'session.signOut', {});
}

/** Drop one file on the page's drop zone, as a person dragging it from the desktop would. */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(`(() => {
    const dt = new DataTransfer();
    dt.items.add(new File([${JSON.stringify(text)}], ${JSON.stringify(name)}, { type: 'text/plain' }));
    return dt;
  })()`);
  const zone = page.getByTestId('dropzone');
  await zone.dispatchEvent('dragenter', { dataTransfer });
  await zone.dispatchEvent('dragover', { dataTransfer });
  await zone.dispatchEvent('drop', { dataTransfer });
}

async function choose(page: Page, scope: Page | Locator, label: string, option: string): Promise<void> {
  await field(scope, label).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** A full-page screenshot from the top (the header is fixed: scrolled, it would be drawn mid-page). */
async function shot(app: OpenApp, name: string): Promise<void> {
  await app.page.evaluate('window.scrollTo(0, 0)');
  await app.screenshot(name);
}

/** The queue's row for a read's plate. */
const alertRow = (page: Page, plate: string): Locator =>
  page.getByRole('table', { name: 'Alerts' }).getByRole('row', { name: new RegExp(`^Alert #\\d+: ${plate}\\b`) });

async function openAlerts(page: Page): Promise<void> {
  await openModule(page, 'Alerts');
  await page.getByText('An unverified alert is').waitFor();
}

/** Open an alert's drawer from its row (a click, or Enter on the focused row). */
async function openDrawer(page: Page, row: Locator, how: 'click' | 'keyboard' = 'click'): Promise<Locator> {
  if (how === 'click') await row.getByRole('cell').nth(1).click();
  else {
    await row.focus();
    await page.keyboard.press('Enter');
  }
  const drawer = page.getByRole('dialog', { name: /^Alert #\d+$/ });
  await drawer.getByRole('region', { name: 'The hot-list entry' }).waitFor();
  return drawer;
}

async function closeDrawer(page: Page, drawer: Locator): Promise<void> {
  await page.keyboard.press('Escape');
  await drawer.waitFor({ state: 'detached' });
}

async function verify(page: Page, row: Locator, answer: { result: string; note: string; source?: string }): Promise<void> {
  await row.getByRole('button', { name: /^Verify( again)? alert/ }).click();
  const dialog = page.getByRole('dialog', { name: /^Verify alert #\d+$/ });
  await dialog.waitFor();
  if (answer.source) await field(dialog, 'Database checked').fill(answer.source);
  await dialog.getByRole('radio', { name: answer.result, exact: true }).check();
  await field(dialog, 'Note').fill(answer.note);
  await dialog.getByRole('button', { name: 'Record the verification' }).click();
  await dialog.waitFor({ state: 'detached' });
}

describe('hot lists and alerts in the browser', { timeout: 180_000 }, () => {
  it('imports reads, then a Genetec hot list through the page; the alert appears, is verified, and shows verified', async () => {
    const app = await openApp(browser(), { trained: [COMMANDER.username] });
    const { page } = app;
    authoriseConfidential(app, [COMMANDER.username]);
    await signInAs(page, COMMANDER);

    // Reads first, through the Imports page.
    await openModule(page, 'Imports');
    await page.getByTestId('file-input').setInputFiles(writeFile('flock-reads.json', readsJson()));
    // The preview shows the file's reads: the case and purpose are asked for once, here.
    await page.getByRole('dialog', { name: 'Case and purpose' }).waitFor();
    await giveCaseAndPurpose(page, CASE, PURPOSE);
    await page.getByText('Ready to import').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByTestId('import-summary').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('accounting').textContent()).toContain(`${READS.length} imported`);

    // The Hot lists page opens ALPR data under the case and purpose in use, once the person has confirmed it here.
    await openModule(page, 'Hot lists');
    await continueWithCase(page, CASE);
    await expect.poll(() => page.getByTestId('working-on').textContent()).toBe(`Working on case ${CASE}: ${PURPOSE}`);
    await page.getByText('No hot list yet').waitFor();
    await expectAccessible(page, 'the Hot lists page, empty');
    await shot(app, 'hotlists-empty');

    // Import the Genetec ";" list into a new NCIC list.
    await dropFile(page, 'ncic-stolen.txt', GENETEC_NCIC);
    const fileCard = page.getByRole('region', { name: 'Hot-list file ncic-stolen.txt' });
    await fileCard.getByTestId('upload-sha256').waitFor();
    await field(fileCard, 'List').fill('NCIC stolen vehicles');
    await choose(page, fileCard, 'Source of the new list', 'NCIC (confidential federal data)');
    await expectAccessible(page, 'the hot-list import form');
    await shot(app, 'hotlists-import-form');
    await fileCard.getByRole('button', { name: 'Import the list' }).click();
    const result = fileCard.getByTestId('hotlist-import-result');
    await result.waitFor({ timeout: 30_000 });
    const counts = await result.getByRole('list', { name: 'Counts' }).textContent();
    expect(counts).toContain('2 entries');
    expect(counts).toContain('1 rejected');
    expect(counts).toContain('1 alerts raised');
    // The reject names its line.
    const rejects = fileCard.getByRole('table', { name: 'Rows of ncic-stolen.txt that were rejected' });
    expect(await rejects.getByRole('row').nth(1).getByRole('cell').first().textContent()).toBe('3');
    await shot(app, 'hotlists-import-result');

    // The list, with its source and the confidential badge; its entries.
    const row = page.getByRole('table', { name: 'Hot lists' }).getByRole('row').filter({ hasText: 'NCIC stolen vehicles' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Confidential');
    await row.getByRole('button', { name: 'Show the entries of NCIC stolen vehicles' }).click();
    const entries = page.getByRole('table', { name: 'Entries of NCIC stolen vehicles' });
    await entries.waitFor();
    expect(await entries.getByRole('row').count()).toBe(3);
    expect(await entries.getByRole('row').filter({ hasText: '8ABC123' }).textContent()).toContain('Active');
    await expectAccessible(page, 'a list with its entries');
    await shot(app, 'hotlists-entries');

    // The alert appears in the queue, unverified, under the banner.
    await openAlerts(page);
    await continueWithCase(page);
    const card = alertRow(page, '8ABC123');
    await card.waitFor();
    expect(await card.getAttribute('data-status')).toBe('unverified');
    expect(await card.textContent()).toContain('NCIC stolen vehicles');
    expect(await page.getByTestId('alerts-total').textContent()).toBe('1 alert unverified');
    await expectAccessible(page, 'the Alerts page');
    await shot(app, 'alerts-unverified');
    // Its drawer: the read beside the entry, and no verification yet.
    const opened = await openDrawer(page, card);
    expect(await opened.getByTestId('alert-verification').textContent()).toBe('Not verified yet: not grounds for enforcement action.');
    expect(await opened.getByRole('region', { name: 'The hot-list entry' }).textContent()).toContain('NCIC stolen vehicles');
    expect(await opened.getByRole('region', { name: 'The read' }).textContent()).toContain('8ABC123');
    await closeDrawer(page, opened);

    // Verify it from the row: the dialog defaults to NCIC and now; the note is required.
    await card.getByRole('button', { name: /^Verify alert/ }).click();
    const dialog = page.getByRole('dialog', { name: /^Verify alert #\d+$/ });
    await dialog.waitFor();
    expect(await field(dialog, 'Database checked').inputValue()).toBe('NCIC');
    await dialog.getByRole('radio', { name: 'Confirmed', exact: true }).check();
    await dialog.getByRole('button', { name: 'Record the verification' }).click();
    await dialog.getByText('Say what the check found').waitFor();
    await field(dialog, 'Note').fill('NCIC record 8ABC123 (CA) still active as a stolen vehicle; confirmed with dispatch.');
    await expectAccessible(page, 'the verify dialog');
    await shot(app, 'alerts-verify-dialog');
    await dialog.getByRole('button', { name: 'Record the verification' }).click();
    await dialog.waitFor({ state: 'detached' });

    // The alert shows verified, here and when read again.
    await eventually(() => card.getAttribute('data-status')).toBe('confirmed');
    await page
      .getByRole('status')
      .getByText(/is now confirmed: verification #\d+ through NCIC was recorded/)
      .waitFor();
    // It stays in view with its new status, and no longer counts as unverified.
    await eventually(() => page.getByTestId('alerts-total').textContent()).toBe('0 alerts unverified');
    await shot(app, 'alerts-verified');
    const verifiedDrawer = await openDrawer(page, card);
    await eventually(() => verifiedDrawer.getByTestId('alert-verification').textContent()).toMatch(
      /^Confirmed through NCIC by Laura Thompson/,
    );
    await closeDrawer(page, verifiedDrawer);
    // The filter by keyboard: from Unverified, the next choice is Confirmed.
    await page.getByRole('radio', { name: 'Unverified', exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    await eventually(() => page.getByTestId('alerts-total').textContent()).toBe('1 alert confirmed');
    await alertRow(page, '8ABC123').waitFor();

    // Recorded once, with the case and purpose in the access log.
    const db = store(app);
    const verifications = db.prepare('SELECT source, result, note FROM alert_verifications').all() as { source: string; result: string }[];
    expect(verifications).toEqual([expect.objectContaining({ source: 'NCIC', result: 'confirmed' })]);
    const logged = db
      .prepare("SELECT outcome, case_number AS caseNumber, purpose FROM audit_log WHERE operation = 'alert.verify'")
      .all() as { outcome: string; caseNumber: string; purpose: string }[];
    expect(logged).toEqual([{ outcome: 'ok', caseNumber: CASE, purpose: PURPOSE }]);
  });

  it('a manual partial plate raises alerts for the reads it matches; a member without the confidential flag sees local alerts only and is told the rest are withheld', async () => {
    const app = await openApp(browser(), { people: [MEMBER], trained: [COMMANDER.username, MEMBER.username] });
    await seed(app);
    const { page } = app;
    await signInAs(page, MEMBER);
    await openModule(page, 'Hot lists');
    await giveCaseAndPurpose(page, '26-004700', 'Armed robbery on 27 November: partial plate 7XKD45 from a witness');

    // Both lists are named; the NCIC one's entries are confidential, and opening them is refused plainly.
    const lists = page.getByRole('table', { name: 'Hot lists' });
    await lists.getByRole('row').filter({ hasText: 'Local warrants' }).waitFor();
    expect(await lists.getByRole('row').filter({ hasText: 'NCIC stolen vehicles' }).textContent()).toContain('Confidential');
    await page.getByRole('button', { name: 'Show the entries of NCIC stolen vehicles' }).click();
    const refused = page.getByRole('alert').filter({ hasText: 'Could not read the entries of NCIC stolen vehicles' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('Jordan Morales is not authorised for it (policy 427.4(e))');
    await shot(app, 'hotlists-member-confidential-refused');
    await page.getByRole('button', { name: 'Close the entries' }).click();

    // The form: a partial plate from the witness, with its case and expiry.
    const form = page.getByRole('form', { name: 'Add an entry' });
    await field(form, 'Plate').fill('7xkd45?');
    expect(await field(form, 'Plate').inputValue()).toBe('7XKD45?');
    await field(form, 'Case number').fill('26-004700');
    await field(form, 'Reason').fill('Suspect vehicle, armed robbery at 1400 El Camino Real');
    await form.getByRole('button', { name: 'Add the entry' }).click();
    await form.getByText('Give the day the entry expires').waitFor();
    const expires = day(30);
    await field(form, 'Expires').fill(expires);
    await choose(page, form, 'Alert level', 'High');
    await expectAccessible(page, 'the add-entry form');
    await shot(app, 'hotlists-add-partial');
    await form.getByRole('button', { name: 'Add the entry' }).click();
    await page
      .getByRole('status')
      .getByText(`7XKD45? was added to Manual entries, in force until ${expires}. It raised 2 alerts from reads already held`)
      .waitFor();
    await shot(app, 'hotlists-added-partial');

    // The new list holds it, marked partial.
    await page.getByRole('button', { name: 'Show the entries of Manual entries' }).click();
    const entry = page.getByRole('table', { name: 'Entries of Manual entries' }).getByRole('row').filter({ hasText: '7XKD45?' });
    expect(await entry.textContent()).toContain('Partial');

    // Alerts: the two partial-plate matches and the local one; the NCIC one is withheld and said to be.
    await openAlerts(page);
    await continueWithCase(page);
    await alertRow(page, '7XKD452').waitFor();
    await alertRow(page, '7XKD459').waitFor();
    await alertRow(page, '5LOC777').waitFor();
    expect(await alertRow(page, '8ABC123').count()).toBe(0);
    expect(await page.getByTestId('withheld').textContent()).toContain(
      '1 alert from NCIC or state lists is not shown: you are not authorised for confidential data',
    );
    expect(await page.getByTestId('withheld').textContent()).toContain('The commander can grant the authorisation, on People & training.');
    expect(await alertRow(page, '7XKD459').textContent()).toContain('Partial');
    await expectAccessible(page, 'the Alerts page with withheld alerts');
    await shot(app, 'alerts-member-withheld');
    const drawer = await openDrawer(page, alertRow(page, '7XKD459'));
    expect(await drawer.getByRole('region', { name: 'The hot-list entry' }).textContent()).toContain('Partial');
  });

  it('a second verification supersedes the first; the history lists both, newest first, the older marked superseded', async () => {
    const app = await openApp(browser(), { trained: [COMMANDER.username] });
    await seed(app);
    const { page } = app;
    await signInAs(page, COMMANDER);
    await openAlerts(page);
    await giveCaseAndPurpose(page, CASE, PURPOSE);
    const card = alertRow(page, '5LOC777');
    await card.waitFor();

    await verify(page, card, {
      source: 'Local records',
      result: 'Not confirmed',
      note: 'Records show the warrant under a different plate; asking the unit.',
    });
    await eventually(() => card.getAttribute('data-status')).toBe('not-confirmed');
    await verify(page, card, { source: 'NCIC', result: 'Cleared', note: 'Warrant served on 28 November; entry cleared in NCIC.' });
    await eventually(() => card.getAttribute('data-status')).toBe('cleared');
    await page
      .getByRole('status')
      .getByText(/verification #2 through NCIC was recorded, superseding #1\./)
      .waitFor();

    // Enter on the row opens the drawer: the history, newest first.
    const drawer = await openDrawer(page, card, 'keyboard');
    const history = drawer.getByRole('list', { name: 'Verifications, newest first' });
    await history.waitFor();
    const items = history.getByRole('listitem');
    expect(await items.count()).toBe(2);
    expect(await items.nth(0).textContent()).toMatch(/^#2 Cleared.*Current/);
    expect(await items.nth(0).textContent()).toContain('supersedes #1');
    expect(await items.nth(1).textContent()).toMatch(/^#1 Not confirmed.*Superseded by #2/);
    await expectAccessible(page, 'the alert history');
    await shot(app, 'alerts-history-superseded');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached' });

    // Both are kept as recorded: verifications are never edited.
    const rows = store(app).prepare('SELECT id, result, supersedes FROM alert_verifications ORDER BY id').all();
    expect(rows).toEqual([
      { id: 1, result: 'not-confirmed', supersedes: null },
      { id: 2, result: 'cleared', supersedes: 1 },
    ]);
  });

  it('reads imported while lists are in force: the summary and the drawer say how many alerts they raised, and lead to the Alerts page', async () => {
    const app = await openApp(browser(), { trained: [COMMANDER.username] });
    await seed(app);
    const { page } = app;
    await signInAs(page, COMMANDER);

    await openModule(page, 'Imports');
    await page.getByTestId('file-input').setInputFiles(writeFile('later-reads.json', laterReadsJson()));
    await giveCaseAndPurpose(page, CASE, PURPOSE);
    await page.getByText('Ready to import').waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 30_000 });
    const sentence = '2 hot-list alerts raised — verify each on the Alerts page before acting (policy 427.4(f)).';
    expect(await summary.getByTestId('import-alerts-sentence').textContent()).toBe(sentence);
    await expectAccessible(page, 'an import summary with alerts raised');
    await shot(app, 'imports-summary-alerts');

    // The same count in the import's drawer, read again from the store.
    const history = page.getByRole('table', { name: 'Imports' });
    await history.getByRole('button', { name: 'later-reads.json' }).click();
    const drawer = page.getByRole('dialog', { name: /^Import #\d+$/ });
    expect(await drawer.getByTestId('import-alerts-sentence').textContent()).toBe(sentence);
    await shot(app, 'imports-drawer-alerts');

    // The way to the queue: the Alerts page, the two new alerts beside the two the lists raised.
    await drawer.getByRole('link', { name: 'Open the Alerts page' }).click();
    await page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
    await continueWithCase(page, CASE);
    await eventually(() => page.getByTestId('alerts-total').textContent()).toBe('4 alerts unverified');
    const raisedOnImport = store(app).prepare("SELECT count(*) FROM committed_alerts WHERE raised_by = 'import'").pluck().get();
    expect(raisedOnImport).toBe(2);
  });

  it("maps a state extract's own columns in the page, saves the mapping as a profile, and imports the list with it", async () => {
    const app = await openApp(browser(), { trained: [COMMANDER.username] });
    await seed(app);
    const { page } = app;
    await signInAs(page, COMMANDER);
    await openModule(page, 'Hot lists');
    await giveCaseAndPurpose(page, CASE, PURPOSE);
    await page.getByRole('table', { name: 'Hot lists' }).waitFor();

    await dropFile(page, 'state-extract.csv', STATE_EXTRACT);
    const fileCard = page.getByRole('region', { name: 'Hot-list file state-extract.csv' });
    await fileCard.getByTestId('upload-sha256').waitFor();
    await field(fileCard, 'List').fill('State stolen vehicles');
    await choose(page, fileCard, 'Source of the new list', 'State extract (confidential state data)');

    // Detected, the layout is not one Custodian knows: the gate says so and asks for a mapping.
    await fileCard.getByRole('button', { name: 'Import the list' }).click();
    const refused = fileCard.getByRole('alert').filter({ hasText: 'state-extract.csv was not imported' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('mapping');

    // The columns, from the file's first line read in the browser.
    await choose(page, fileCard, 'Format', 'NCIC or state extract, by mapping');
    await refused.waitFor({ state: 'detached' });
    const editor = fileCard.getByRole('region', { name: 'Column mapping' });
    await eventually(() => editor.getByTestId('first-line').textContent()).toBe('LIC,ST,OFFENSE,CASE_NO,EXP');
    await fileCard.getByRole('button', { name: 'Import the list' }).click();
    await editor.getByText('Choose the column that holds the plate.').waitFor();
    await choose(page, editor, 'Plate', 'LIC');
    await choose(page, editor, 'State', 'ST');
    await choose(page, editor, 'Reason or category', 'OFFENSE');
    await choose(page, editor, 'Case number', 'CASE_NO');
    await choose(page, editor, 'Expiry date', 'EXP');
    await expectAccessible(page, 'the hot-list mapping editor');
    await shot(app, 'hotlists-mapping-editor');

    // Saved by name (hotlists.manage), then in use.
    await editor.getByRole('button', { name: 'Save as profile…' }).click();
    const save = page.getByRole('dialog', { name: 'Save the mapping as a profile' });
    await field(save, 'Profile name').fill('State extract');
    await save.getByRole('button', { name: 'Save profile' }).click();
    await save.waitFor({ state: 'detached' });
    await eventually(() => field(fileCard, 'Saved mapping').inputValue()).toBe('State extract');

    await fileCard.getByRole('button', { name: 'Import the list' }).click();
    const result = fileCard.getByTestId('hotlist-import-result');
    await result.waitFor({ timeout: 30_000 });
    const counts = await result.getByRole('list', { name: 'Counts' }).textContent();
    expect(counts).toContain('2 entries');
    expect(counts).toContain('0 rejected');
    expect(counts).toContain('1 alerts raised');
    await shot(app, 'hotlists-mapping-result');

    // The entries, read through the mapping: the quoted reason whole, the case and expiry in place.
    const row = page.getByRole('table', { name: 'Hot lists' }).getByRole('row').filter({ hasText: 'State stolen vehicles' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Confidential');
    await row.getByRole('button', { name: 'Show the entries of State stolen vehicles' }).click();
    const entries = page.getByRole('table', { name: 'Entries of State stolen vehicles' });
    const entry = entries.getByRole('row').filter({ hasText: '4QRS900' });
    await entry.waitFor();
    expect(await entry.textContent()).toContain('Stolen vehicle, recovered plates');
    expect(await entry.textContent()).toContain('SX-2026-0141');
    expect(await entries.getByRole('row').filter({ hasText: '6MNP210' }).textContent()).toContain('Wanted person');
    await shot(app, 'hotlists-mapping-entries');

    const db = store(app);
    const profile = db.prepare("SELECT mapping FROM hotlist_profiles WHERE name = 'State extract'").pluck().get() as string;
    expect(JSON.parse(profile)).toMatchObject({
      delimiter: ',',
      hasHeader: true,
      columns: { plate: 'LIC', state: 'ST', reason: 'OFFENSE', caseNumber: 'CASE_NO', expires: 'EXP' },
    });
    expect(db.prepare("SELECT profile FROM hotlist_loads WHERE file_name = 'state-extract.csv'").pluck().get()).toBe('State extract');
  });

  it('shows the gate refusing: a purpose that states nothing, an untrained person, and an NCIC list for someone not authorised', async () => {
    const app = await openApp(browser(), { people: [MEMBER, ADMINISTRATOR], trained: [COMMANDER.username, ADMINISTRATOR.username] });
    await seed(app);
    const { page } = app;

    // A purpose that states nothing is refused in the gate's words and asked again.
    await signInAs(page, ADMINISTRATOR);
    await openModule(page, 'Hot lists');
    const asked = page.getByRole('dialog', { name: 'Case and purpose' });
    await field(asked, 'Case number').fill(CASE);
    await field(asked, 'Purpose').fill('investigation');
    await asked.getByRole('button', { name: 'Continue' }).click();
    const again = page.getByRole('dialog', { name: 'Case and purpose' });
    await again.getByText('"investigation" does not state a purpose.').waitFor();
    await shot(app, 'hotlists-purpose-vague');
    await giveCaseAndPurpose(page, CASE, PURPOSE);
    await page.getByRole('table', { name: 'Hot lists' }).waitFor();

    // Someone without the confidential-data authorisation (427.4(e)) is not offered NCIC or state as the source of a new
    // list, nor the confidential lists to import into, and is told who can grant it.
    await dropFile(page, 'ncic-stolen.txt', GENETEC_NCIC);
    const fileCard = page.getByRole('region', { name: 'Hot-list file ncic-stolen.txt' });
    await fileCard.getByTestId('upload-sha256').waitFor();
    await field(fileCard, 'List').click();
    expect(await page.getByRole('option').allTextContents()).toEqual(['Local warrants']);
    await field(fileCard, 'List').fill('Stolen plates');
    await field(fileCard, 'Source of the new list').click();
    expect(await page.getByRole('option').allTextContents()).toEqual(['Local: the department’s own list']);
    await page.keyboard.press('Escape');
    expect(await fileCard.textContent()).toContain('The commander can grant the authorisation, on People & training.');
    await expectAccessible(page, 'the hot-list import form for someone not authorised for confidential data');
    await shot(app, 'hotlists-import-not-authorised');

    // Typed by name, an existing NCIC list is named confidential, and importing into it is refused by the gate.
    await field(fileCard, 'List').fill('NCIC stolen vehicles');
    await fileCard.getByTestId('confidential-note').waitFor();
    await fileCard.getByRole('button', { name: 'Import the list' }).click();
    const refusal = fileCard.getByRole('alert').filter({ hasText: 'is confidential state or federal data' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Kim Reyes is not authorised for it (policy 427.4(e))');
    await shot(app, 'hotlists-confidential-refused');

    // The add-entry form offers local lists only, and says the same of a confidential list typed by name.
    const form = page.getByRole('form', { name: 'Add an entry' });
    await field(form, 'List').fill('NCIC stolen vehicles');
    expect(await form.textContent()).toContain('The commander can grant the authorisation, on People & training.');

    // Someone without current training is refused, naming the course.
    await signOut(page);
    await signInAs(page, MEMBER);
    await openAlerts(page);
    await giveCaseAndPurpose(page, CASE, PURPOSE);
    const untrained = page.getByRole('alert').filter({ hasText: 'ALPR Operator Training' });
    await untrained.waitFor();
    await expectAccessible(page, 'the Alerts page refusing an untrained member');
    await shot(app, 'alerts-untrained');
  });
});
