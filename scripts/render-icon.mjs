// Renders resources/icon.svg to resources/icon.png (512×512, transparent corners), the
// icon electron-builder turns into each platform's format. Needs a Chromium:
//   CHROMIUM=/path/to/chromium node scripts/render-icon.mjs   (default /usr/bin/chromium)

import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const resources = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'resources');
const svg = fs.readFileSync(path.join(resources, 'icon.svg'), 'utf8');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage({ viewport: { width: 512, height: 512 }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.locator('svg').screenshot({ path: path.join(resources, 'icon.png'), omitBackground: true });
} finally {
  await browser.close();
}
