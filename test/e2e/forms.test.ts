import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src-main/contract/schemas';
import {
  COMMANDER,
  MEMBER,
  continueWithCase,
  expectAccessible,
  field,
  giveCaseAndPurpose,
  openApp,
  openModule,
  signInAs,
  signOut,
  UI_TIMEOUT,
  useBrowser,
  type OpenApp,
} from '../support/browser';
import { flockJsonRead, flockRead } from '../fixtures/plate-reads';
import { SENTENCE } from '../support/sentences';
import { tempFolder } from '../support/temp';
import { allEntries } from '../support/workspace-fixtures';

// Daily use of the forms and the working case (issue 13): every field in error marked at once,
// each message gone as its field changes, in sentences; Enter submits the one-line dialogs and
// a purpose never holds a line break; the case carried to another page is confirmed with one
// click; a reload keeps the session and the case; each page names its time zone once.

const browser = useBrowser();
const eventually = <T>(read: () => T | Promise<T>, timeout = UI_TIMEOUT) => expect.poll(read, { timeout });

const CASE = '26-0042';
const PURPOSE = 'Checking the vendor export for the burglary series';

/** The access log as the store holds it, oldest first (read straight from the store: reading it adds nothing). */
function logged(app: OpenApp, operation?: string): AuditEntry[] {
  return allEntries(app.service.workspace!).filter((e) => operation === undefined || e.operation === operation);
}

/** Whether the keyboard is on `input`. */
async function focused(page: Page, input: Locator): Promise<boolean> {
  return (await page.evaluate('document.activeElement?.id')) === (await input.getAttribute('id'));
}

/** A dialog checked once its opening transition has ended (mid-fade, its colours are not yet its own). */
async function dialogSettled(page: Page): Promise<void> {
  await eventually(() => page.evaluate(`getComputedStyle(document.querySelector('.mantine-Modal-content')).opacity`)).toBe('1');
}

/** Work through core as the commander, in a session of its own (set-up that is not what the test is about). */
function asCommander(app: OpenApp) {
  const ws = app.service.workspace!;
  return { ws, token: ws.signIn(COMMANDER.username, COMMANDER.password).token };
}

/** The messages tied to a field (its aria-describedby), as a screen reader reads them. */
async function messagesOf(page: Page, input: Locator): Promise<string[]> {
  const ids = ((await input.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
  return (await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()))).map((t) => t ?? '');
}

/** A small Flock reads export (JSON, detected as it is), in a file of its own. */
function flockReadsFile(): string {
  const items = Array.from({ length: 5 }, (_, i) => flockJsonRead(flockRead(13, i, { start: Date.parse('2026-10-01T08:00:00Z') }), false));
  const file = path.join(tempFolder('forms-files'), 'flock-reads.json');
  fs.writeFileSync(file, JSON.stringify(items, null, 2) + '\n');
  return file;
}

describe('forms', { timeout: 180_000 }, () => {
  it('marks every field in error at once, the form’s own and the gate’s, in sentences, and puts each away as its field changes', async () => {
    const app = await openApp(browser());
    const { page } = app;
    await signInAs(page, COMMANDER);
    await openModule(page, 'People & training');
    await page.getByRole('button', { name: 'Add person' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a person' });
    const username = field(dialog, 'Username');
    const fullName = field(dialog, 'Full name');
    const password = dialog.getByLabel('Initial password');
    const confirm = dialog.getByLabel('Confirm the password');

    // Nothing filled: every required field is marked together, each with its own sentence.
    await dialog.getByRole('button', { name: 'Add person' }).click();
    for (const input of [username, fullName, password, confirm]) await eventually(() => input.getAttribute('aria-invalid')).toBe('true');
    const expected = {
      username: 'Give the username.',
      fullName: 'Give the full name.',
      password: 'Give an initial password.',
      confirm: 'Type the password again.',
    };
    expect(await messagesOf(page, username)).toContain(expected.username);
    expect(await messagesOf(page, fullName)).toContain(expected.fullName);
    expect(await messagesOf(page, password)).toContain(expected.password);
    expect(await messagesOf(page, confirm)).toContain(expected.confirm);
    await dialog.getByText('Choose at least one role.').waitFor();
    // The keyboard is on the first of them.
    expect(await focused(page, username)).toBe(true);
    await dialogSettled(page);
    await expectAccessible(page, 'the add-person form with every field marked');
    await app.screenshot('forms-every-field-marked');

    // Typing in one field puts its message away, and only its: the keyboard stays there.
    await username.pressSequentially('1b');
    await eventually(() => username.getAttribute('aria-invalid')).toBe(null);
    expect(await dialog.getByText(expected.username).count()).toBe(0);
    expect(await fullName.getAttribute('aria-invalid')).toBe('true');
    expect(await dialog.getByText('Choose at least one role.').count()).toBe(1);
    expect(await focused(page, username)).toBe(true);
    await dialog.getByLabel('Member (searches for a documented purpose)').check();
    await dialog.getByText('Choose at least one role.').waitFor({ state: 'detached' });

    // The gate finds two fields wrong: both are marked at once, each in a sentence.
    await username.fill('1bad');
    await fullName.fill('X');
    await password.fill('Quiet-Harbor-Lantern-7');
    await confirm.fill('Quiet-Harbor-Lantern-7');
    await confirm.press('Enter');
    await eventually(() => username.getAttribute('aria-invalid')).toBe('true');
    expect(await fullName.getAttribute('aria-invalid')).toBe('true');
    const gateMessages = [...(await messagesOf(page, username)), ...(await messagesOf(page, fullName))].filter((m) =>
      /username is|full name/.test(m),
    );
    expect(gateMessages).toEqual([
      'A username is 2 to 32 letters, digits, dots, dashes or underscores, starting with a letter.',
      'Give the full name.',
    ]);
    for (const message of gateMessages) expect(message).toMatch(SENTENCE);
    await app.screenshot('forms-gate-marks-every-field');
    await fullName.fill('Xavier Ortiz');
    await eventually(() => fullName.getAttribute('aria-invalid')).toBe(null);
    expect(await username.getAttribute('aria-invalid')).toBe('true');
    // The refusal was logged once, naming both fields in one sentence.
    expect(logged(app, 'user.add').at(-1)).toMatchObject({
      outcome: 'error',
      reason: expect.stringMatching(/^Add a person: A username is .* \(username\)\. Give the full name \(fullName\)\.$/),
    });
  });

  it('Enter submits the one-line dialogs, and a purpose never holds a line break', async () => {
    const app = await openApp(browser(), { people: [MEMBER], trained: [COMMANDER.username] });
    const { page } = app;
    {
      const { ws, token } = asCommander(app);
      const access = { caseNumber: CASE, purpose: PURPOSE };
      ws.call(token, 'hotlist.add', { plate: '7XKD452', reason: 'Suspect vehicle', caseNumber: CASE, expires: '2099-12-31' }, access);
      ws.call(token, 'session.signOut', {});
    }
    await signInAs(page, COMMANDER);
    await openModule(page, 'Hot lists');

    // The case and purpose: Enter in the purpose continues. A line break pasted into it is a space.
    const asked = page.getByRole('dialog', { name: 'Case and purpose' });
    await field(asked, 'Case number').fill('26-0107');
    await field(asked, 'Purpose').focus();
    await page.keyboard.insertText('Armed robbery on Main St,\nthe suspect vehicle');
    const typed = await field(asked, 'Purpose').inputValue();
    expect(typed).not.toMatch(/[\r\n]/);
    expect(typed).toContain('Armed robbery on Main St,');
    await app.screenshot('forms-case-one-line');
    await field(asked, 'Purpose').press('Enter');
    await asked.waitFor({ state: 'detached' });
    await eventually(() => page.getByTestId('working-on').textContent()).toBe(`Working on case 26-0107: ${typed.trim()}`);
    const listRead = logged(app, 'hotlist.list').at(-1)!;
    expect(listRead).toMatchObject({ outcome: 'ok', caseNumber: '26-0107', purpose: typed.trim() });
    expect(listRead.purpose).not.toMatch(/[\r\n]/);

    // Retiring an entry: one line, Enter retires it.
    await page.getByRole('button', { name: 'Show the entries of Manual entries' }).click();
    await page.getByRole('button', { name: 'Retire 7XKD452' }).click();
    const retire = page.getByRole('dialog', { name: 'Retire 7XKD452' });
    await retire.getByRole('button', { name: 'Retire the entry' }).click();
    await retire.getByText('Say why the entry is taken off the list.').waitFor();
    await field(retire, 'Why it is retired').fill('Vehicle recovered on 30 November');
    await retire.getByText('Say why the entry is taken off the list.').waitFor({ state: 'detached' });
    await dialogSettled(page);
    await expectAccessible(page, 'the retire dialog');
    await app.screenshot('forms-retire-one-line');
    await field(retire, 'Why it is retired').press('Enter');
    await retire.waitFor({ state: 'detached' });
    expect(logged(app, 'hotlist.retireEntry').at(-1)).toMatchObject({ outcome: 'ok' });

    // Disabling a person: a confirmation, which Enter confirms and Escape would cancel.
    await openModule(page, 'People & training');
    const row = page.getByRole('row').filter({ hasText: MEMBER.fullName });
    await row.getByRole('button', { name: `Actions for ${MEMBER.fullName}` }).click();
    await page.getByRole('menuitem', { name: 'Disable…' }).click();
    const disable = page.getByRole('dialog', { name: `Disable ${MEMBER.fullName}?` });
    await disable.waitFor();
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await dialogSettled(page);
    await expectAccessible(page, 'the disable confirmation');
    await app.screenshot('forms-disable-enter');
    await page.keyboard.press('Enter');
    await disable.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText(`${MEMBER.fullName} (${MEMBER.username}) is disabled`, { exact: false }).waitFor();
  });
});

describe('the working case', { timeout: 180_000 }, () => {
  it('is shown on every page that opens ALPR data; carried to another page, it is confirmed with one click or changed', async () => {
    const app = await openApp(browser(), { trained: [COMMANDER.username] });
    const { page } = app;
    await signInAs(page, COMMANDER);

    // Given on Imports, for a preview.
    await openModule(page, 'Imports');
    expect(await page.getByTestId('working-on').textContent()).toBe(
      'No case and purpose given yet: this page opens ALPR data only with them.',
    );
    await page.getByTestId('file-input').setInputFiles(flockReadsFile());
    await page.getByRole('dialog', { name: 'Case and purpose' }).waitFor();
    await giveCaseAndPurpose(page, CASE, PURPOSE);
    await eventually(() => page.getByTestId('working-on').textContent()).toBe(`Working on case ${CASE}: ${PURPOSE}`);
    await eventually(() => logged(app, 'import.preview').at(-1)?.caseNumber).toBe(CASE);

    // On Search it is shown, marked as given elsewhere; the first search asks before anything opens.
    await openModule(page, 'Search');
    await eventually(() => page.getByTestId('working-on').textContent()).toBe(
      `Working on case ${CASE}: ${PURPOSE} (given on another page: confirm it before anything opens here)`,
    );
    const searchesBefore = logged(app, 'search.plates').length;
    await field(page, 'Plate or pattern').fill('7ABC123');
    await field(page, 'Plate or pattern').press('Enter');
    const confirm = page.getByRole('dialog', { name: 'Continue with this case?' });
    await confirm.waitFor();
    expect(await confirm.getByTestId('confirm-case').textContent()).toBe(`Continue with case ${CASE}: ${PURPOSE}?`);
    expect(logged(app, 'search.plates')).toHaveLength(searchesBefore);
    await dialogSettled(page);
    await expectAccessible(page, 'the confirmation of a case carried from another page');
    await app.screenshot('working-case-confirm');
    // Enter is Continue: the search runs under the case, and the log names it.
    await page.keyboard.press('Enter');
    await confirm.waitFor({ state: 'detached' });
    await page.getByTestId('search-described').waitFor();
    expect(logged(app, 'search.plates').at(-1)).toMatchObject({ outcome: 'ok', caseNumber: CASE, purpose: PURPOSE });
    await eventually(() => page.getByTestId('working-on').textContent()).toBe(`Working on case ${CASE}: ${PURPOSE}`);
    // Confirmed here: the next search goes straight through.
    await field(page, 'Plate or pattern').fill('7ABC124');
    await field(page, 'Plate or pattern').press('Enter');
    await eventually(() => logged(app, 'search.plates').length).toBe(searchesBefore + 2);
    expect(await confirm.count()).toBe(0);
    await app.screenshot('working-case-search');

    // On Hot lists, the page's first read asks too; "Change case" gives another, for this page.
    await openModule(page, 'Hot lists');
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Change case' }).click();
    const asked = page.getByRole('dialog', { name: 'Case and purpose' });
    expect(await field(asked, 'Case number').inputValue()).toBe(CASE);
    await giveCaseAndPurpose(page, '26-0043', 'Stolen grey Toyota reported on 2 March');
    await page.getByText('No hot list yet').waitFor();
    expect(logged(app, 'hotlist.list').at(-1)).toMatchObject({ outcome: 'ok', caseNumber: '26-0043' });
    await eventually(() => page.getByTestId('working-on').textContent()).toBe(
      'Working on case 26-0043: Stolen grey Toyota reported on 2 March',
    );
    await app.screenshot('working-case-hotlists');

    // The new case was given on Hot lists: Alerts asks again before its first read, and shows it.
    await openModule(page, 'Alerts');
    await continueWithCase(page, '26-0043');
    await eventually(() => page.getByTestId('working-on').textContent()).toBe(
      'Working on case 26-0043: Stolen grey Toyota reported on 2 March',
    );
    expect(logged(app, 'alert.list').at(-1)).toMatchObject({ outcome: 'ok', caseNumber: '26-0043' });
    await expectAccessible(page, 'the Alerts page under the confirmed case');
    await app.screenshot('working-case-alerts');
  });

  it('survives a reload of the page, with the session; a locked session reloads to the lock screen; a signed-out one to sign-in', async () => {
    const app = await openApp(browser(), { trained: [COMMANDER.username] });
    const { page } = app;
    await signInAs(page, COMMANDER);
    await openModule(page, 'Hot lists');
    await giveCaseAndPurpose(page, CASE, PURPOSE);
    await page.getByText('No hot list yet').waitFor();
    const signOutsBefore = logged(app, 'session.signOut').length;
    const signInsBefore = logged(app, 'session.signIn').length;

    // F5: the same page, signed in, under the same case, with no question asked.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Hot lists' }).waitFor();
    await page.getByText('No hot list yet').waitFor();
    expect(await page.getByTestId('working-on').textContent()).toBe(`Working on case ${CASE}: ${PURPOSE}`);
    expect(await page.getByTestId('current-case').textContent()).toBe(CASE);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(logged(app, 'session.signOut')).toHaveLength(signOutsBefore);
    expect(logged(app, 'session.signIn')).toHaveLength(signInsBefore);
    expect(logged(app, 'hotlist.list').at(-1)).toMatchObject({ outcome: 'ok', username: COMMANDER.username, caseNumber: CASE });
    await expectAccessible(page, 'the Hot lists page after a reload');
    await app.screenshot('reload-keeps-session');

    // Idle past the limit, then a reload: the lock screen, and the case still there after unlocking.
    app.clock.advanceMinutes(16);
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Session locked' }).waitFor();
    await app.screenshot('reload-locked');
    await field(page, `Password for ${COMMANDER.username}`).fill(COMMANDER.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Hot lists' }).waitFor();
    await eventually(() => page.getByTestId('working-on').textContent()).toBe(`Working on case ${CASE}: ${PURPOSE}`);

    // Signed out, a reload stays signed out, and the next session starts with no case.
    await signOut(page);
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to Custodian' }).waitFor();
    await signInAs(page, COMMANDER);
    await page.getByRole('navigation', { name: 'Modules' }).waitFor();
    await openModule(page, 'Search');
    expect(await page.getByTestId('working-on').textContent()).toBe(
      'No case and purpose given yet: this page opens ALPR data only with them.',
    );
  });
});

describe('dates and times', { timeout: 180_000 }, () => {
  const ZONE = 'America/Los_Angeles';

  it('name their zone once on every page, in one format, and in the sign-in lockout sentence', async () => {
    const app = await openApp(browser(), { people: [MEMBER], trained: [COMMANDER.username], timezoneId: ZONE });
    const { page } = app;
    const { ws, token } = asCommander(app);
    const { startedAt } = (await ws.startJob(token, 'import.run', { source: { path: flockReadsFile() }, vendor: 'auto' }, undefined, {
      signal: new AbortController().signal,
      onProgress: () => undefined,
    })) as { startedAt: string };
    ws.call(token, 'session.signOut', {});
    await signInAs(page, COMMANDER);
    await page.getByRole('navigation', { name: 'Modules' }).waitFor();

    for (const module of ['Search', 'Imports', 'Hot lists', 'Alerts', 'People & training']) {
      await openModule(page, module);
      if (module === 'Hot lists') await giveCaseAndPurpose(page, CASE, PURPOSE);
      if (module === 'Alerts') await continueWithCase(page, CASE);
      await eventually(() => page.getByTestId('time-zone').count()).toBe(1);
      expect(await page.getByTestId('time-zone').textContent()).toBe(`Times are in ${ZONE}.`);
    }

    // The import history shows its time in that zone, in the one format, with UTC on hover.
    await openModule(page, 'Imports');
    const time = page.getByRole('table', { name: 'Imports' }).locator('time').first();
    const iso = (await time.getAttribute('datetime'))!;
    expect(iso).toBe(startedAt);
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE, dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));
    expect(await time.textContent()).toBe(local);
    expect(await time.getAttribute('title')).toBe(
      `${new Date(iso)
        .toISOString()
        .replace('T', ' ')
        .replace(/\.\d+Z$/, '')} UTC`,
    );
    await expectAccessible(page, 'the Imports page with its time zone');
    await app.screenshot('times-imports');

    // A time inside a sentence names its zone: the sign-in lockout.
    await signOut(page);
    for (let attempt = 1; attempt <= 5; attempt++) await signInAs(page, { username: MEMBER.username, password: `Wrong-${attempt}-pw` });
    const locked = page.getByRole('alert').filter({ hasText: 'is now locked for 10 minutes' });
    await locked.waitFor();
    await signInAs(page, MEMBER);
    const until = page.getByRole('alert').filter({ hasText: `Sign-in as ${MEMBER.username} is locked after 5 failed attempts until ` });
    await until.waitFor();
    expect(await until.textContent()).toMatch(new RegExp(`until \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} \\(${ZONE}\\)`));
    await app.screenshot('times-lockout');
  });
});
