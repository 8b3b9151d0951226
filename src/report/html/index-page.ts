import type { ValidationResult } from '../../result/types.js';
import { escapeControl, runCounts, truncate } from '../observed.js';
import { type Html, html, jsonData } from './html.js';
import { page } from './layout.js';
import { timeText } from './run-page.js';
import { CAPS } from './sections.js';

/** One run as the index lists it. */
export interface RunEntry {
  /** The stored result's file name without `.json`; its page is `runs/<id>.html`. */
  id: string;
  /** Run time (ISO). */
  time: string;
  success: boolean;
  suite: string;
  /** The suite's page, relative to the site root. */
  suitePage: string;
  /** The data source's description. */
  source: string;
  rows: number | null;
  passed: number;
  total: number;
  runName: string | null;
}

/** Runs the index shows per page: enough to scan, few enough to render at once. */
export const PAGE_SIZE = 50;

/** The index entry of a run stored as `id` whose suite page is `suitePage`. */
export function runEntry(result: ValidationResult, id: string, suitePage: string): RunEntry {
  return {
    id,
    time: result.meta.run_id.run_time,
    success: result.success,
    suite: result.suite_name,
    suitePage,
    source: result.meta.data_source.description,
    rows: result.meta.data_source.row_count,
    passed: runCounts(result).passed,
    total: result.results.length,
    runName: result.meta.run_id.run_name,
  };
}

/** Newest first; runs of the same instant by id, so the order never depends on the order read. */
export function newestFirst(a: RunEntry, b: RunEntry): number {
  return a.time < b.time ? 1 : a.time > b.time ? -1 : a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

function text(s: string): string {
  return escapeControl(truncate(s, CAPS.valueChars));
}

/** Page buttons, above the list (a keyboard reaches them without passing 100 links) and below it. */
function pager(where: 'top' | 'bottom'): Html {
  return html`<nav class="pager" id="pager-${where}" aria-label="Pages (${where})" hidden><button type="button" class="prev">Previous</button><span class="page-label"></span><button type="button" class="next">Next</button></nav>`;
}

/**
 * index.html: every run, newest first, with status, time, suite, data source, rows and pass counts.
 * The first page is plain markup (readable without script); the script pages through all runs and
 * searches and filters them, from a JSON island of compact rows, so thousands of runs stay quick.
 */
export function renderIndexPage(entries: readonly RunEntry[]): string {
  const runs = [...entries].sort(newestFirst);
  const suites: [string, string][] = [];
  const suiteIndex = new Map<string, number>();
  const rows = runs.map((r) => {
    const key = `${r.suite}\u0000${r.suitePage}`;
    let si = suiteIndex.get(key);
    if (si === undefined) {
      si = suites.push([text(r.suite), r.suitePage]) - 1;
      suiteIndex.set(key, si);
    }
    return [
      r.id,
      timeText(r.time),
      r.success ? 1 : 0,
      si,
      text(r.source),
      r.rows === null ? '' : r.rows.toLocaleString('en-US'),
      r.passed,
      r.total,
      r.runName ? text(r.runName) : '',
    ] as const;
  });
  const failed = runs.filter((r) => !r.success).length;
  const first = rows.slice(0, PAGE_SIZE).map((r) => {
    const [id, time, ok, si, source, count, passed, total, runName] = r;
    const [suite, suitePage] = suites[si] as [string, string];
    return html`<tr><td><span class="badge ${ok ? 'passed' : 'failed'}">${ok ? 'Passed' : 'Failed'}</span></td><td><a href="runs/${id}.html">${time}</a></td><td><a href="${suitePage}">${suite}</a></td><td>${source}</td><td class="num">${count}</td><td class="num">${passed} of ${total}</td><td>${runName}</td></tr>`;
  });
  const body = html`<h1>Validation runs</h1>
<p>${runs.length} run${runs.length === 1 ? '' : 's'}, ${failed} failed. Newest first.</p>
<div class="toolbar" id="run-tools" role="search" hidden>
<label>Search <input type="search" id="run-search" placeholder="suite, data source, time or run name"></label>
<label>Status <select id="run-status"><option value="">all</option><option value="passed">passed</option><option value="failed">failed</option></select></label>
<label>Suite <select id="run-suite"><option value="">all</option></select></label>
<span class="count" id="runs-info" aria-live="polite"></span>
</div>
${pager('top')}
<table class="runs"><caption>Runs, newest first</caption>
<thead><tr><th scope="col">Status</th><th scope="col">Time</th><th scope="col">Suite</th><th scope="col">Data source</th><th scope="col" class="num">Rows</th><th scope="col" class="num">Expectations passed</th><th scope="col">Run name</th></tr></thead>
<tbody id="runs-body">${first}</tbody>
</table>
${runs.length > PAGE_SIZE ? html`<p id="static-note">The newest ${PAGE_SIZE} runs are shown; turn on JavaScript to page through all ${runs.length}.</p>` : ''}
${pager('bottom')}
${jsonData('runs-data', { pageSize: PAGE_SIZE, suites, runs: rows })}`;
  return page({ title: 'Validation runs', crumbs: [{ label: 'All runs' }], body });
}
