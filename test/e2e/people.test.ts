import { describe, expect, it } from 'vitest';
import type { Db } from '../../src-main/core/store/database';
import {
  ADMINISTRATOR,
  COMMANDER,
  MEMBER,
  openAddress,
  openApp,
  openModule,
  REQUIRED_COURSE,
  signInAs,
  useBrowser,
  type OpenApp,
  UI_TIMEOUT,
} from '../support/browser';

const browser = useBrowser();
/** Poll until the page shows it, as long as any UI change may take (vitest's default is one second). */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: UI_TIMEOUT });

const NEW_PERSON = { username: 'asmith', fullName: 'Alex Smith', password: 'Harbour-Lights-Quarter-9' };

function store(app: OpenApp): Db {
  const db = app.service.workspace?.database();
  if (!db) throw new Error('the store is closed');
  return db;
}

const accountCount = (app: OpenApp, username: string) =>
  store(app).prepare('SELECT count(*) FROM accounts WHERE username = ?').pluck().get(username) as number;

async function openPeople(person = COMMANDER): Promise<OpenApp> {
  const app = await openApp(browser(), { people: [ADMINISTRATOR, MEMBER], trained: [MEMBER.username] });
  await signInAs(app.page, person);
  await openModule(app.page, 'People & training');
  await app.page.getByRole('table', { name: 'People' }).waitFor();
  return app;
}

describe('People & training page', () => {
  it('lists people; adds one with roles (a weak password is refused next to its field); records training; disables', async () => {
    const app = await openPeople();
    const { page } = app;
    const table = page.getByRole('table', { name: 'People' });
    const row = (username: string) => table.locator(`tr[data-username="${username}"]`);

    // The table: headers, one row per person, roles as badges, training and confidential status.
    for (const name of ['Person', 'Roles', 'Status', 'Training', 'Confidential data']) {
      await table.getByRole('columnheader', { name, exact: true }).waitFor();
    }
    await row(COMMANDER.username)
      .getByRole('rowheader', { name: /Laura Thompson/ })
      .waitFor();
    expect(await row(MEMBER.username).textContent()).toContain('Member');
    expect(await row(MEMBER.username).textContent()).toContain('Current');
    expect(await row(ADMINISTRATOR.username).textContent()).toContain(`Missing${REQUIRED_COURSE}`);
    await app.screenshot('people-table');

    // Add a person: a weak password is refused by the gate, with its sentence next to the password field.
    await page.getByRole('button', { name: 'Add person' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a person' });
    await dialog.getByLabel('Username').fill(NEW_PERSON.username);
    await dialog.getByLabel('Full name').fill(NEW_PERSON.fullName);
    await dialog.getByLabel('Member (searches for a documented purpose)').check();
    await dialog.getByLabel('Evidence technician (packages and media)').check();
    await dialog.getByLabel('Initial password').fill('short-one');
    await dialog.getByLabel('Confirm the password').fill('short-one');
    await dialog.getByRole('button', { name: 'Add person' }).click();
    const password = dialog.getByLabel('Initial password');
    await eventually(() => password.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await password.getAttribute('aria-describedby'))!.split(' ').filter(Boolean);
    const messages = await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()));
    expect(messages).toContain('A password needs at least 12 characters; this one has 9.');
    await app.screenshot('people-add-weak-password');
    expect(accountCount(app, NEW_PERSON.username)).toBe(0);

    // The two passwords must match before anything is sent.
    await dialog.getByLabel('Initial password').fill(NEW_PERSON.password);
    await dialog.getByLabel('Confirm the password').fill(`${NEW_PERSON.password}x`);
    await dialog.getByLabel('Confirm the password').press('Enter');
    await dialog.getByText('The two passwords are not the same.').waitFor();
    expect(accountCount(app, NEW_PERSON.username)).toBe(0);

    // Enter submits; the person appears with their roles, and a notice says so.
    await dialog.getByLabel('Confirm the password').fill(NEW_PERSON.password);
    await dialog.getByLabel('Confirm the password').press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText('Alex Smith (asmith) was added.', { exact: false }).waitFor();
    const added = row(NEW_PERSON.username);
    await added.waitFor();
    const addedText = await added.textContent();
    expect(addedText).toContain('Alex Smith');
    expect(addedText).toContain('Member');
    expect(addedText).toContain('Evidence technician');
    expect(addedText).toContain('Active');
    expect(addedText).toContain(`Missing${REQUIRED_COURSE}`);
    expect(accountCount(app, NEW_PERSON.username)).toBe(1);

    // Record training from the row's actions: the course is offered from the required list.
    await added.getByRole('button', { name: 'Actions for Alex Smith' }).click();
    await page.getByRole('menuitem', { name: 'Record training…' }).click();
    const training = page.getByRole('dialog', { name: 'Record training' });
    expect(await training.getByRole('combobox', { name: 'Person' }).inputValue()).toBe('Alex Smith (asmith)');
    expect(await training.getByRole('combobox', { name: 'Course' }).inputValue()).toBe(REQUIRED_COURSE);
    // A completion date in the future is refused by the gate, next to that field.
    const tomorrow = new Date(app.clock.now().getTime() + 86_400_000).toISOString().slice(0, 10);
    await training.getByLabel('Completed on').fill(tomorrow);
    await training.getByRole('button', { name: 'Record training' }).click();
    await training.getByText(`The completion date ${tomorrow} is in the future.`).waitFor();
    await training.getByLabel('Completed on').fill(app.clock.today());
    await training.getByRole('button', { name: 'Record training' }).click();
    await training.waitFor({ state: 'detached' });
    await page.getByRole('status').getByText(`${REQUIRED_COURSE}, completed ${app.clock.today()}, recorded for Alex Smith.`).waitFor();
    await eventually(() => added.locator('td').nth(3).textContent()).toBe('Current');

    // The person's training records open under their row.
    await added.getByRole('button', { name: 'Show the training records of Alex Smith' }).click();
    const records = page.getByRole('table', { name: 'Training records of Alex Smith' });
    await records.getByRole('cell', { name: REQUIRED_COURSE }).waitFor();
    expect(await records.textContent()).toContain(app.clock.today());
    expect(await records.textContent()).toContain('Does not expire');
    await app.screenshot('people-training-records');

    // Grant confidential data (a commander may).
    await added.getByRole('button', { name: 'Actions for Alex Smith' }).click();
    await page.getByRole('menuitem', { name: 'Grant confidential data…' }).click();
    const grant = page.getByRole('dialog', { name: 'Grant confidential data to Alex Smith?' });
    await grant.getByRole('button', { name: 'Grant' }).click();
    await grant.waitFor({ state: 'detached' });
    await eventually(() => added.locator('td').nth(4).textContent()).toBe('Authorised');

    // Disable: the confirmation says the history stays and the key slot goes; then the status shows it.
    await added.getByRole('button', { name: 'Actions for Alex Smith' }).click();
    await page.getByRole('menuitem', { name: 'Disable…' }).click();
    const disable = page.getByRole('dialog', { name: 'Disable Alex Smith?' });
    expect(await disable.textContent()).toContain('Their key slot is removed from the keyring');
    expect(await disable.textContent()).toContain('Their history stays');
    await app.screenshot('people-disable-confirm');
    // Escape closes it without doing anything.
    await page.keyboard.press('Escape');
    await disable.waitFor({ state: 'detached' });
    expect(await added.locator('td').nth(2).textContent()).toBe('Active');
    await added.getByRole('button', { name: 'Actions for Alex Smith' }).click();
    await page.getByRole('menuitem', { name: 'Disable…' }).click();
    await disable.getByRole('button', { name: 'Disable Alex Smith' }).click();
    await disable.waitFor({ state: 'detached' });
    await eventually(() => added.locator('td').nth(2).textContent()).toBe('Disabled');
    await page.getByRole('status').getByText('Alex Smith (asmith) is disabled and can no longer sign in.').waitFor();
    expect(store(app).prepare('SELECT status FROM accounts WHERE username = ?').pluck().get(NEW_PERSON.username)).toBe('disabled');
    await app.screenshot('people-disabled');
  });

  it('offers an administrator only what they may do, and shows the gate refusing a username in use', async () => {
    const app = await openPeople(ADMINISTRATOR);
    const { page } = app;
    await page.getByRole('button', { name: 'Add person' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a person' });
    expect(await dialog.getByLabel('Administration Division Commander').isDisabled()).toBe(true);
    expect(await dialog.getByLabel('Administrator (imports, purges, holds, people and training)').isDisabled()).toBe(true);
    expect(await dialog.getByLabel('Member (searches for a documented purpose)').isEnabled()).toBe(true);
    expect(await dialog.getByText(/confidential/i).count()).toBe(0);
    // A username already in use: the gate's sentence shows next to the username field.
    await dialog.getByLabel('Username').fill(MEMBER.username);
    await dialog.getByLabel('Full name').fill('Jordan Morales Again');
    await dialog.getByLabel('Member (searches for a documented purpose)').check();
    await dialog.getByLabel('Initial password').fill(NEW_PERSON.password);
    await dialog.getByLabel('Confirm the password').fill(NEW_PERSON.password);
    await dialog.getByRole('button', { name: 'Add person' }).click();
    await dialog.getByText(`The username ${MEMBER.username} is already in use`, { exact: false }).waitFor();
    expect(await dialog.getByLabel('Username').getAttribute('aria-invalid')).toBe('true');
    await app.screenshot('people-admin-add-username-taken');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // No confidential actions for an administrator, and no disabling a commander.
    const commanderRow = page.locator(`tr[data-username="${COMMANDER.username}"]`);
    await commanderRow.getByRole('button', { name: 'Actions for Laura Thompson' }).click();
    expect(await page.getByRole('menuitem', { name: /confidential/ }).count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: /^Disable/ }).isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
  });

  it('tells a member the list of people is not theirs to see, without asking the gate', async () => {
    const app = await openApp(browser(), { people: [MEMBER] });
    await signInAs(app.page, MEMBER);
    // not in a member's navigation: opened by its address
    await app.page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await openAddress(app.page, '#/people');
    await app.page.getByText('Only a commander or an administrator may see the list of people.').waitFor();
    expect(await app.page.getByRole('table').count()).toBe(0);
    expect(await app.page.getByRole('button', { name: 'Add person' }).count()).toBe(0);
    const refused = store(app).prepare("SELECT count(*) FROM audit_log WHERE operation = 'user.list'").pluck().get() as number;
    expect(refused).toBe(0);
    await app.screenshot('people-not-permitted');
  });
});
