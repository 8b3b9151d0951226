import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderIndexPage } from '../../../src/report/html/index-page.js';
import { buildDataDocs, runPagePath, storeResult, suitePageOf } from '../../../src/report/html/site.js';
import { pinned, runEntryAt, taxiResult, validateRows, xssResult } from '../fixtures.js';
import { launch, watchedContext } from './browser.js';

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const SYNTHETIC = 121;
/** Runs of the big index: many pages of 50. */
const MANY = 3000;

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
  // an index of thousands of runs (their pages are not needed to page and search through them)
  mkdirSync(join(site, 'big'));
  writeFileSync(
    join(site, 'big/index.html'),
    renderIndexPage(Array.from({ length: MANY }, (_, i) => runEntryAt(i))),
  );
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
      for (const p of Object.values(pages)) {
        const page = await open(url(p));
        // self-contained: no resource loaded at all (not even from file:), no font face, no stylesheet link
        const loaded = await page.evaluate(() => ({
          resources: performance.getEntriesByType('resource').map((e) => e.name),
          // FontFaceSet is a set-like the DOM typings leave without its size
          fonts: (document.fonts as unknown as { size: number }).size,
          links: document.querySelectorAll('link').length,
          scripts: Array.from(document.scripts).filter((x) => x.src).length,
        }));
        expect(loaded, p).toEqual({ resources: [], fonts: 0, links: 0, scripts: 0 });
      }
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
    expect(await page.locator('#pager-top .page-label').textContent()).toBe('Page 1 of 3');
    expect(await rows.first().locator('td').nth(2).textContent()).toBe('<script>window.__xss=1</script>');
    await page.locator('#pager-bottom').getByRole('button', { name: 'Next' }).click();
    expect(await page.locator('#pager-top .page-label').textContent()).toBe('Page 2 of 3');
    await page.locator('#pager-bottom').getByRole('button', { name: 'Next' }).click();
    expect(await rows.count()).toBe(SYNTHETIC + 2 - 100);
    // the pagers above and below the list agree
    expect(await page.locator('.page-label').allTextContents()).toEqual(['Page 3 of 3', 'Page 3 of 3']);
    expect(
      await page
        .getByRole('button', { name: 'Next' })
        .evaluateAll((bs) => bs.map((b) => (b as HTMLButtonElement).disabled)),
    ).toEqual([true, true]);

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

  it('an index of 3000 runs: one page of rows in the document; search, filter and paging stay quick', async () => {
    const { context, watch, open } = await watchedContext(browser);
    const page = await open(url('big/index.html'));
    const rows = page.locator('#runs-body tr');
    expect(await rows.count()).toBe(50);
    expect(await page.locator('#pager-top .page-label').textContent()).toBe(`Page 1 of ${MANY / 50}`);
    expect(await rows.first().getByRole('link', { name: /UTC$/ }).getAttribute('href')).toBe(
      'runs/run-2999.html',
    );
    // each action re-filters all runs and renders one page, synchronously: timed inside the page
    const timed = (action: string) =>
      page.evaluate((a) => {
        const d = document;
        const search = d.getElementById('run-search') as HTMLInputElement;
        const status = d.getElementById('run-status') as HTMLSelectElement;
        const started = performance.now();
        if (a === 'search') {
          search.value = 'part-29';
          search.dispatchEvent(new Event('input'));
        } else if (a === 'status') {
          search.value = '';
          search.dispatchEvent(new Event('input'));
          status.value = 'failed';
          status.dispatchEvent(new Event('change'));
        } else (d.querySelector('#pager-bottom .next') as HTMLButtonElement).click();
        return performance.now() - started;
      }, action);
    // part-29, part-290..299, part-2900..2999
    expect(await timed('search')).toBeLessThan(1000);
    expect(await page.locator('#runs-info').textContent()).toBe(`111 of ${MANY} runs match`);
    expect(await timed('status')).toBeLessThan(1000);
    expect(await page.locator('#runs-info').textContent()).toBe(`${MANY / 3} of ${MANY} runs match`);
    expect(await timed('next')).toBeLessThan(1000);
    expect(await page.locator('#pager-top .page-label').textContent()).toBe(`Page 2 of ${MANY / 3 / 50}`);
    expect(await rows.count()).toBe(50);
    // the last page, straight from the address
    await page.goto(`${url('big/index.html')}#page=${MANY / 50}`);
    await page.reload();
    expect(await page.locator('#pager-top .page-label').textContent()).toBe(
      `Page ${MANY / 50} of ${MANY / 50}`,
    );
    expect(await rows.last().getByRole('link', { name: /UTC$/ }).getAttribute('href')).toBe(
      'runs/run-0000.html',
    );
    await context.close();
    expect(watch).toEqual({ errors: [], requests: [], dialogs: [] });
  });

  it('keyboard alone: the skip link, every control in reach with a visible focus, the toggle and the pager', async () => {
    const { context, watch, open } = await watchedContext(browser);
    /** The focused element: whether it matches `selector`, its text, and the style of its focus ring. */
    const focused = (page: Page, selector = '*') =>
      page.evaluate((sel) => {
        const el = document.activeElement as HTMLElement;
        return { match: el.matches(sel), text: el.textContent, outline: getComputedStyle(el).outlineStyle };
      }, selector);
    /** Tabs forward until an element matching `selector` has the focus; fails when it is never reached. */
    const tabTo = async (page: Page, selector: string) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const f = await focused(page, selector);
        if (f.match) return f;
      }
      throw new Error(`Tab never reached ${selector}`);
    };

    const run = await open(url(pages.taxi));
    await run.keyboard.press('Tab');
    expect(await focused(run, 'a.skip')).toMatchObject({
      match: true,
      text: 'Skip to content',
      outline: 'solid',
    });
    await run.keyboard.press('Enter');
    expect(await focused(run, 'main#main')).toMatchObject({ match: true });
    expect(await tabTo(run, '#failed-only')).toMatchObject({ outline: 'solid' });
    await run.keyboard.press('Space');
    expect(await visibleExpectations(run)).toBe(6);
    expect(await tabTo(run, '#exp-filter')).toMatchObject({ outline: 'solid' });
    await run.keyboard.type('passenger_count');
    expect(await visibleExpectations(run)).toBe(1);
    // folded detail opens from the keyboard
    expect(await tabTo(run, 'summary')).toMatchObject({ outline: 'solid' });
    await run.keyboard.press('Enter');
    expect(await run.locator('li.exp:visible details[open]').count()).toBe(1);

    const index = await open(url(pages.index));
    expect(await tabTo(index, '#run-search')).toMatchObject({ outline: 'solid' });
    expect(await tabTo(index, '#pager-top .next')).toMatchObject({ outline: 'solid' });
    await index.keyboard.press('Enter');
    expect(await index.locator('#pager-top .page-label').textContent()).toBe('Page 2 of 3');
    await index.keyboard.press('Shift+Tab');
    expect(await focused(index, '#pager-top .prev')).toMatchObject({ match: true, outline: 'solid' });
    await index.keyboard.press('Enter');
    expect(await index.locator('#pager-top .page-label').textContent()).toBe('Page 1 of 3');
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

  it('prints every expectation, unfolded, without the controls', async () => {
    const { context, open } = await watchedContext(browser);
    const page = await open(url(pages.taxi));
    // a reader who narrowed the list on screen still gets every expectation on paper
    await page.getByLabel('Failed only').check();
    expect(await visibleExpectations(page)).toBe(6);
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['#exp-tools', 'header.site', 'footer.site', 'nav.toc', '.skip'])
      expect(await page.locator(hidden).isVisible(), hidden).toBe(false);
    expect(await page.locator('details:not([open])').count()).toBeGreaterThan(0);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    expect(await page.locator('details:not([open])').count()).toBe(0);
    expect(await visibleExpectations(page)).toBe(17);
    await page.emulateMedia({ media: 'screen' });
    expect(await visibleExpectations(page)).toBe(6);
    await context.close();
  });
});
