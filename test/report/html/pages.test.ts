import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml, html, jsonData } from '../../../src/report/html/html.js';
import { PAGE_SIZE, renderIndexPage } from '../../../src/report/html/index-page.js';
import { renderRunPage } from '../../../src/report/html/run-page.js';
import { renderSuitePage, suiteOfResult } from '../../../src/report/html/suite-page.js';
import type { ValidationResult } from '../../../src/result/types.js';
import { hugeResult, PAYLOADS, runEntryAt, taxiResult, validateRows, xssResult } from '../fixtures.js';

let taxi: ValidationResult;
beforeAll(async () => {
  taxi = await taxiResult();
});

/** Opening tags of an element in markup. */
function tags(page: string, name: string): number {
  return page.match(new RegExp(`<${name}[\\s>]`, 'gi'))?.length ?? 0;
}

describe('html escaping', () => {
  it('interpolated text never opens a tag or leaves an attribute', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const out = html`<p title="${s}">${s}</p>`.text;
        const inner = out.slice('<p title="'.length, out.indexOf('">'));
        expect(inner).not.toMatch(/[<>"']/);
        expect(out.match(/</g)).toHaveLength(2);
      }),
    );
    expect(escapeHtml(`<a href="x" onclick='y'>&`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;',
    );
  });

  it('a JSON island parses back to its data and cannot be closed by it', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const out = jsonData('d', v).text;
        const inner = out.slice(out.indexOf('>') + 1, out.lastIndexOf('</script>'));
        expect(inner).not.toMatch(/[<>&]/);
        expect(JSON.parse(inner)).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });
});

describe('run page', () => {
  it('shows the overview, every expectation as a sentence with its status, and what failed', () => {
    const page = renderRunPage(taxi, { index: '../index.html', suite: '../suites/s.html' });
    // sections: the table first, then each column (and set of columns) as it first appears
    expect(page.match(/<h3 id="g-\d+-h">.*?<\/h3>/g)?.slice(0, 3)).toEqual([
      '<h3 id="g-0-h">Table</h3>',
      '<h3 id="g-1-h">Column <code>vendor_id</code></h3>',
      '<h3 id="g-2-h">Column <code>pickup_datetime</code></h3>',
    ]);
    expect(page.match(/<section class="group"/g)).toHaveLength(11);
    expect(page).toContain(
      '<h3 id="g-9-h">Columns <code>dropoff_datetime</code>, <code>pickup_datetime</code></h3>',
    );
    // the overview
    expect(page).toMatch(/<span class="n failed">6<\/span><span class="l">failed<\/span>/);
    expect(page).toContain('<dt>Duration</dt><dd>1.23 s</dd>');
    expect(page).toContain('<dt>Run time</dt><dd>2024-01-31 12:00:00 UTC</dd>');
    expect(page).toContain('<dd><code>examples/data/taxi_defective.parquet</code> (parquet)</dd>');
    expect(page.match(/<li class="exp" data-status="failed"/g)).toHaveLength(6);
    expect(page.match(/<li class="exp" data-status="passed"/g)).toHaveLength(11);
    expect(page).toContain(
      'values in <code>fare_amount</code> are between 0 and 1000, at least 99.5% of the time',
    );
    expect(page).toContain('130 unexpected of 10,038 rows (1.3%).');
    // the unexpected values table: the most common first, with counts
    expect(page).toMatch(/<td><code>99999<\/code><\/td><td class="num">3<\/td>/);
    expect(page).toContain('Sample rows, numbered from 0 (the first 20 of 130): ');
    // charts with text alternatives
    expect(page).toContain('aria-label="Observed 199.223, outside the allowed range (8 to 20)"');
    expect(page).toContain('aria-label="1.3% of values unexpected; up to 0.5% allowed"');
    expect(page).toContain('<dd>10,038</dd>');
    expect(page).toContain('<a href="../suites/s.html">taxi_training_gate</a>');
    // the notes of an expectation
    expect(page).toContain('<p>label-like: the fare model conditions on it</p>');
    // self-contained: nothing is loaded from anywhere
    expect(page).not.toMatch(/\s(src|srcset)=|<link\b|@import|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('a passed expectation whose unexpected values mostly tolerated folds them away', async () => {
    const r = await validateRows(
      [{ a: 1 }, { a: 99 }, { a: 2 }, { a: 3 }],
      [{ type: 'expect_column_values_to_be_between', kwargs: { column: 'a', max_value: 10, mostly: 0.7 } }],
    );
    const page = renderRunPage(r);
    expect(page).toContain('<details><summary>Unexpected values (1)</summary>');
    expect(page).toContain('aria-label="25% of values unexpected; up to 30% allowed"');
  });

  it('stays small for a 10M-row batch with millions of unexpected values', () => {
    const big = hugeResult(taxi);
    const started = Date.now();
    const page = renderRunPage(big);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(page.length).toBeLessThan(120_000);
    expect(page.match(/<tr><td><code>/g)).toHaveLength(20);
    expect(page).toContain('and 99,980 more');
    expect(page).toContain('Sample rows, numbered from 0 (the first 50 of 4,000,000): ');
    expect(page).toContain('Counted among the first 100,000 unexpected values the run kept (of 4,000,000).');
  });

  it('every payload in names, values, notes, the suite name and the source stays text', async () => {
    const page = renderRunPage(await xssResult());
    expect(tags(page, 'script')).toBe(1);
    for (const t of ['img', 'svg onload', 'iframe', 'a href="javascript'])
      expect(page).not.toContain(`<${t}`);
    expect(page).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
    expect(page).toContain('&quot;&gt;&lt;img src=x onerror=&quot;window.__xss=1&quot;&gt;');
    expect(page).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
  });
});

describe('suite page', () => {
  it('the suite as sentences grouped by column, with the suite notes and each expectation notes', () => {
    const suite = suiteOfResult(taxi);
    expect(suite.notes[0]).toMatch(/^Gate for the NYC taxi trips/);
    const page = renderSuitePage(suite, {
      index: '../index.html',
      runs: '../index.html#suite=taxi_training_gate',
    });
    expect(page).toContain('17 expectations on 10 columns and the table.');
    expect(page).toMatch(/<h3 id="s-0-h">Table<\/h3>/);
    expect(page).toMatch(
      /Column <code>passenger_count<\/code><\/h3>\s*<ol class="exps"><li[^>]*><p class="sentence">values in <code>passenger_count<\/code> are never null, at least 99% of the time/,
    );
    expect(page).toContain('<p>the trip key: no trip appears twice</p>');
    expect(page).toContain('Gate for the NYC taxi trips');
  });

  it('payloads in the suite name, notes and kwargs stay text', async () => {
    const page = renderSuitePage(suiteOfResult(await xssResult()));
    expect(tags(page, 'script')).toBe(1);
    for (const p of PAYLOADS) expect(page).not.toContain(p);
    expect(page).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
  });
});

describe('index page', () => {
  it('lists runs newest first; the first page is markup, all runs are data for the script', () => {
    const entries = Array.from({ length: 120 }, (_, i) => runEntryAt(i));
    const page = renderIndexPage(entries);
    const rows = page.slice(page.indexOf('<tbody id="runs-body">'), page.indexOf('</tbody>'));
    expect(rows.match(/<tr>/g)).toHaveLength(PAGE_SIZE);
    // newest first: run 119 leads
    expect(rows.indexOf('runs/run-0119.html')).toBeLessThan(rows.indexOf('runs/run-0118.html'));
    expect(rows).not.toContain('run-0069');
    const island = /<script type="application\/json" id="runs-data">(.*?)<\/script>/s.exec(
      page,
    )?.[1] as string;
    const data = JSON.parse(island) as { runs: unknown[][]; suites: string[][] };
    // status, time, suite, data source, rows, pass counts
    expect(page).toContain(
      '<tr><th scope="col">Status</th><th scope="col">Time</th><th scope="col">Suite</th><th scope="col">Data source</th><th scope="col" class="num">Rows</th><th scope="col" class="num">Expectations passed</th>',
    );
    expect(rows).toContain(
      '<tr><td><span class="badge passed">Passed</span></td><td><a href="runs/run-0119.html">2024-01-01 01:59:00 UTC</a></td><td><a href="suites/orders-1.html">orders</a></td><td>data/part-119.parquet</td><td class="num">1,119</td><td class="num">3 of 4</td>',
    );
    expect(data.runs).toHaveLength(120);
    expect(data.runs[0]?.[0]).toBe('run-0119');
    expect(data.suites).toEqual([
      ['orders', 'suites/orders-1.html'],
      ['trips', 'suites/trips-1.html'],
    ]);
    expect(page).toContain('120 runs, 40 failed.');
  });

  it('stays small for thousands of runs', () => {
    const page = renderIndexPage(Array.from({ length: 5000 }, (_, i) => runEntryAt(i)));
    expect(page.length).toBeLessThan(800_000);
  });

  it('payloads in suite names, sources and run names stay text, in the markup and in the data', () => {
    const [p0, p1, p2] = PAYLOADS;
    const page = renderIndexPage([runEntryAt(1, { suite: p0, source: p1, runName: p2 })]);
    expect(tags(page, 'script')).toBe(2);
    expect(page).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
    for (const p of PAYLOADS) expect(page).not.toContain(p);
  });
});
