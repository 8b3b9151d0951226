import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDataDocs, resultId, runPagePath, slug, storeResult } from '../../../src/report/html/site.js';
import type { ValidationResult } from '../../../src/result/types.js';
import { pinned, validateRows } from '../fixtures.js';

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'expect-check-site-'));
}

async function run(runTime: string, opts: { name?: string; fail?: boolean } = {}): Promise<ValidationResult> {
  return validateRows(
    [{ a: 1 }, { a: opts.fail ? 99 : 2 }],
    [{ type: 'expect_column_values_to_be_between', kwargs: { column: 'a', max_value: 10 } }],
    { runTime, ...(opts.name ? { name: opts.name } : {}) },
  );
}

/** The run ids the index lists, in its order (from its data island). */
function indexed(site: string): string[] {
  const page = readFileSync(join(site, 'index.html'), 'utf8');
  const island = /<script type="application\/json" id="runs-data">(.*?)<\/script>/s.exec(page)?.[1] as string;
  return (JSON.parse(island) as { runs: string[][] }).runs.map((r) => r[0] as string);
}

describe('results store', () => {
  it('names a result by run time and suite, and never overwrites one', async () => {
    const dir = join(tmp(), 'results');
    const r = await run('2024-01-31T12:00:00.000Z', { name: 'trips' });
    const first = await storeResult(r, dir);
    const second = await storeResult(r, dir);
    expect(basename(first)).toBe('20240131T120000.000Z_trips.json');
    expect(basename(second)).toBe('20240131T120000.000Z_trips-2.json');
    expect(JSON.parse(readFileSync(first, 'utf8'))).toEqual(JSON.parse(readFileSync(second, 'utf8')));
    expect(runPagePath(first)).toBe('runs/20240131T120000.000Z_trips.html');
  });

  it('puts the run name, when the run has one, between the time and the suite', async () => {
    const r = await run('2024-01-31T12:00:00.000Z', { name: 'trips' });
    r.meta.run_id = { ...r.meta.run_id, run_name: 'nightly 2024/01/31' };
    expect(basename(await storeResult(r, join(tmp(), 'results')))).toBe(
      '20240131T120000.000Z_nightly_2024_01_31_trips.json',
    );
  });

  it('suite names become safe file names; other file names get a safe id', async () => {
    expect(slug('../../etc/passwd')).toBe('etc_passwd');
    expect(slug('<script>alert(1)</script>')).toBe('script_alert_1_script');
    expect(slug('café über')).toBe('cafe_uber');
    expect(slug('...')).toBe('suite');
    const dir = join(tmp(), 'results');
    const p = await storeResult(
      await run('2024-01-31T12:00:00.000Z', { name: '<img src=x onerror=1>/..' }),
      dir,
    );
    expect(basename(p)).toMatch(/^20240131T120000\.000Z_img_src_x_onerror_1\.json$/);
    expect(resultId('my result (1).json')).toMatch(/^my_result_1-[0-9a-f]{10}$/);
  });
});

describe('buildDataDocs', () => {
  it('writes each run page and suite page once; later builds add new runs and rewrite only the index', async () => {
    const root = tmp();
    const store = join(root, 'results');
    const site = join(root, 'docs');
    await storeResult(await run('2024-01-01T00:00:00.000Z'), store);
    await storeResult(await run('2024-01-02T00:00:00.000Z', { fail: true }), store);
    expect(await buildDataDocs(store, site)).toEqual({ pages: 4, runs: 2, skipped: [] });
    expect(readdirSync(join(site, 'suites'))).toHaveLength(1);
    expect(indexed(site)).toEqual(['20240102T000000.000Z_orders', '20240101T000000.000Z_orders']);

    // a page is never rendered again: a mark left in it survives the next builds
    const page = join(site, 'runs/20240101T000000.000Z_orders.html');
    writeFileSync(page, `${readFileSync(page, 'utf8')}<!-- kept -->`);
    expect(await buildDataDocs(store, site)).toEqual({ pages: 1, runs: 2, skipped: [] });
    await storeResult(await run('2024-01-03T00:00:00.000Z'), store);
    expect(await buildDataDocs(store, site)).toEqual({ pages: 2, runs: 3, skipped: [] });
    expect(readFileSync(page, 'utf8')).toMatch(/<!-- kept -->$/);
    expect(indexed(site)[0]).toBe('20240103T000000.000Z_orders');
  });

  it('3000 stored runs: a bounded first build; the next build reads and writes only the new run and the index', async () => {
    const N = 3000;
    const root = tmp();
    const store = join(root, 'results');
    const site = join(root, 'docs');
    const base = await run('2023-01-01T00:00:00.000Z', { fail: true });
    for (let i = 0; i < N; i++)
      await storeResult(pinned(base, new Date(Date.UTC(2023, 0, 1) + i * 60_000).toISOString()), store);
    let started = performance.now();
    expect(await buildDataDocs(store, site)).toEqual({ pages: N + 2, runs: N, skipped: [] });
    // ~3 s on a busy 2-core machine: the bound is for a build that goes quadratic, not for speed
    expect(performance.now() - started).toBeLessThan(90_000);
    const index = join(site, 'index.html');
    expect(statSync(index).size).toBeLessThan(N * 150);

    // an old mtime on every page: a page written again would carry a new one
    const old = new Date('2001-01-01T00:00:00.000Z');
    const built = ['runs', 'suites'].flatMap((d) => readdirSync(join(site, d)).map((f) => join(site, d, f)));
    expect(built).toHaveLength(N + 1);
    for (const f of built) utimesSync(f, old, old);
    // a stored result the next build would choke on, were it read again
    const first = join(store, readdirSync(store).sort()[0] as string);
    writeFileSync(first, '{"not": "read again"');
    const latest = await storeResult(pinned(base, '2024-06-01T00:00:00.000Z'), store);

    started = performance.now();
    expect(await buildDataDocs(store, site)).toEqual({ pages: 2, runs: N + 1, skipped: [] });
    expect(performance.now() - started).toBeLessThan(15_000);
    for (const f of built) expect(statSync(f).mtimeMs, f).toBe(old.getTime());
    expect(existsSync(join(site, runPagePath(latest)))).toBe(true);
    const ids = indexed(site);
    expect(ids).toHaveLength(N + 1);
    expect(ids[0]).toBe(resultId(latest));
    expect(ids.at(-1)).toBe(resultId(first));
    expect(statSync(index).size).toBeLessThan((N + 1) * 150);
  }, 180_000);

  it('a changed suite is a new suite page; the run pages link to the version they ran', async () => {
    const root = tmp();
    const store = join(root, 'results');
    await storeResult(await run('2024-01-01T00:00:00.000Z'), store);
    const changed = await validateRows(
      [{ a: 1 }],
      [{ type: 'expect_column_values_to_be_between', kwargs: { column: 'a', max_value: 5 } }],
      { runTime: '2024-01-02T00:00:00.000Z' },
    );
    await storeResult(changed, store);
    await buildDataDocs(store, join(root, 'docs'));
    const suites = readdirSync(join(root, 'docs/suites'));
    expect(suites).toHaveLength(2);
    const newer = readFileSync(join(root, 'docs/runs/20240102T000000.000Z_orders.html'), 'utf8');
    const linked = suites.filter((s) => newer.includes(`../suites/${s}`));
    expect(linked).toHaveLength(1);
    expect(readFileSync(join(root, 'docs/suites', linked[0] as string), 'utf8')).toContain('are at most 5');
  });

  it('skips files that are not results and names them; runs that left the store leave the site', async () => {
    const root = tmp();
    const store = join(root, 'results');
    const site = join(root, 'docs');
    const kept = await storeResult(await run('2024-01-01T00:00:00.000Z'), store);
    const gone = await storeResult(await run('2024-01-02T00:00:00.000Z'), store);
    writeFileSync(join(store, 'broken.json'), '{"success": tru');
    writeFileSync(join(store, 'other.json'), '{"hello": 1}');
    writeFileSync(join(store, 'notes.txt'), 'not json at all');
    const first = await buildDataDocs(store, site);
    expect(first.runs).toBe(2);
    expect(first.skipped).toEqual([
      `${join(store, 'broken.json')}: invalid JSON`,
      `${join(store, 'other.json')}: not a validation result (success: Invalid input: expected boolean, received undefined)`,
    ]);
    rmSync(gone);
    const second = await buildDataDocs(store, site);
    expect(second.runs).toBe(1);
    expect(indexed(site)).toEqual([resultId(kept)]);
    expect(existsSync(join(site, runPagePath(gone)))).toBe(false);
    expect(existsSync(join(site, runPagePath(kept)))).toBe(true);
  });

  it('a lost or damaged manifest costs a re-read, not a wrong index', async () => {
    const root = tmp();
    const store = join(root, 'results');
    const site = join(root, 'docs');
    await storeResult(await run('2024-01-01T00:00:00.000Z'), store);
    await storeResult(await run('2024-01-02T00:00:00.000Z'), store);
    await buildDataDocs(store, site);
    writeFileSync(join(site, 'manifest.json'), '{"version": 1, "runs": [{"id": "../../x", "file": "y"}');
    expect(await buildDataDocs(store, site)).toEqual({ pages: 1, runs: 2, skipped: [] });
    expect(indexed(site)).toHaveLength(2);
  });

  it('the run page links the stored JSON when the store is inside the site', async () => {
    const root = tmp();
    const store = join(root, 'results');
    const file = await storeResult(await run('2024-01-01T00:00:00.000Z'), store);
    await buildDataDocs(store, root);
    const page = readFileSync(join(root, runPagePath(file)), 'utf8');
    expect(page).toContain(`<a href="../results/${basename(file)}">validation result (JSON)</a>`);
    const outside = tmp();
    await buildDataDocs(store, outside);
    expect(readFileSync(join(outside, runPagePath(file)), 'utf8')).not.toContain('validation result (JSON)');
  });
});
