import { describeInRun, kwargsInRun } from '../../expectations/describe.js';
import type { ExpectationResult, ValidationResult } from '../../result/types.js';
import {
  formatValue,
  percentText,
  runCounts,
  type Status,
  statusOf,
  truncate,
  type UnexpectedDetail,
  unexpectedDetail,
} from '../observed.js';
import { type NumericRange, rangeChart, shareChart } from './charts.js';
import { type Html, html } from './html.js';
import { type Crumb, page } from './layout.js';
import { CAPS, groupByColumns, groupTitle, jsonBlock, notesHtml, notesOf, sentenceHtml } from './sections.js';

/** Where a run page links to, relative to the page; a link left out is not shown. */
export interface RunPageLinks {
  /** The index of all runs. */
  index?: string;
  /** The page of the suite the run used. */
  suite?: string;
  /** The stored result JSON. */
  json?: string;
}

const STATUS_TEXT: Readonly<Record<Status, string>> = {
  passed: '✓ Passed',
  failed: '✗ Failed',
  error: '! Could not run',
};

function int(n: number): string {
  return n.toLocaleString('en-US');
}

/** A run time as people read it, in UTC (the pages are the same wherever they are opened). */
export function timeText(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

function value(v: unknown): string {
  return formatValue(v, { chars: CAPS.valueChars, items: CAPS.listItems });
}

function badge(status: Status): Html {
  return html`<span class="badge ${status}">${STATUS_TEXT[status]}</span>`;
}

function numeric(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The allowed range of an aggregate, when both it and the observation are numbers. */
function numericRange(kwargs: Record<string, unknown>): NumericRange | null {
  const range = { min: numeric(kwargs.min_value), max: numeric(kwargs.max_value) };
  const bad = (k: string) => kwargs[k] != null && numeric(kwargs[k]) === null;
  if (bad('min_value') || bad('max_value') || (range.min === null && range.max === null)) return null;
  return range;
}

function unexpectedTable(d: UnexpectedDetail): Html {
  const rows = d.values.map(
    (v) => html`<tr><td><code>${value(v.value)}</code></td><td class="num">${int(v.count)}</td></tr>`,
  );
  const from =
    d.valuesFrom < d.count
      ? `Counted among the first ${int(d.valuesFrom)} unexpected values the run kept (of ${int(d.count)}).`
      : '';
  const sample = d.rows.map((r, i) => html`${i ? ', ' : ''}<span class="mono">${value(r)}</span>`);
  const rowsNote =
    d.rowsCaptured > d.rows.length || d.rowsCaptured < d.count
      ? ` (the first ${int(d.rows.length)} of ${int(d.count)})`
      : '';
  return html`${
    rows.length
      ? html`<table><caption>Unexpected values</caption><thead><tr><th scope="col">Value</th><th scope="col" class="num">Count</th></tr></thead><tbody>${rows}</tbody></table>`
      : ''
  }${from ? html`<p class="count">${from}</p>` : ''}${
    d.rows.length ? html`<p class="rows">Sample rows, numbered from 0${rowsNote}: ${sample}</p>` : ''
  }`;
}

/** What an expectation observed, in words, with a chart where one reads faster. */
function observedHtml(r: ExpectationResult, run: ValidationResult, status: Status): Html {
  if (status === 'error') {
    return html`<p class="observed">Could not run: ${truncate(r.exception_info.exception_message ?? 'unknown error', CAPS.textChars)}</p>`;
  }
  const res = r.result;
  const kwargs = kwargsInRun(r.expectation_config, run);
  if ('observed_value' in res) {
    const observed = numeric(res.observed_value);
    const range = observed === null ? null : numericRange(kwargs);
    return html`<p class="observed">Observed: <code>${formatValue(res.observed_value, { chars: CAPS.textChars, items: CAPS.listItems })}</code></p>${
      range && observed !== null ? rangeChart(observed, range, r.success) : ''
    }`;
  }
  const d = unexpectedDetail(r, CAPS);
  if (!d) return html``;
  const missing = d.missingCount ? `; ${int(d.missingCount)} missing (left out of the share)` : '';
  if (d.count === 0) {
    return html`<p class="observed">No unexpected values among ${int(d.elementCount)} rows${missing}.</p>`;
  }
  const mostly = typeof kwargs.mostly === 'number' ? kwargs.mostly : 1;
  const pct = d.percent === null ? '' : ` (${percentText(d.percent)})`;
  const table = unexpectedTable(d);
  return html`<p class="observed">${int(d.count)} unexpected of ${int(d.elementCount)} rows${pct}${missing}.</p>${
    d.percent === null ? '' : shareChart(d.percent, Math.max(0, (1 - mostly) * 100), r.success)
  }${
    // a tolerated share is detail: folded away; a failure's values are the point
    r.success
      ? html`<details><summary>Unexpected values (${int(d.count)})</summary>${table}</details>`
      : table
  }`;
}

function expectationHtml(r: ExpectationResult, run: ValidationResult, index: number): Html {
  const status = statusOf(r);
  const c = r.expectation_config;
  return html`<li class="exp" data-status="${status}" id="e-${index}">
<div class="exp-head">${badge(status)}<p class="sentence">${sentenceHtml(describeInRun(c, run))}</p></div>
${observedHtml(r, run, status)}
${notesHtml(notesOf(c))}
<details><summary>Configuration</summary><p class="type"><code>${c.type}</code></p>${jsonBlock(c.kwargs)}</details>
</li>`;
}

function overview(result: ValidationResult, links: RunPageLinks): Html {
  const n = runCounts(result);
  const ds = result.meta.data_source;
  const files = ds.files
    .slice(0, CAPS.files)
    .map((f) => html`<li><code>${truncate(f, CAPS.valueChars)}</code></li>`);
  const moreFiles =
    ds.files.length > CAPS.files ? html`<li>and ${int(ds.files.length - CAPS.files)} more</li>` : '';
  const pct = result.statistics.success_percent;
  const params = Object.keys(result.suite_parameters ?? {}).length;
  const suite = links.suite
    ? html`<a href="${links.suite}">${result.suite_name}</a>`
    : html`${result.suite_name}`;
  return html`<section aria-labelledby="overview-h"><h2 id="overview-h">Overview</h2>
<ul class="cards">
<li><span class="n">${int(n.total)}</span><span class="l">expectations</span></li>
<li><span class="n passed">${int(n.passed)}</span><span class="l">passed</span></li>
<li><span class="n failed">${int(n.failed)}</span><span class="l">failed</span></li>
${n.errors ? html`<li><span class="n error">${int(n.errors)}</span><span class="l">could not run</span></li>` : ''}
<li><span class="n">${pct === null ? '–' : `${Number(pct.toFixed(1))}%`}</span><span class="l">success</span></li>
</ul>
<dl class="meta">
<dt>Status</dt><dd>${badge(result.success ? 'passed' : 'failed')}</dd>
<dt>Suite</dt><dd>${suite}</dd>
<dt>Data source</dt><dd><code>${truncate(ds.description, CAPS.valueChars)}</code> (${ds.format})</dd>
${ds.files.length > 1 ? html`<dt>Files</dt><dd><ul>${files}${moreFiles}</ul></dd>` : ''}
<dt>Rows</dt><dd>${ds.row_count === null ? 'unknown' : int(ds.row_count)}</dd>
<dt>Run time</dt><dd>${timeText(result.meta.run_id.run_time)}</dd>
${result.meta.run_id.run_name ? html`<dt>Run name</dt><dd>${truncate(result.meta.run_id.run_name, CAPS.valueChars)}</dd>` : ''}
<dt>Duration</dt><dd>${(result.meta.duration_ms / 1000).toFixed(2)} s</dd>
${params ? html`<dt>Suite parameters</dt><dd>${jsonBlock(result.suite_parameters)}</dd>` : ''}
<dt>expect-check</dt><dd>${result.meta.expect_check_version}</dd>
${links.json ? html`<dt>Result</dt><dd><a href="${links.json}">validation result (JSON)</a></dd>` : ''}
</dl></section>`;
}

/**
 * The page of one validation run: an overview (status, counts, data source, rows, duration, suite),
 * then the expectations grouped by table and column, each as a sentence with its status and what was
 * observed; failures show the unexpected share, the most common unexpected values and sample rows. A
 * pure function of the result; everything from the data and the suite is escaped and capped (CAPS).
 */
export function renderRunPage(result: ValidationResult, links: RunPageLinks = {}): string {
  const status: Status = result.success ? 'passed' : 'failed';
  const indexed = result.results.map((r, i) => ({ r, i }));
  const groups = groupByColumns(indexed, (x) => x.r.expectation_config);
  const failedIn = (items: typeof indexed) => items.filter((x) => !x.r.success).length;
  const toc = groups.map((g, gi) => {
    const failed = failedIn(g.items);
    return html`<li><a href="#g-${gi}">${groupTitle(g.columns, true)}</a>${failed ? html` <span class="failed">(${failed} failed)</span>` : ''}</li>`;
  });
  const sections = groups.map(
    (g, gi) => html`<section class="group" id="g-${gi}" aria-labelledby="g-${gi}-h">
<h3 id="g-${gi}-h">${groupTitle(g.columns)}</h3>
<ol class="exps">${g.items.map((x) => expectationHtml(x.r, result, x.i))}</ol>
</section>`,
  );
  const source = truncate(result.meta.data_source.description, 120);
  const crumbs: Crumb[] = [
    ...(links.index ? [{ label: 'All runs', href: links.index }] : []),
    ...(links.suite ? [{ label: `Suite ${truncate(result.suite_name, 80)}`, href: links.suite }] : []),
    { label: `Run ${timeText(result.meta.run_id.run_time)}` },
  ];
  const body = html`<h1>${badge(status)} ${truncate(result.suite_name, 200)} <span class="sub">on ${source}</span></h1>
${overview(result, links)}
<section aria-labelledby="results-h"><h2 id="results-h">Expectations</h2>
<div class="toolbar" id="exp-tools" role="group" aria-label="Show expectations" hidden>
<label><input type="checkbox" id="failed-only"> Failed only</label>
<label>Filter <input type="search" id="exp-filter" placeholder="column, value or words"></label>
<span class="count" id="exp-shown" aria-live="polite"></span>
</div>
${groups.length > 1 ? html`<nav class="toc" aria-label="Columns"><ul>${toc}</ul></nav>` : ''}
${sections}
</section>`;
  return page({
    title: `${result.success ? 'Passed' : 'Failed'}: ${truncate(result.suite_name, 80)} on ${source}`,
    crumbs,
    body,
  });
}
