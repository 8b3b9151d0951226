/**
 * `npm run screenshot`: regenerates docs/img/run-page.png (shown in the README and docs/data-docs.md), the
 * run page of the example run (the defective taxi batch against suites/taxi_training_gate.json) with
 * "Failed only" on, in the headless Chromium the browser tests use (Debian's /usr/bin/chromium).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildDataDocs, runPagePath, storeResult } from '../src/report/html/site.js';
import { taxiResult } from '../test/report/fixtures.js';
import { launch } from '../test/report/html/browser.js';

const OUT = 'docs/img/run-page.png';
const site = mkdtempSync(join(tmpdir(), 'expect-check-screenshot-'));
try {
  // the example run with a fixed clock and duration: the picture changes only when the page does
  const stored = await storeResult(await taxiResult(), join(site, 'results'));
  await buildDataDocs(join(site, 'results'), site);
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1900 }, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(join(site, runPagePath(stored))).href);
    // the failed expectations are what the picture is for
    await page.getByLabel('Failed only').check();
    mkdirSync(dirname(OUT), { recursive: true });
    await page.screenshot({ path: OUT });
  } finally {
    await browser.close();
  }
  process.stdout.write(`wrote ${OUT}\n`);
} finally {
  rmSync(site, { recursive: true, force: true });
}
