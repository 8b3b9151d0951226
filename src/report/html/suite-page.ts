import { describeExpectation } from '../../expectations/describe.js';
import type { ExpectationConfig, ValidationResult } from '../../result/types.js';
import { truncate } from '../observed.js';
import { html } from './html.js';
import { type Crumb, page } from './layout.js';
import { groupByColumns, groupTitle, jsonBlock, notesHtml, notesOf, sentenceHtml } from './sections.js';

/** A suite as its page shows it. */
export interface SuiteView {
  name: string;
  expectations: ExpectationConfig[];
  /** The suite's notes, as paragraphs. */
  notes: string[];
}

/**
 * The suite a run validated with, read from its result: the expectations as configured and the suite's
 * notes (the result's `meta.expectation_suite_meta`, as GX records it).
 */
export function suiteOfResult(result: ValidationResult): SuiteView {
  const meta = result.meta.expectation_suite_meta;
  return {
    name: result.suite_name,
    expectations: result.results.map((r) => r.expectation_config),
    notes:
      typeof meta === 'object' && meta !== null ? notesOf({ meta: meta as Record<string, unknown> }) : [],
  };
}

/** Where a suite page links to, relative to the page. */
export interface SuitePageLinks {
  /** The index of all runs. */
  index?: string;
  /** The index filtered to this suite's runs. */
  runs?: string;
}

/**
 * The page of a suite: its notes, then its expectations as sentences grouped by table and column, each
 * with its notes and, folded away, its configuration. A pure function of the suite; everything escaped.
 */
export function renderSuitePage(suite: SuiteView, links: SuitePageLinks = {}): string {
  const groups = groupByColumns(suite.expectations, (c) => c);
  const columns = new Set(groups.flatMap((g) => g.columns)).size;
  const tableLevel = groups.some((g) => g.columns.length === 0);
  const sections = groups.map(
    (
      g,
      gi,
    ) => html`<section class="group" aria-labelledby="s-${gi}-h"><h3 id="s-${gi}-h">${groupTitle(g.columns)}</h3>
<ol class="exps">${g.items.map(
      (c) => html`<li class="exp suite-exp"><p class="sentence">${sentenceHtml(describeExpectation(c))}</p>
${notesHtml(notesOf(c))}
<details><summary>Configuration</summary><p class="type"><code>${c.type}</code></p>${jsonBlock(c.kwargs)}</details></li>`,
    )}</ol></section>`,
  );
  const name = truncate(suite.name, 200);
  const crumbs: Crumb[] = [
    ...(links.index ? [{ label: 'All runs', href: links.index }] : []),
    { label: `Suite ${truncate(suite.name, 80)}` },
  ];
  const n = suite.expectations.length;
  const body = html`<h1>Suite <code>${name}</code></h1>
${notesHtml(suite.notes)}
<p>${n} expectation${n === 1 ? '' : 's'} on ${columns} column${columns === 1 ? '' : 's'}${tableLevel ? ' and the table' : ''}.${
    links.runs ? html` <a href="${links.runs}">Runs of this suite</a>.` : ''
  }</p>
<section aria-labelledby="exp-h"><h2 id="exp-h">Expectations</h2>
${sections}
</section>`;
  return page({ title: `Suite ${truncate(suite.name, 80)}`, crumbs, body });
}
