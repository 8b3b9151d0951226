/**
 * `npx tsx scripts/screenshot.ts`: regenerates docs/img/run-page.png, the run page of the example run
 * (the defective taxi batch against suites/taxi_training_gate.json), in headless Chromium (Debian's
 * /usr/bin/chromium, as .ci/run installs it).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { runSuite } from '../src/engine/run.js';
import { registry } from '../src/expectations/index.js';
import { openSource } from '../src/io/open.js';
import { buildDataDocs, runPagePath, storeResult } from '../src/report/html/site.js';
import { loadSuite } from '../src/suite/load.js';

const OUT = 'docs/img/run-page.png';
const site = mkdtempSync(join(tmpdir(), 'expect-check-screenshot-'));
try {
  const suite = await loadSuite('suites/taxi_training_gate.json');
  const result = await runSuite(suite, await openSource(['examples/data/taxi_defective.parquet']), registry);
  // a fixed clock and duration: the picture changes only when the page does
  result.meta.run_id.run_time = '2024-01-31T12:00:00.000Z';
  result.meta.validation_time = result.meta.run_id.run_time;
  result.meta.duration_ms = 412;
  const stored = await storeResult(result, join(site, 'results'));
  await buildDataDocs(join(site, 'results'), site);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
    ],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1500 }, deviceScaleFactor: 1 });
    await page.goto(pathToFileURL(join(site, runPagePath(stored))).href);
    // the failed expectations are what the picture is for
    await page.getByLabel('Failed only').check();
    mkdirSync('docs/img', { recursive: true });
    await page.screenshot({ path: OUT });
  } finally {
    await browser.close();
  }
  process.stdout.write(`wrote ${OUT}\n`);
} finally {
  rmSync(site, { recursive: true, force: true });
}
