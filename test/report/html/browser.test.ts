import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDataDocs, runPagePath, storeResult, suitePageOf } from '../../../src/report/html/site.js';
import { pinned, taxiResult, validateRows, xssResult } from '../fixtures.js';
import { launch, watchedContext } from './browser.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SYNTHETIC = 121;

let browser: Browser;
let site: string;
const pages = { index: '', taxi: '', xss: '', taxiSuite: '', xssSuite: '' };

function url(path: string): string {
  return pathToFileURL(join(site, path)).href;
}

beforeAll(async () => {
  site = mkdtempSync(join(tmpdir(), 'expect-check-docs-'));
  const store = join(site, 'results');
  const taxi = await taxiResult();
  const xss = pinned(await xssResult(), '2024-02-01T00:00:00.000Z');
  pages.taxi = runPagePath(await storeResult(taxi, store));
  pages.xss = runPagePath(await storeResult(xss, store));
  pages.taxiSuite = suitePageOf(taxi);
  pages.xssSuite = suitePageOf(xss);
  for (let i = 0; i < SYNTHETIC; i++) {
    const r = await validateRows(
      [{ a: 1 }, { a: i % 4 === 0 ? 99 : 2 }],
      [{ type: 'expect_column_values_to_be_between', kwargs: { column: 'a', max_value: 10 } }],
      {
        name: i % 2 ? 'orders' : 'trips',
        runTime: new Date(Date.UTC(2023, 0, 1) + i * 3_600_000).toISOString(),
      },
    );
    await storeResult(r, store);
  }
  await buildDataDocs(store, site);
  pages.index = 'index.html';
  browser = await launch();
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** The expectations a run page shows now. */
function visibleExpectations(page: Page): Promise<number> {
  return page.locator('li.exp:visible').count();
}

describe('data docs in Chromium', { timeout: 120_000 }, () => {
  it('the watch sees a page that fetches from outside (the check below can fail)', async () => {
    const control = join(site, 'control.html');
    writeFileSync(control, '<!doctype html><title>c</title><img alt="" src="http://127.0.0.1:9/x.png">');
    const { context, watch, open } = await watchedContext(browser);
    await open(pathToFileURL(control).href);
    await context.close();
    expect(watch.requests).toContain('http://127.0.0.1:9/x.png');
  });

  it('every page loads from file: with no console error, under its policy and without it, and fetches nothing', async () => {
    for (const bypassCSP of [false, true]) {
      const { context, watch, open } = await watchedContext(browser, { bypassCSP });
      for (const p of Object.values(pages)) await open(url(p));
      await context.close();
      expect(watch).toEqual({ errors: [], requests: [], dialogs: [] });
    }
  });

  it('the failed-only toggle and the filter of a run page (mouse and keyboard)', async () => {
    const { context, watch, open } = await watchedContext(browser);
    const page = await open(url(pages.taxi));
    expect(await visibleExpectations(page)).toBe(17);
    await page.getByLabel('Failed only').click();
    expect(await visibleExpectations(page)).toBe(6);
    await expect.poll(() => page.locator('#exp-shown').textContent()).toBe('Showing 6 of 17 expectations');
    // a column whose expectations all passed leaves the page and the list of columns
    const vendor = page.locator('section.group', {
      has: page.locator('h3', { hasText: /^Column vendor_id$/ }),
    });
    expect(await vendor.isVisible()).toBe(false);
    // the keyboard reaches the toggle and turns it back
    await page.getByLabel('Failed only').focus();
    await page.keyboard.press('Space');
    expect(await visibleExpectations(page)).toBe(17);
    // three about fare_amount, and the table's column set, which names it
    await page.getByLabel('Filter').fill('fare_amount');
    expect(await visibleExpectations(page)).toBe(4);
    await page.getByLabel('Failed only').check();
    expect(await visibleExpectations(page)).toBe(2);
    await context.close();
    expect(watch.errors).toEqual([]);
  });

  it('the index searches, filters and pages through all runs, and keeps its state in the address', async () => {
    const { context, watch, open } = await watchedContext(browser);
    const page = await open(url(pages.index));
    const rows = page.locator('#runs-body tr');
    expect(await rows.count()).toBe(50);
    expect(await page.locator('#page-label').textContent()).toBe('Page 1 of 3');
    expect(await rows.first().locator('td').nth(2).textContent()).toBe('<script>window.__xss=1</script>');
    await page.getByRole('button', { name: 'Next' }).click();
    expect(await page.locator('#page-label').textContent()).toBe('Page 2 of 3');
    await page.getByRole('button', { name: 'Next' }).click();
    expect(await rows.count()).toBe(SYNTHETIC + 2 - 100);
    expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);

    await page.getByLabel('Search').fill('taxi');
    expect(await rows.count()).toBe(1);
    expect(await page.locator('#runs-info').textContent()).toBe(`1 of ${SYNTHETIC + 2} runs match`);
    await rows.first().getByRole('link', { name: /UTC$/ }).click();
    await page.waitForURL(/taxi_training_gate\.html$/);
    expect(await page.locator('h1').textContent()).toContain('taxi_training_gate');
    await page.goBack();

    await page.getByLabel('Search').fill('');
    await page.getByLabel('Status').selectOption('failed');
    await page.getByLabel('Suite').selectOption('trips');
    // synthetic runs fail when i % 4 == 0; trips are the even i
    const failedTrips = Array.from({ length: SYNTHETIC }, (_, i) => i).filter((i) => i % 4 === 0).length;
    expect(await rows.count()).toBe(failedTrips);
    expect(new URL(page.url()).hash).toBe('#status=failed&suite=trips');
    await page.reload();
    expect(await rows.count()).toBe(failedTrips);
    expect(await page.getByLabel('Suite').inputValue()).toBe('trips');
    await context.close();
    expect(watch.errors).toEqual([]);
  });

  it('payloads in column names, values, suite names, notes and sources stay text (escaping alone, no policy)', async () => {
    const { context, watch, open } = await watchedContext(browser, { bypassCSP: true });
    for (const p of [pages.xss, pages.xssSuite, pages.index]) {
      const page = await open(url(p));
      // the script of the page itself drives its own rendering paths with the payloads too
      if (p === pages.xss) {
        await page.getByLabel('Failed only').check();
        await page.getByLabel('Filter').fill('<script>');
      }
      if (p === pages.index) await page.getByLabel('Search').fill('<script>');
      const found = await page.evaluate(() => ({
        xss: (window as unknown as { __xss?: unknown }).__xss ?? null,
        scripts: document.querySelectorAll('script').length,
        embedded: document.querySelectorAll('img, iframe, object, embed, a[href^="javascript"]').length,
        handlers: Array.from(document.querySelectorAll('*')).filter((el) =>
          Array.from(el.attributes).some((a) => a.name.startsWith('on')),
        ).length,
        text: document.body.textContent ?? '',
      }));
      expect(found.xss).toBeNull();
      expect(found.scripts).toBe(p === pages.index ? 2 : 1);
      expect(found.embedded).toBe(0);
      expect(found.handlers).toBe(0);
      expect(found.text).toContain('<script>window.__xss=1</script>');
    }
    await context.close();
    expect(watch).toEqual({ errors: [], requests: [], dialogs: [] });
  });

  it('axe-core finds no serious or critical accessibility violation', async () => {
    const { context, open } = await watchedContext(browser, { bypassCSP: true });
    const found: string[] = [];
    for (const p of Object.values(pages)) {
      const page = await open(url(p));
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (
                ctx: Document,
                o: object,
              ) => Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }>;
            };
          }
        ).axe;
        const res = await axe.run(document, { resultTypes: ['violations'] });
        return res.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
      });
      for (const v of violations) {
        if (v.impact === 'serious' || v.impact === 'critical')
          found.push(`${p}: ${v.id} (${v.impact}, ${v.nodes} nodes)`);
      }
    }
    await context.close();
    expect(found).toEqual([]);
  });

  it('prints every expectation without the controls', async () => {
    const { context, open } = await watchedContext(browser);
    const page = await open(url(pages.taxi));
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#exp-tools').isVisible()).toBe(false);
    expect(await visibleExpectations(page)).toBe(17);
    await context.close();
  });
});
