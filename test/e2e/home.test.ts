import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Workspace } from '../../src-main/core/workspace';
import { importOk } from '../support/import-support';
import {
  ADMINISTRATOR,
  AUDITOR,
  COMMANDER,
  MEMBER,
  REQUIRED_COURSE,
  SCREENSHOT_DIR,
  UI_TIMEOUT,
  continueWithCase,
  expectAccessible,
  field,
  giveCaseAndPurpose,
  openAddress,
  openApp,
  openModule,
  setUpWorkspace,
  signInAs,
  signOut,
  useBrowser,
  type OpenApp,
  type Person,
} from '../support/browser';
import { tempFolder } from '../support/temp';

// The home screen in Chromium through the real bridge (issue 13): each role's tiles, counted
// by home.tiles and opening their lists filtered; the navigation showing only the modules a
// role may use; first run landing on the first steps, checked off as they are done; and the
// navigation folding behind a button in a window 1024 px wide, with tables that keep their key
// columns and row actions in view.

const browser = useBrowser();
const eventually = <T>(read: () => T | Promise<T>, timeout = UI_TIMEOUT) => expect.poll(read, { timeout });

const EVIDENCE_TECHNICIAN: Person = {
  username: 'dnguyen',
  fullName: 'Dana Nguyen',
  password: 'Chain-Of-Custody-Bag-17',
  roles: ['evidence-technician'],
};
const ACCESS = { caseNumber: '26-0311', purpose: 'Stolen vehicle reported on Elm St, checking the hot-list hits' };
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const MAPPING = { vendor: 'Vigilant', columns: { plate: 'Tag', captureTime: 'When', camera: 'Cam' } };

/** Work through core as the commander, in a session of its own (set-up that is not what the test is about). */
function asCommander(app: OpenApp): { ws: Workspace; token: string } {
  const ws = app.service.workspace;
  if (!ws) throw new Error('no workspace');
  return { ws, token: ws.signIn(COMMANDER.username, COMMANDER.password).token };
}

function writeFile(name: string, text: string): string {
  const file = path.join(tempFolder('home-files'), name);
  fs.writeFileSync(file, text);
  return file;
}

/**
 * What the tiles count: two imports (one rejected a row), two alerts raised by a local hot
 * list, the member's training ending in 10 days, the administrator's missing, and the member
 * locked out after five wrong passwords.
 */
async function seed(app: OpenApp): Promise<void> {
  const { ws, token } = asCommander(app);
  const when = new Date(Date.now() - 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
  await importOk(ws, token, writeFile('unit-4.csv', `Tag,When,Cam\nABC123,${when},north\nKLM456,${when},north\n`), {
    vendor: 'csv',
    mapping: MAPPING,
    timezone: 'UTC',
  });
  await importOk(ws, token, writeFile('unit-9.csv', `Tag,When,Cam\nXYZ789,${when},south\n,${when},south\n`), {
    vendor: 'csv',
    mapping: MAPPING,
    timezone: 'UTC',
  });
  for (const plate of ['ABC123', 'XYZ789']) {
    ws.call(
      token,
      'hotlist.add',
      { list: 'Local warrants', plate, reason: 'Stolen vehicle', caseNumber: '26-0311', expires: day(90) },
      ACCESS,
    );
  }
  ws.call(token, 'training.record', { username: MEMBER.username, course: REQUIRED_COURSE, completedOn: day(0), expiresOn: day(10) });
  ws.call(token, 'session.signOut', {});
  for (let i = 0; i < 5; i++) expect(() => ws.signIn(MEMBER.username, `Wrong-password-${i}`)).toThrow();
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Modules' });
const tile = (page: Page, id: string) => page.locator(`li[data-tile="${id}"]`);
const tileCount = (page: Page, id: string) => page.getByTestId(`tile-count-${id}`).textContent();
const hash = (page: Page) => new URL(page.url()).hash;

async function goHome(page: Page): Promise<void> {
  await openModule(page, 'Home');
  await page.getByRole('heading', { level: 2, name: 'What needs you now' }).waitFor();
}

describe('the home screen', { timeout: 180_000 }, () => {
  it('counts what needs the commander now, and each tile opens its list filtered to what it counts', async () => {
    const app = await openApp(browser(), { people: [ADMINISTRATOR, MEMBER], trained: [COMMANDER.username] });
    await seed(app);
    const { page } = app;
    await signInAs(page, COMMANDER);

    // Sign-in lands on Home, first in the navigation.
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    expect(await nav(page).getByRole('link').first().textContent()).toBe('Home');
    expect(await nav(page).getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBe('page');
    await eventually(() => tileCount(page, 'alerts-unverified')).toBe('2');
    expect(await tileCount(page, 'imports-with-rejects')).toBe('1');
    expect(await tileCount(page, 'training-expiring')).toBe('1');
    expect(await tileCount(page, 'training-missing')).toBe('1');
    expect(await tileCount(page, 'people-locked-out')).toBe('1');
    await tile(page, 'checkpoint-folder-unset')
      .getByText('No checkpoint folder is set: a cut-short or rewritten access log would go unnoticed.')
      .waitFor();
    // three of the five first steps are done: people, training, an import
    await page.getByText('3 of 5 done.', { exact: false }).waitFor();
    expect(await page.getByTestId('step-state-choose-checkpoint-folder').textContent()).toBe('To do.');
    expect(await page.getByTestId('step-state-import-first-export').textContent()).toBe('Done. An import has been committed.');
    await expectAccessible(page, 'Home, the commander');
    await app.screenshot('home-commander');

    // Unverified alerts: the link carries the filter (the Alerts page honours status=unverified).
    const alertsLink = tile(page, 'alerts-unverified').getByRole('link', { name: '2 Unverified alerts' });
    expect(await alertsLink.getAttribute('href')).toBe('#/alerts?status=unverified');
    await alertsLink.click();
    await page.getByRole('heading', { level: 1, name: 'Alerts' }).waitFor();
    expect(hash(page)).toBe('#/alerts?status=unverified');
    expect(await nav(page).getByRole('link', { name: 'Alerts' }).getAttribute('aria-current')).toBe('page');
    await giveCaseAndPurpose(page, ACCESS.caseNumber, ACCESS.purpose);

    // Imports with rejected rows: the history shows only those, and the box can show everything again.
    await goHome(page);
    await tile(page, 'imports-with-rejects').getByRole('link').click();
    await page.getByRole('heading', { level: 1, name: 'Imports' }).waitFor();
    expect(hash(page)).toBe('#/imports?rejects=only');
    const only = page.getByRole('checkbox', { name: 'Only imports with rejected rows' });
    expect(await only.isChecked()).toBe(true);
    const history = page.getByRole('table', { name: 'Imports' }).locator('tbody tr');
    await eventually(() => history.count()).toBe(1);
    expect(await history.first().textContent()).toContain('unit-9.csv');
    await page.getByRole('heading', { level: 2, name: 'History' }).scrollIntoViewIfNeeded();
    await expectAccessible(page, 'Imports, only those with rejects');
    await app.screenshot('home-imports-with-rejects');
    await only.uncheck();
    await eventually(() => history.count()).toBe(2);
    expect(hash(page)).toBe('#/imports');

    // People: training expiring, training missing, locked out — each the People list narrowed to those.
    const views = [
      { id: 'training-expiring', show: 'Training expiring within 30 days', who: MEMBER, note: `Current until ${day(10)}` },
      { id: 'training-missing', show: 'Training missing or expired', who: ADMINISTRATOR, note: REQUIRED_COURSE },
      { id: 'people-locked-out', show: 'Locked out of sign-in', who: MEMBER, note: 'Locked until' },
    ];
    for (const view of views) {
      await goHome(page);
      await tile(page, view.id).getByRole('link').click();
      await page.getByRole('heading', { level: 1, name: 'People & training' }).waitFor();
      expect(await field(page, 'Show').inputValue()).toBe(view.show);
      const rows = page.getByRole('table', { name: 'People' }).locator('tbody tr[data-username]');
      await eventually(() => rows.count()).toBe(1);
      expect(await rows.first().getAttribute('data-username')).toBe(view.who.username);
      expect(await rows.first().textContent()).toContain(view.note);
      expect(await page.getByTestId('people-shown').textContent()).toBe(`1 person of 3: ${view.show.toLowerCase()}.`);
      await expectAccessible(page, `People, ${view.show}`);
      await app.screenshot(`home-people-${view.id}`);
    }
    // Everyone again, from the page's own filter; the address follows.
    await field(page, 'Show').click();
    await page.getByRole('option', { name: 'Everyone' }).click();
    await eventually(() => page.getByRole('table', { name: 'People' }).locator('tbody tr[data-username]').count()).toBe(3);
    expect(hash(page)).toBe('#/people');

    // The checkpoint warning opens Settings; a folder set there takes it off the home screen.
    await goHome(page);
    await tile(page, 'checkpoint-folder-unset').getByRole('link', { name: 'Set a checkpoint folder' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const { ws, token } = asCommander(app);
    ws.call(token, 'settings.update', { checkpointFolder: tempFolder('home-checkpoints') });
    ws.call(token, 'signing.generate', { commonName: 'Records Unit, Parsons PD' });
    ws.call(token, 'session.signOut', {});
    await goHome(page);
    await eventually(() => tile(page, 'checkpoint-folder-unset').count()).toBe(0);
    // every first step done (the signing certificate made too): the list is gone
    expect(await page.getByRole('heading', { name: 'First steps' }).count()).toBe(0);
  });

  it('counts an alert verified away, for the member whose home shows only the alerts', async () => {
    const app = await openApp(browser(), { people: [ADMINISTRATOR, MEMBER], trained: [COMMANDER.username] });
    await seed(app);
    app.clock.advanceMinutes(11); // the member's lock ends
    const { page } = app;
    await signInAs(page, MEMBER);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    await eventually(() => tileCount(page, 'alerts-unverified')).toBe('2');
    expect(await page.locator('li[data-tile]').count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'First steps' }).count()).toBe(0);
    await expectAccessible(page, 'Home, a member');
    await app.screenshot('home-member');

    const { ws, token } = asCommander(app);
    const alert = ws.call(token, 'alert.list', { status: 'unverified' }, ACCESS).alerts[0]!;
    ws.call(token, 'alert.verify', { alertId: alert.id, source: 'NCIC', result: 'confirmed', note: 'Confirmed stolen by NCIC' }, ACCESS);
    ws.call(token, 'session.signOut', {});
    await page.getByRole('button', { name: 'Count again' }).click();
    await eventually(() => tileCount(page, 'alerts-unverified')).toBe('1');
  });
});

describe('the navigation shows what the role may use', { timeout: 180_000 }, () => {
  const cases: { person: Person; lands: string; modules: string[]; refused: { route: string; says: string } | null }[] = [
    {
      person: COMMANDER,
      lands: 'Home',
      modules: [
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
      ],
      refused: null,
    },
    {
      person: ADMINISTRATOR,
      lands: 'Home',
      modules: ['Home', 'Imports', 'Search', 'Hot lists', 'Alerts', 'Cases & holds', 'Retention', 'People & training', 'Settings'],
      refused: { route: '#/access-log', says: 'Only a commander or an auditor may read the access log.' },
    },
    {
      person: EVIDENCE_TECHNICIAN,
      lands: 'Home',
      modules: ['Home', 'Search', 'Hot lists', 'Alerts', 'Settings'],
      refused: { route: '#/people', says: 'Only a commander or an administrator may see the list of people.' },
    },
    {
      person: MEMBER,
      lands: 'Home',
      modules: ['Home', 'Search', 'Hot lists', 'Alerts', 'Settings'],
      refused: { route: '#/imports', says: 'Only a commander or an administrator may import vendor files or read the import history.' },
    },
    {
      // nothing on the home screen is an auditor's: the access log is their work
      person: AUDITOR,
      lands: 'Access log',
      modules: ['Cases & holds', 'Retention', 'Access log', 'Settings'],
      refused: { route: '#/people', says: 'Only a commander or an administrator may see the list of people.' },
    },
  ];

  it('offers each role only its modules, none of them unbuilt; a page opened by its address still says who may use it', async () => {
    const app = await openApp(browser(), { people: [ADMINISTRATOR, MEMBER, AUDITOR, EVIDENCE_TECHNICIAN] });
    const { page } = app;
    for (const { person, lands, modules, refused } of cases) {
      await signInAs(page, person);
      await page.getByRole('heading', { level: 1, name: lands }).waitFor();
      expect(await nav(page).getByRole('link').allTextContents(), person.username).toEqual(modules);
      for (const unbuilt of ['Releases', 'Evidence']) {
        expect(await page.getByRole('link', { name: unbuilt }).count()).toBe(0);
      }
      await expectAccessible(page, `the navigation of ${person.username}`);
      await app.screenshot(`nav-${person.roles[0]}`);
      if (refused) {
        await openAddress(page, refused.route);
        await page.getByText(refused.says, { exact: false }).waitFor();
        // not offered, so nothing in the navigation is current
        expect(await nav(page).locator('[aria-current="page"]').count()).toBe(0);
      }
      await signOut(page);
    }
  });
});

describe('first run', { timeout: 180_000 }, () => {
  it('lands the new commander on the home screen with the first steps, each a link, checked off as done', async () => {
    const app = await openApp(browser(), { workspace: 'none' });
    const { page } = app;
    await setUpWorkspace(page);
    const steps = page.getByRole('region', { name: 'First steps' });
    await steps.getByText('0 of 5 done.', { exact: false }).waitFor();
    const links = steps.getByRole('link');
    expect(await links.allTextContents()).toEqual([
      'Add the people who will use Custodian',
      'Record their ALPR training',
      'Choose a checkpoint folder for the access log',
      "Make or import the department's signing certificate",
      'Import the first vendor export',
    ]);
    expect(await Promise.all((await links.all()).map((link) => link.getAttribute('href')))).toEqual([
      '#/people',
      '#/people',
      '#/settings',
      '#/settings',
      '#/imports',
    ]);
    await expectAccessible(page, 'Home on first run');
    await app.screenshot('home-first-run');

    // The first step, through its link: a person added on the People page.
    await steps.getByRole('link', { name: 'Add the people who will use Custodian' }).click();
    await page.getByRole('heading', { level: 1, name: 'People & training' }).waitFor();
    await page.getByRole('button', { name: 'Add person' }).click();
    const add = page.getByRole('dialog', { name: 'Add a person' });
    await field(add, 'Username').fill(MEMBER.username);
    await field(add, 'Full name').fill(MEMBER.fullName);
    await add.getByLabel('Member (searches for a documented purpose)').check();
    await field(add, 'Initial password').fill(MEMBER.password);
    await field(add, 'Confirm the password').fill(MEMBER.password);
    await add.getByRole('button', { name: 'Add person' }).click();
    await add.waitFor({ state: 'detached' });

    await goHome(page);
    await steps.getByText('1 of 5 done.', { exact: false }).waitFor();
    expect(await page.getByTestId('step-state-add-people').textContent()).toBe('Done. Someone besides the first commander has an account.');
    expect(await page.getByTestId('step-state-record-training').textContent()).toBe('To do.');
    await app.screenshot('home-first-run-one-done');
  });
});

describe('narrow windows', { timeout: 180_000 }, () => {
  it('folds the navigation behind the Modules button at 1024 px: opened, closed with Escape, closed by choosing', async () => {
    const app = await openApp(browser(), { people: [ADMINISTRATOR, MEMBER], viewport: { width: 1024, height: 700 } });
    const { page } = app;
    await signInAs(page, COMMANDER);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    const toggle = page.getByRole('button', { name: 'Modules' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await nav(page).count()).toBe(0); // folded: not shown, not in the accessibility tree
    await app.screenshot('narrow-home'); // 1440: the sidebar; 1024: folded

    // Open from the keyboard: the focus goes to the current module.
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await nav(page).waitFor();
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Home');
    await expectAccessible(page, 'the navigation unfolded at 1024 px');
    // (app.screenshot would widen the window, which folds the navigation: this one is at 1024 only)
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'narrow-nav-open-1024x700.png'), animations: 'disabled', caret: 'hide' });

    // Escape folds it and gives the keyboard back to the button.
    await page.keyboard.press('Escape');
    await nav(page).waitFor({ state: 'hidden' });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Modules');

    // Choosing a module folds it too, and the page's heading takes the keyboard.
    await toggle.click();
    await nav(page).getByRole('link', { name: 'People & training' }).click();
    await page.getByRole('heading', { level: 1, name: 'People & training' }).waitFor();
    await nav(page).waitFor({ state: 'hidden' });
    expect(await page.evaluate('document.activeElement.tagName')).toBe('H1');

    // Wide again: the sidebar is there and the button is not.
    await page.setViewportSize({ width: 1440, height: 900 });
    await nav(page).waitFor();
    expect(await toggle.count()).toBe(0);
  });

  it('keeps every page inside the window at 1024×700, and the People actions and the Search key columns in view beside the sidebar too', async () => {
    const app = await openApp(browser(), {
      people: [ADMINISTRATOR, MEMBER],
      trained: [COMMANDER.username, MEMBER.username],
      viewport: { width: 1024, height: 700 },
    });
    await seed(app);
    const { page } = app;
    await signInAs(page, COMMANDER);
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
    const overflow = () => page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth') as Promise<number>;
    const modules = ['Home', 'Imports', 'Search', 'Hot lists', 'Alerts', 'Access log', 'People & training', 'Settings'];
    for (const name of modules) {
      await page.getByRole('button', { name: 'Modules' }).click();
      await nav(page).getByRole('link', { name, exact: true }).click();
      await page.getByRole('heading', { level: 1, name }).waitFor();
      // the first page to open ALPR data asks for the case, once
      if (name === 'Hot lists') await giveCaseAndPurpose(page, ACCESS.caseNumber, ACCESS.purpose);
      // the next page to open ALPR data asks to carry that case on, once
      if (name === 'Alerts') await continueWithCase(page, ACCESS.caseNumber);
      expect(await overflow(), `${name} is wider than the window`).toBe(0);
    }

    // The key columns and the row actions are inside the table's own scroll area, not scrolled
    // off to its right: folded at 1024 px, and beside a (narrower) sidebar at 1100 px.
    const inView = async (cell: Locator, area: Locator) => {
      const [box, frame] = [(await cell.boundingBox())!, (await area.boundingBox())!];
      return box.x >= frame.x - 0.5 && box.x + box.width <= frame.x + frame.width + 0.5;
    };
    await openAddress(page, '#/search');
    await field(page, 'Plate or pattern').fill('ABC123');
    await field(page, 'Plate or pattern').press('Enter');
    await continueWithCase(page, ACCESS.caseNumber);
    const results = page.getByRole('table', { name: 'Plate reads found' });
    await results.waitFor();
    for (const width of [1024, 1100]) {
      await page.setViewportSize({ width, height: 700 });
      for (const column of ['Plate', 'Confidence', 'Import']) {
        const header = results.getByRole('columnheader', { name: column, exact: true });
        expect(await inView(header, page.locator('.cu-results-scroll')), `${column} at ${width} px`).toBe(true);
      }
      expect(await overflow()).toBe(0);
    }
    await results.scrollIntoViewIfNeeded();
    await expectAccessible(page, 'Search results, narrow');
    await app.screenshot('narrow-search-results');

    await openAddress(page, '#/people');
    const actions = page.getByRole('button', { name: /^Actions for / });
    await eventually(() => actions.count()).toBe(3);
    const area = page.locator('.mantine-ScrollArea-viewport').filter({ has: page.getByRole('table', { name: 'People' }) });
    for (const width of [1024, 1100]) {
      await page.setViewportSize({ width, height: 700 });
      for (const button of await actions.all()) expect(await inView(button, area), `Actions at ${width} px`).toBe(true);
    }
    await expectAccessible(page, 'People, narrow');
    await app.screenshot('narrow-people');
  });
});
