import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../support/temp';
import type { Db } from '../../src-main/core/store/database';
import {
  ADMINISTRATOR,
  COMMANDER,
  MEMBER,
  openApp,
  openModule,
  REQUIRED_COURSE,
  signInAs,
  signOut,
  expectAccessible,
  useBrowser,
  type OpenApp,
  UI_TIMEOUT,
} from '../support/browser';

const browser = useBrowser();
/** Poll until the page shows it, as long as any UI change may take (vitest's default is one second). */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: UI_TIMEOUT });

function store(app: OpenApp): Db {
  const db = app.service.workspace?.database();
  if (!db) throw new Error('the store is closed');
  return db;
}

const storedSetting = (app: OpenApp, key: string): unknown => {
  const value = store(app).prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
  return value === undefined ? undefined : JSON.parse(value);
};

describe('Settings page', () => {
  it('lets a commander change the idle minutes and the required courses; the values persist after a reload', async () => {
    const app = await openApp(browser(), { people: [MEMBER] });
    const { page } = app;
    await signInAs(page, COMMANDER);
    await openModule(page, 'Settings');
    const idle = page.getByLabel('Lock the screen after this many idle minutes');
    expect(await idle.inputValue()).toBe('15');
    await page.getByRole('list', { name: 'Required training courses' }).getByText(REQUIRED_COURSE).waitFor();
    expect(await page.getByRole('button', { name: 'Save settings' }).isDisabled()).toBe(true);
    await app.screenshot('settings-commander');

    // Out of range: the gate refuses it and its words show next to the field; nothing is stored.
    await idle.fill('45');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await eventually(() => idle.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await idle.getAttribute('aria-describedby'))!.split(' ').filter(Boolean);
    const messages = (await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).textContent()))).join(' ');
    expect(messages).toMatch(/30/);
    expect(storedSetting(app, 'idleMinutes')).toBeUndefined();
    await app.screenshot('settings-idle-out-of-range');

    // A good value, and a second required course added with Enter (which adds, not saves), then saved.
    await idle.fill('20');
    const addCourse = page.getByLabel('Add a course');
    await addCourse.fill('Privacy and Civil Liberties Refresher');
    await addCourse.press('Enter');
    await page.getByRole('list', { name: 'Required training courses' }).getByText('Privacy and Civil Liberties Refresher').waitFor();
    expect(storedSetting(app, 'requiredCourses')).toBeUndefined();
    // A course already on the list is not added twice.
    await addCourse.fill(REQUIRED_COURSE.toUpperCase());
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText(`${REQUIRED_COURSE.toUpperCase()} is already on the list.`).waitFor();
    await addCourse.fill('');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').getByText('Settings saved: 2 required courses; the screen locks after 20 idle minutes.').waitFor();
    expect(storedSetting(app, 'idleMinutes')).toBe(20);
    expect(storedSetting(app, 'requiredCourses')).toEqual([REQUIRED_COURSE, 'Privacy and Civil Liberties Refresher']);
    await app.screenshot('settings-saved');

    // After a reload (signing in again if the reload ended the session), the page shows what was stored.
    await page.reload();
    const signIn = page.getByRole('heading', { name: 'Sign in to Custodian' });
    const settingsHeading = page.getByRole('heading', { level: 1, name: 'Settings' });
    await signIn.or(settingsHeading).waitFor();
    if (await signIn.isVisible()) {
      await signInAs(page, COMMANDER);
      await openModule(page, 'Settings');
    }
    await eventually(() => page.getByLabel('Lock the screen after this many idle minutes').inputValue()).toBe('20');
    await page.getByRole('list', { name: 'Required training courses' }).getByText('Privacy and Civil Liberties Refresher').waitFor();

    // Removing a course is a change too; Undo puts the form back as stored.
    await page.getByRole('button', { name: 'Remove Privacy and Civil Liberties Refresher' }).click();
    expect(
      await page.getByRole('list', { name: 'Required training courses' }).getByText('Privacy and Civil Liberties Refresher').count(),
    ).toBe(0);
    await page.getByRole('button', { name: 'Undo changes' }).click();
    await page.getByRole('list', { name: 'Required training courses' }).getByText('Privacy and Civil Liberties Refresher').waitFor();
  });

  it('shows the settings read-only to someone without settings.manage', async () => {
    const app = await openApp(browser(), { people: [MEMBER, ADMINISTRATOR] });
    const { page } = app;
    await signInAs(page, MEMBER);
    await openModule(page, 'Settings');
    await page.getByText('Only a commander may change these settings.').waitFor();
    await page.getByTestId('idle-minutes').getByText('The screen locks after 15 idle minutes.').waitFor();
    await page.getByRole('list', { name: 'Required training courses' }).getByText(REQUIRED_COURSE).waitFor();
    expect(await page.getByRole('button', { name: 'Save settings' }).count()).toBe(0);
    expect(await page.getByRole('textbox').count()).toBe(0);
    expect(await page.getByRole('spinbutton').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove / }).count()).toBe(0);
    await app.screenshot('settings-read-only');
  });

  it('lets a commander choose a checkpoint folder; when the log no longer matches, or the folder is gone, every page says so in red', async () => {
    const app = await openApp(browser(), { people: [MEMBER] });
    const { page } = app;
    await signInAs(page, COMMANDER);
    await openModule(page, 'Settings');
    const folderField = page.getByLabel('Checkpoint folder');
    // A folder that is not there is refused beside the field.
    await folderField.fill('/media/no-such-usb/checkpoints');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await eventually(() => folderField.getAttribute('aria-invalid')).toBe('true');
    await page
      .getByText('The checkpoint folder /media/no-such-usb/checkpoints does not exist (is the medium in, the share connected?).')
      .waitFor();
    expect(storedSetting(app, 'checkpointFolder')).toBeUndefined();

    const medium = tempFolder('settings-medium');
    await folderField.fill(medium);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await eventually(() => storedSetting(app, 'checkpointFolder')).toBe(medium);
    // The first checkpoint is written at once.
    await eventually(() => fs.readdirSync(medium).filter((f) => f.startsWith('custodian-checkpoint-')).length).toBe(1);
    await expectAccessible(page, 'Settings with a checkpoint folder');
    await app.screenshot('settings-checkpoint-folder');

    // The medium is taken out: the next sign-in warns on every page.
    fs.rmSync(medium, { recursive: true });
    await signOut(page);
    await signInAs(page, COMMANDER);
    const warning = page.getByTestId('log-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/The checkpoint folder .* cannot be reached/);
    await openModule(page, 'People & training');
    await warning.waitFor();
    await expectAccessible(page, 'a page with the access-log warning');
    await app.screenshot('log-warning');
  });
});
