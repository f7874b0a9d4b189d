import { describe, expect, it } from 'vitest';
import { COMMANDER, MEMBER, expectAccessible, field, openApp, openModule, signInAs, signOut, useBrowser } from '../support/browser';

const browser = useBrowser();

describe('every screen, looked at and checked for accessibility', { timeout: 120_000 }, () => {
  it('frames every page with one banner, one main landmark and the navigation, Home first and nothing unbuilt', async () => {
    const app = await openApp(browser());
    const { page } = app;
    await signInAs(page, COMMANDER);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();

    const nav = page.getByRole('navigation', { name: 'Modules' });
    expect(await nav.getByRole('link').allTextContents()).toEqual([
      'Home',
      'Imports',
      'Search',
      'Hot lists',
      'Alerts',
      'Cases & holds',
      'Retention',
      'Access log',
      'People & training',
      'Settings',
    ]);
    await openModule(page, 'Search');
    expect(await nav.getByRole('link', { name: 'Search' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('main').count()).toBe(1);
    expect(await page.getByRole('banner').count()).toBe(1);
    expect(await page.evaluate('document.documentElement.lang')).toBe('en');
    await expectAccessible(page, 'Search');
    await app.screenshot('frame-search');
  });

  it('resets a lost commander password with the recovery code and shows the new code once', async () => {
    const app = await openApp(browser());
    const { page } = app;
    await page.getByRole('heading', { level: 1, name: 'Sign in to Custodian' }).waitFor();
    await expectAccessible(page, 'sign-in');
    await app.screenshot('sign-in');

    await page.getByRole('button', { name: 'Forgot the commander password? Use the recovery code' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reset the commander password' }).waitFor();
    await expectAccessible(page, 'the recovery form');
    await app.screenshot('recover');

    // A wrong code is refused, in the gate's words.
    await field(page, 'Recovery code').fill('AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH');
    await field(page, "Commander's username").fill(COMMANDER.username);
    await field(page, 'New password').fill('Records-Room-Key-2027');
    await field(page, 'Confirm new password').fill('Records-Room-Key-2027');
    await page.getByRole('button', { name: 'Reset the password' }).click();
    await page.getByRole('alert').filter({ hasText: 'That recovery code is not right.' }).waitFor();
    await app.screenshot('recover-wrong-code');

    await field(page, 'Recovery code').fill(app.recoveryCode!);
    await page.getByRole('button', { name: 'Reset the password' }).click();
    await page.getByRole('heading', { level: 1, name: 'The new recovery code' }).waitFor();
    const newCode = (await page.getByTestId('recovery-code').textContent())?.trim();
    expect(newCode).toBeTruthy();
    expect(newCode).not.toBe(app.recoveryCode);
    await app.screenshot('recover-new-code');
    await page.getByLabel('I have stored the recovery code').check();
    await page.getByRole('button', { name: 'Continue to sign in' }).click();

    await page.getByText('The password was reset. Sign in with the new password.').waitFor();
    expect(await field(page, 'Username').inputValue()).toBe(COMMANDER.username);
    await field(page, 'Password').fill('Records-Room-Key-2027');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  });

  it('changes my password from the person menu, with the gate deciding', async () => {
    const app = await openApp(browser(), { people: [MEMBER] });
    const { page } = app;
    await signInAs(page, MEMBER);
    await page.getByRole('button', { name: /^Signed in as Jordan Morales/ }).click();
    await page.getByRole('menuitem', { name: 'Change my password' }).click();
    const dialog = page.getByRole('dialog', { name: 'Change my password' });
    await dialog.waitFor();
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await expectAccessible(page, 'the change-password dialog');
    await app.screenshot('change-password');

    await field(dialog, 'Current password').fill('not-my-password');
    await field(dialog, 'New password').fill('Night-Shift-Records-42');
    await field(dialog, 'Confirm new password').fill('Night-Shift-Records-42');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.getByText('The current password is not right; nothing was changed.', { exact: false }).waitFor();
    await app.screenshot('change-password-wrong-current');

    await field(dialog, 'Current password').fill(MEMBER.password);
    await field(dialog, 'New password').fill('short');
    await field(dialog, 'Confirm new password').fill('short');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.getByText('A password needs at least 12 characters; this one has 5.').waitFor();

    await field(dialog, 'New password').fill('Night-Shift-Records-42');
    await field(dialog, 'Confirm new password').fill('Night-Shift-Records-42');
    await dialog.getByRole('button', { name: 'Change password' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Your password was changed. Use the new one from now on.').waitFor();
    await app.screenshot('change-password-done');

    await signOut(page);
    await signInAs(page, { username: MEMBER.username, password: 'Night-Shift-Records-42' });
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  });
});
