import { describe, expect, it } from 'vitest';
import {
  COMMANDER,
  MEMBER,
  expectAccessible,
  field,
  giveCaseAndPurpose,
  openApp,
  openModule,
  signInAs,
  useBrowser,
} from '../support/browser';

const browser = useBrowser();

describe('signing in, locking and the keyboard', { timeout: 120_000 }, () => {
  it('locks the account after 5 wrong passwords and says so on screen', async () => {
    const app = await openApp(browser(), { people: [MEMBER] });
    const { page } = app;
    const alert = page.getByRole('alert');
    for (let attempt = 1; attempt <= 5; attempt++) {
      await signInAs(page, { username: MEMBER.username, password: `Wrong-password-${attempt}` });
      const left = 5 - attempt;
      await alert
        .filter({
          hasText:
            left > 0
              ? `That username and password do not match an active account. ${left} more failed attempt${left === 1 ? '' : 's'} will lock it for 10 minutes.`
              : 'That username and password do not match an active account. The account is now locked for 10 minutes.',
        })
        .waitFor();
      if (attempt === 1) await app.screenshot('sign-in-wrong-password');
    }
    // Even the right password is refused now.
    await signInAs(page, MEMBER);
    const locked = alert.filter({ hasText: `Sign-in as ${MEMBER.username} is locked after 5 failed attempts until ` });
    await locked.waitFor();
    // The time it opens again reads as a local time, not as the gate's ISO timestamp.
    expect(await locked.textContent()).not.toMatch(/\dT\d/);
    await expectAccessible(page, 'sign-in, account locked');
    await app.screenshot('sign-in-account-locked');

    // Ten minutes later the account opens again.
    app.clock.advanceMinutes(11);
    await signInAs(page, MEMBER);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
  });

  it('locks an idle session within the poll, keeps the page and the case, and unlocks with the password', async () => {
    const app = await openApp(browser(), { people: [MEMBER], trained: [MEMBER.username] });
    const { page } = app;
    await signInAs(page, MEMBER);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await page.getByRole('button', { name: 'Choose case' }).click();
    await giveCaseAndPurpose(page, '26-0107', 'Hit-and-run on Route 9, 2026-11-20');
    await openModule(page, 'Settings');

    // Past the idle limit (15 minutes by default): the lock screen comes with the next status poll.
    app.clock.advanceMinutes(16);
    await page.getByRole('heading', { level: 1, name: 'Session locked' }).waitFor({ timeout: 8_000 });
    await page.getByText('The session locked after 15 minutes without activity.').waitFor();
    await page.getByText(MEMBER.fullName).waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    await expectAccessible(page, 'the lock screen');
    await app.screenshot('lock-screen');

    await field(page, `Password for ${MEMBER.username}`).fill('not-the-password');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: `Wrong password for ${MEMBER.username}.` })
      .waitFor();
    await app.screenshot('lock-screen-wrong-password');

    await field(page, `Password for ${MEMBER.username}`).fill(MEMBER.password);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(new URL(page.url()).hash).toBe('#/settings');
    expect(await page.getByTestId('current-case').textContent()).toBe('26-0107');

    // A refusal because the session locked sends the app to the lock screen too (not only the poll).
    await openModule(page, 'Search');
    app.clock.advanceMinutes(16);
    await page.getByRole('button', { name: 'Show what this workstation holds' }).click();
    await page.getByRole('heading', { level: 1, name: 'Session locked' }).waitFor({ timeout: 8_000 });

    // Signing out from the lock screen works, and the case is forgotten.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Custodian' }).waitFor();
    await signInAs(page, MEMBER);
    await page.getByRole('button', { name: 'Choose case' }).waitFor();
    expect(new URL(page.url()).hash).toBe('');
  });

  it('can be used with the keyboard alone: sign in, skip to the page, navigate, open and close a dialog', async () => {
    const app = await openApp(browser(), { people: [MEMBER], trained: [MEMBER.username] });
    const { page } = app;
    await page.getByRole('heading', { level: 1, name: 'Sign in to Custodian' }).waitFor();

    // The username field has the focus; Tab reaches the password, Enter submits.
    await page.keyboard.type(COMMANDER.username);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.getAttribute("autocomplete")')).toBe('current-password');
    await page.keyboard.type(COMMANDER.password);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Sign in');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();

    // The first Tab reaches "Skip to the page", which moves the keyboard into the main landmark.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to the page');
    await expectAccessible(page, 'the app frame with the skip link showing');
    await app.screenshot('frame-skip-link-focused');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');

    // Navigation: Tab to a module link, Enter opens it and marks it current.
    const link = page.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name: 'Settings' });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await link.getAttribute('aria-current')).toBe('page');
    expect(await page.evaluate('document.activeElement.tagName')).toBe('H1');
    await app.screenshot('frame-keyboard-focus-on-heading');

    // A dialog opens from the keyboard, takes the focus, and Escape closes it.
    await page.getByRole('button', { name: 'Choose case' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Case and purpose' });
    await dialog.waitFor();
    expect(await page.evaluate('document.activeElement.closest("[role=dialog]") !== null')).toBe(true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // The person menu opens from the keyboard; its items are reachable with the arrow keys.
    await page.getByRole('button', { name: /^Signed in as Laura Thompson/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: 'Change my password' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Sign out');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Sign in to Custodian' }).waitFor();
  });
});
