import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { AuditEntry } from '../../src-main/contract/schemas';
import { Workspace } from '../../src-main/core/workspace';
import { COMMANDER, setUpWorkspace, useBrowser, watchPage } from '../support/browser';
import { serve } from '../support/serve-process';
import { removeTempFolders, tempFolder } from '../support/temp';

// The app exactly as a newcomer meets it here: `npx custodian serve` in its own process,
// the printed link opened in Chromium, set-up and sign-in on screen, then Ctrl-C.

afterAll(removeTempFolders);
const browser = useBrowser();

it('opens from the link custodian serve prints, sets up and signs in, and stops on Ctrl-C', { timeout: 120_000 }, async () => {
  const dir = path.join(tempFolder('serve-e2e'), 'workspace');
  const served = await serve(['--workspace', dir, 'serve']);
  const watched = await watchPage(browser(), served.url.origin);
  const { page } = watched;
  await page.goto(served.url.href);
  await page.waitForURL(`${served.url.origin}/`);

  await setUpWorkspace(page);
  // the home screen has its counts (home.tiles, logged) before the server stops
  await page.getByRole('heading', { level: 2, name: 'What needs you now' }).waitFor();
  await watched.screenshot('serve-signed-in');
  watched.expectNoProblems();

  served.child.kill('SIGINT');
  expect(await served.exited).toBe(0);
  await watched.context.close();

  // Stopping signed the browser's person out, through the gate.
  const ws = Workspace.open(dir);
  try {
    const { token } = ws.signIn(COMMANDER.username, COMMANDER.password);
    const { entries } = ws.call(token, 'audit.query', {}) as { entries: AuditEntry[] };
    // the first sign-in opened the store and the daily purge ran on its own, as Custodian (no person)
    const isPurge = (e: AuditEntry) => e.operation === 'purge.run';
    expect(entries.filter(isPurge).map((e) => `${e.outcome} ${e.username}`)).toEqual(['ok null']);
    expect(entries.filter((e) => !isPurge(e)).map((e) => `${e.operation} ${e.outcome} ${e.username}`)).toEqual([
      `workspace.init ok ${COMMANDER.username}`,
      `session.signIn ok ${COMMANDER.username}`,
      `home.tiles ok ${COMMANDER.username}`,
      `session.signOut ok ${COMMANDER.username}`,
      `session.signIn ok ${COMMANDER.username}`,
    ]);
    ws.call(token, 'session.signOut', {});
  } finally {
    ws.close();
  }
});
