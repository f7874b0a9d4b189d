import { expect, it } from 'vitest';
import {
  COMMANDER,
  MEMBER,
  REQUIRED_COURSE,
  expectAccessible,
  field,
  giveCaseAndPurpose,
  openApp,
  openModule,
  signInAs,
  signOut,
  useBrowser,
} from '../support/browser';

const browser = useBrowser();

const CASE = '26-0042';
const PURPOSE = 'Stolen vehicle reported 2026-11-28, plate seen near Main St';

/**
 * The first day of a workstation, through the screens only: set-up, the recovery code,
 * the commander adds a member, the member is refused ALPR data for want of training (the
 * course named on screen), the commander records the training, the member is let in, and
 * the access log shows every step with names and times and verifies intact.
 */
it('first run to a logged, verified access to ALPR data', { timeout: 180_000 }, async () => {
  const app = await openApp(browser(), { workspace: 'none' });
  const { page } = app;

  // First run: what a workspace is, and the gate's word on a weak password next to the field.
  await page.getByRole('heading', { level: 1, name: 'Set up Custodian on this workstation' }).waitFor();
  await expect(page.getByText('encrypted from the start')).toBeTruthy();
  await expectAccessible(page, 'first-run set-up');
  await app.screenshot('01-setup');
  await field(page, "Commander's username").fill(COMMANDER.username);
  await field(page, 'Full name').fill(COMMANDER.fullName);
  await field(page, 'Password').fill('password1234');
  await field(page, 'Confirm password').fill('password1234');
  await page.getByRole('button', { name: 'Create the workspace' }).click();
  await page.getByText('That password is on the list of commonly used passwords; choose another.').waitFor();
  await app.screenshot('02-setup-weak-password');

  await field(page, 'Password').fill(COMMANDER.password);
  await field(page, 'Confirm password').fill(COMMANDER.password);
  await page.getByRole('button', { name: 'Create the workspace' }).click();

  // The recovery code, once; Continue only after saying it is stored.
  await page.getByRole('heading', { level: 1, name: 'The recovery code' }).waitFor();
  const code = (await page.getByTestId('recovery-code').textContent())?.trim() ?? '';
  expect(code.length).toBeGreaterThanOrEqual(20);
  const proceed = page.getByRole('button', { name: 'Continue to sign in' });
  expect(await proceed.isDisabled()).toBe(true);
  await expectAccessible(page, 'the recovery code');
  await app.screenshot('03-recovery-code');
  await page.getByLabel('I have stored the recovery code').check();
  await proceed.click();

  // Sign in: the username is already there.
  await page.getByRole('heading', { level: 1, name: 'Sign in to Custodian' }).waitFor();
  expect(await field(page, 'Username').inputValue()).toBe(COMMANDER.username);
  await expectAccessible(page, 'sign-in');
  await app.screenshot('04-sign-in-after-setup');
  await field(page, 'Password').fill(COMMANDER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  await page.getByRole('button', { name: /^Signed in as Laura Thompson/ }).waitFor();

  // The commander adds a member (no training yet) on the People & training page.
  await openModule(page, 'People & training');
  await page.getByRole('button', { name: 'Add person' }).click();
  const add = page.getByRole('dialog', { name: 'Add a person' });
  await field(add, 'Username').fill(MEMBER.username);
  await field(add, 'Full name').fill(MEMBER.fullName);
  await add.getByLabel('Member (searches for a documented purpose)').check();
  await field(add, 'Initial password').fill(MEMBER.password);
  await field(add, 'Confirm the password').fill(MEMBER.password);
  await add.getByRole('button', { name: 'Add person' }).click();
  await add.waitFor({ state: 'detached' });
  await page.getByRole('cell', { name: MEMBER.fullName }).first().waitFor();
  await signOut(page);

  // The member is refused ALPR data, with the missing course named.
  await signInAs(page, MEMBER);
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  await openModule(page, 'Search');
  await page.getByRole('button', { name: 'Show what this workstation holds' }).click();
  await page.getByRole('dialog', { name: 'Case and purpose' }).waitFor();
  await expectAccessible(page, 'the case-and-purpose dialog');
  await app.screenshot('05-case-and-purpose');
  await giveCaseAndPurpose(page, CASE, PURPOSE);
  const refusal = page.getByRole('alert').filter({ hasText: REQUIRED_COURSE });
  await refusal.waitFor();
  expect(await refusal.textContent()).toMatch(/Jordan Morales/);
  await expect(await page.getByTestId('current-case').textContent()).toBe(CASE);
  await expectAccessible(page, 'Search, refused');
  await app.screenshot('06-search-refused-training');
  await signOut(page);

  // The commander records the training.
  await signInAs(page, COMMANDER);
  await openModule(page, 'People & training');
  await page.getByRole('button', { name: 'Record training' }).click();
  const training = page.getByRole('dialog', { name: 'Record training' });
  await field(training, 'Person').click();
  await page.getByRole('option', { name: `${MEMBER.fullName} (${MEMBER.username})` }).click();
  await field(training, 'Course').fill(REQUIRED_COURSE);
  await field(training, 'Completed on').fill(app.clock.today());
  await training.getByRole('button', { name: 'Record training' }).click();
  await training.waitFor({ state: 'detached' });
  await signOut(page);

  // Now the member is let in: the case is asked for again (it was forgotten at sign-out).
  await signInAs(page, MEMBER);
  await openModule(page, 'Search');
  await page.getByRole('button', { name: 'Show what this workstation holds' }).click();
  await giveCaseAndPurpose(page, CASE, PURPOSE);
  const holdings = page.getByRole('region', { name: 'Holdings' });
  await holdings.waitFor();
  expect(await page.getByTestId('holdings-reads').textContent()).toBe('0');
  expect(await holdings.textContent()).toContain(`Opened for case ${CASE}`);
  await expectAccessible(page, 'Search, allowed');
  await app.screenshot('07-search-allowed');
  await signOut(page);

  // The access log shows every step, in words, with its time, and verifies intact.
  await signInAs(page, COMMANDER);
  await openModule(page, 'Access log');
  const rows = page.locator('tr.cu-log-row');
  await rows.first().waitFor();
  // The table holds only the rows in view: read it at the top, and again at the end (End moves there).
  const shown = async () => (await page.locator('table').first().innerText()).replace(/\s+/g, ' ');
  const top = await shown();
  await rows.first().focus();
  await page.keyboard.press('End');
  await expect.poll(async () => (await shown()) !== top).toBe(true);
  const table = `${top} ${await shown()}`;
  for (const expected of [
    'Set up the workspace',
    'Signed in',
    'Added a person',
    'Recorded training',
    'Looked at the ALPR data held',
    'Signed out',
    COMMANDER.fullName,
    MEMBER.fullName,
    CASE,
  ]) {
    expect(table, `the access log shows ${expected}`).toContain(expected);
  }
  expect(table).toMatch(/Looked at the ALPR data held Refused/);
  expect(table).toMatch(/Looked at the ALPR data held Done/);
  expect(table).not.toMatch(/alpr\.holdings|workspace\.init/);
  await page.getByRole('button', { name: 'Verify chain' }).click();
  await page.getByText(/^Intact: /).waitFor();
  await app.screenshot('08-access-log-verified');
});
