import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, onTestFinished } from 'vitest';
import { startBridge } from '../../src-main/bridge/server';
import { Workspace } from '../../src-main/core/workspace';
import { AppService } from '../../src-main/service/app-service';
import { ADMINISTRATOR, AUDITOR, COMMANDER, MEMBER, TestClock, type Person } from './workspace-fixtures';
import { removeTempFolders, tempFolder } from './temp';

/**
 * The browser-test harness: real services (AppService on an encrypted temp workspace,
 * a TestClock the test moves), the real bridge serving the built renderer
 * (out/renderer), and Debian's Chromium driven by playwright-core.
 *
 * Every page is watched. A Content-Security-Policy violation, a console error, an
 * uncaught page error or a request that leaves the bridge's origin fails the test
 * that caused it, when the test finishes.
 *
 *   const browser = useBrowser();                      // once per file: one Chromium
 *   it('…', async () => {
 *     const app = await openApp(browser(), { people: [MEMBER], trained: [MEMBER.username] });
 *     await signInAs(app.page, COMMANDER);
 *     await app.screenshot('search-allowed');
 *   });                                                 // closed and checked automatically
 */

export { ADMINISTRATOR, AUDITOR, COMMANDER, MEMBER, TestClock, type Person };

export const CHROMIUM_PATH = process.env.CUSTODIAN_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const ROOT = path.resolve(__dirname, '../..');
export const RENDERER_DIR = path.join(ROOT, 'out/renderer');
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results/screenshots');
/** The window sizes every screen is looked at in: a desk monitor, and a small laptop or a half-screen window. */
export const SCREENSHOT_SIZES = [
  { width: 1440, height: 900 },
  { width: 1024, height: 700 },
] as const;

/** The course the workspace requires by default (core/settings/settings.ts). */
export const REQUIRED_COURSE = 'ALPR Operator Training';
/** The workstation name recorded on every access-log entry in browser tests. */
export const WORKSTATION = 'RECORDS-DESK-1';
/** How long a UI change may take to show; the app polls its status every 5 s, so idle locks need more. */
export const UI_TIMEOUT = 10_000;

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** One Chromium for the test file: launched before its first test, closed after its last. */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    removeTempFolders();
  });
  return () => {
    if (!browser) throw new Error('useBrowser(): the browser is not running (call it at the top of the test file)');
    return browser;
  };
}

export interface WorkspacePlan {
  /** people to add besides COMMANDER (who is always there) */
  people?: Person[];
  /** usernames given current training in every required course, completed today */
  trained?: string[];
}

/**
 * A workspace with COMMANDER as its commander, the given people and training, written
 * straight through core (for tests that do not test first-run set-up). Returns the
 * recovery code. The access log records these steps like any other.
 */
export function prepareWorkspace(dir: string, clock: TestClock, plan: WorkspacePlan = {}): string {
  const { recoveryCode } = Workspace.init(
    dir,
    { commander: COMMANDER.username, fullName: COMMANDER.fullName, password: COMMANDER.password },
    { clock, workstation: WORKSTATION },
  );
  const ws = Workspace.open(dir, { clock, workstation: WORKSTATION });
  try {
    const { token } = ws.signIn(COMMANDER.username, COMMANDER.password);
    for (const person of plan.people ?? []) {
      ws.call(token, 'user.add', { username: person.username, fullName: person.fullName, roles: person.roles, password: person.password });
    }
    for (const username of plan.trained ?? []) {
      ws.call(token, 'training.record', { username, course: REQUIRED_COURSE, completedOn: clock.today() });
    }
    ws.call(token, 'session.signOut', {});
  } finally {
    ws.close();
  }
  return recoveryCode;
}

export interface AppOptions extends WorkspacePlan {
  /** 'none': first run, no workspace yet. 'ready' (default): prepareWorkspace() first */
  workspace?: 'none' | 'ready';
  /** the TestClock's start (ISO); default now, so the server's day is the browser's day (date fields default to it) */
  start?: string;
  viewport?: { width: number; height: number };
  /** the browser's time zone (an IANA name); the test machine's when not given */
  timezoneId?: string;
  /** run the daily purge as the app does (default off: the sample reads have fixed dates) */
  scheduledPurge?: boolean;
}

export interface OpenApp extends WatchedPage {
  clock: TestClock;
  service: AppService;
  /** the workspace folder */
  dir: string;
  /** the bridge's origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** the recovery code when the harness made the workspace */
  recoveryCode: string | null;
  /** close page, bridge and service; throws if anything went wrong on the page. Called automatically when the test ends. */
  close(): Promise<void>;
}

/**
 * Start the services and the bridge on a new temp workspace and open the app in a new
 * browser context (its own cookies) through the one-time link. When called inside a
 * test, the app is closed and checked when that test finishes.
 */
export async function openApp(browser: Browser, options: AppOptions = {}): Promise<OpenApp> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`The renderer is not built (${RENDERER_DIR}/index.html is missing): run "npm run build" first.`);
  }
  const clock = new TestClock(options.start ?? new Date().toISOString());
  const dir = tempFolder('e2e');
  const recoveryCode = options.workspace === 'none' ? null : prepareWorkspace(dir, clock, options);
  const service = new AppService({
    dir,
    mode: 'browser',
    version: 'e2e',
    clock,
    workstation: WORKSTATION,
    scheduledPurge: options.scheduledPurge ?? false,
  });
  const bridge = await startBridge({ service, rendererDir: RENDERER_DIR, host: '127.0.0.1' });
  const origin = new URL(bridge.url).origin;

  const watched = await watchPage(browser, origin, options.viewport, options.timezoneId);
  let closed = false;
  const app: OpenApp = {
    ...watched,
    clock,
    service,
    dir,
    origin,
    recoveryCode,
    async close() {
      if (closed) return;
      closed = true;
      await watched.context.close().catch(() => undefined);
      await bridge.close();
      await service.close();
      watched.expectNoProblems();
    },
  };
  try {
    onTestFinished(() => app.close());
  } catch {
    // not inside a test (e.g. beforeAll): the caller closes it
  }
  await app.page.goto(bridge.url);
  await app.page.waitForURL(`${origin}/**`);
  return app;
}

/** A page in its own browser context (its own cookies), watched for problems. */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  /** everything that went wrong on the page so far: CSP violations, console errors, page errors, outside requests */
  problems: string[];
  /**
   * The page as a person sees it at the two window sizes every screen is looked at in:
   * test-results/screenshots/<name>-1440x900.png and <name>-1024x700.png (the viewport,
   * then restored). Returns the two paths.
   */
  screenshot(name: string): Promise<string[]>;
  /** throw now if anything went wrong on the page so far */
  expectNoProblems(): void;
}

/**
 * A new page that reports every CSP violation, console error, page error and request
 * leaving `origin` (air-gapped: nothing may be fetched from anywhere else).
 */
export async function watchPage(
  browser: Browser,
  origin: string,
  viewport = { width: 1280, height: 800 },
  timezoneId?: string,
): Promise<WatchedPage> {
  const problems: string[] = [];
  const context = await browser.newContext({ viewport, locale: 'en-US', ...(timezoneId ? { timezoneId } : {}) });
  await context.exposeBinding('__custodianTestReport', (_source, text: string) => {
    problems.push(text);
  });
  // A string, not a function: the test project has no DOM types. Runs before any page script.
  await context.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) => {
      const where = event.sourceFile ? ' at ' + event.sourceFile + ':' + event.lineNumber + ':' + event.columnNumber : '';
      window.__custodianTestReport('CSP violation: ' + event.effectiveDirective + ' blocked ' + (event.blockedURI || '(inline)') + where + ' ' + (event.sample || ''));
    });`,
  });
  await context.route(
    (url) => url.origin !== origin,
    async (route) => {
      problems.push(`request outside the app: ${route.request().url()}`);
      await route.abort('blockedbyclient');
    },
  );
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.stack ?? error.message}`));
  page.setDefaultTimeout(UI_TIMEOUT);
  return {
    page,
    context,
    problems,
    async screenshot(name) {
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const before = page.viewportSize() ?? viewport;
      const files: string[] = [];
      try {
        for (const size of SCREENSHOT_SIZES) {
          await page.setViewportSize(size);
          // a layout change (the navigation folding away) settles before the picture
          await page.evaluate('new Promise((settled) => requestAnimationFrame(() => requestAnimationFrame(settled)))');
          await page.evaluate('document.fonts.ready.then(() => undefined)');
          const file = path.join(SCREENSHOT_DIR, `${name}-${size.width}x${size.height}.png`);
          await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
          files.push(file);
        }
      } finally {
        await page.setViewportSize(before);
      }
      return files;
    },
    expectNoProblems() {
      if (problems.length > 0) throw new Error(`The page reported ${problems.length} problem(s):\n- ${problems.join('\n- ')}`);
    },
  };
}

/**
 * The form field labelled exactly `label`. Mantine puts an aria-hidden " *" after the label
 * of a required field, which Playwright's exact getByLabel counts; this allows it.
 */
export function field(scope: Page | Locator, label: string): Locator {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return scope.getByLabel(new RegExp(`^${escaped}( \\*)?$`)).and(scope.locator('input, textarea, select'));
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: string[];
}

/**
 * Wait until no finite animation or transition runs (a drawer fading in, a menu sliding) for
 * 300 ms on end, looked at every 50 ms: axe measures contrast from the colours painted at that
 * moment, and a dialog half-way through its fade blends into its overlay. Mantine starts a
 * dialog's 200 ms fade from timers a frame or two after the dialog is in the page, so one quiet
 * look is not enough. Spinners (infinite) are not waited on.
 */
async function settleTransitions(page: Page): Promise<void> {
  const quietFor300ms = `new Promise((resolve) => {
    let quietSince = performance.now();
    const look = () => {
      const moving = document.getAnimations().some((a) => a.playState === 'running' && a.effect?.getComputedTiming().iterations !== Infinity);
      if (moving) quietSince = performance.now();
      if (performance.now() - quietSince >= 300) resolve(true);
      else setTimeout(look, 50);
    };
    look();
  })`;
  await page.waitForFunction(quietFor300ms, undefined, { timeout: 5000 });
}

/**
 * Run axe-core (WCAG 2.1 A and AA rules: labels, contrast, landmarks, names, ARIA) on the
 * page as it is now and throw a readable list of what fails. Injected through the
 * debugging protocol, so the page's CSP is not loosened for it.
 */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  await settleTransitions(page);
  await page.evaluate(AXE_SOURCE);
  const violations = (await page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
    .then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ') + ' — ' + n.failureSummary) })))`)) as AxeViolation[];
  if (violations.length > 0) {
    const lines = violations.map(
      (v) => `${v.id}: ${v.help}
    ${v.nodes.slice(0, 5).join('\n    ')}`,
    );
    throw new Error(`Accessibility problems on ${where}:\n${lines.join('\n')}`);
  }
}

/** Fill the sign-in form and submit it (the sign-in screen must be showing). */
export async function signInAs(page: Page, person: Pick<Person, 'username' | 'password'>): Promise<void> {
  await page.getByRole('heading', { name: 'Sign in to Custodian' }).waitFor();
  await field(page, 'Username').fill(person.username);
  await field(page, 'Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** First run as a person would do it: create the workspace as COMMANDER, store the code, sign in; ends on Home. */
export async function setUpWorkspace(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Set up Custodian on this workstation' }).waitFor();
  await field(page, "Commander's username").fill(COMMANDER.username);
  await field(page, 'Full name').fill(COMMANDER.fullName);
  await field(page, 'Password').fill(COMMANDER.password);
  await field(page, 'Confirm password').fill(COMMANDER.password);
  await page.getByRole('button', { name: 'Create the workspace' }).click();
  await page.getByLabel('I have stored the recovery code').check();
  await page.getByRole('button', { name: 'Continue to sign in' }).click();
  await field(page, 'Password').fill(COMMANDER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();
}

/** Sign out through the person menu in the header. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Signed in as / }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Custodian' }).waitFor();
}

/** Open a module from the navigation, by its name, and wait for its heading. */
export async function openModule(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Modules' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/**
 * Confirm, with one click, the case given on another page: the dialog before a page's first
 * ALPR call under it (it must be open, or about to open). With `caseNumber`, it must name it.
 */
export async function continueWithCase(page: Page, caseNumber?: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Continue with this case?' });
  await dialog.waitFor();
  if (caseNumber) await dialog.getByText(`Continue with case ${caseNumber}:`).waitFor();
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await dialog.waitFor({ state: 'detached' });
}

/**
 * Open a page by its address (`#/people`), as a typed or bookmarked link would: for a page the
 * navigation does not offer the person, which must still say who may use it.
 */
export async function openAddress(page: Page, route: string): Promise<void> {
  await page.evaluate(`window.location.hash = ${JSON.stringify(route)}`);
}

/** Answer the case-and-purpose dialog (it must be open). */
export async function giveCaseAndPurpose(page: Page, caseNumber: string, purpose: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Case and purpose' });
  await field(dialog, 'Case number').fill(caseNumber);
  await field(dialog, 'Purpose').fill(purpose);
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await dialog.waitFor({ state: 'detached' });
}
