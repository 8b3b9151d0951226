import { describeInRun, expectationColumns } from '../expectations/describe.js';
import type { ValidationResult } from '../result/types.js';
import { escapeControl, observedSummary, runCounts, statusOf, truncate } from './observed.js';

/** Options of the Markdown summary. */
export interface MarkdownOptions {
  /** A link (path or URL) to the run's data docs page, shown under the table. */
  docsLink?: string;
  /** Most failed expectations listed (default 50); the rest are counted. */
  maxRows?: number;
}

const DEFAULT_ROWS = 50;
/** Characters of one table cell: a GitHub comment holds at most 65,536 characters in all. */
const CELL = 300;

/**
 * Text as a code span: literal in GitHub Markdown (no emphasis, no links, no @mentions, no #refs),
 * with a fence longer than any run of backticks inside, and `|` escaped for table cells.
 */
export function codeSpan(s: string): string {
  const text = escapeControl(s).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(text) ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

/**
 * Plain text that Markdown shows as written inside a table cell: the characters that start emphasis,
 * code, links, HTML, entities or a cell escaped, and a word joiner after `@` and `#` so that values
 * never mention a user or link an issue.
 */
export function mdText(s: string): string {
  return escapeControl(s)
    .replace(/[\\`*_[\]<>|~&]/g, '\\$&')
    .replace(/([@#])/g, '$1\u2060');
}

/** A sentence of describeExpectation: the parts between backticks (names, patterns) as code spans, the rest as text. */
function mdSentence(sentence: string): string {
  const parts = truncate(sentence, CELL).split('`');
  if (parts.length % 2 === 0) parts.splice(-2, 2, `${parts.at(-2)}\`${parts.at(-1)}`);
  return parts.map((p, i) => (i % 2 ? codeSpan(p) : mdText(p))).join('');
}

/**
 * The validation result as a short Markdown summary for a GitHub job summary or a pull request comment:
 * the verdict, the counts, a table of the expectations that failed (or could not run) with what was
 * observed, and a link to the data docs. Everything from the data and the suite is a code span or
 * escaped text. A pure function of the result.
 */
export function renderMarkdown(result: ValidationResult, opts: MarkdownOptions = {}): string {
  const n = runCounts(result);
  const ds = result.meta.data_source;
  const rows =
    ds.row_count === null
      ? ''
      : `${ds.row_count.toLocaleString('en-US')} row${ds.row_count === 1 ? '' : 's'}, `;
  const secs = (result.meta.duration_ms / 1000).toFixed(2);
  const suite = codeSpan(truncate(result.suite_name, 120));
  const noun = `expectation${n.total === 1 ? '' : 's'}`;
  const verdict = result.success
    ? `${n.total === 1 ? 'The' : `All ${n.total}`} ${noun} passed`
    : `${n.failed + n.errors} of ${n.total} ${noun} failed${n.errors ? ` (${n.errors} could not run)` : ''}`;
  const out = [
    `### ${result.success ? '✅' : '❌'} ${suite} ${result.success ? 'passed' : 'failed'}`,
    '',
    `${verdict} on ${codeSpan(truncate(ds.description, 200))} (${rows}${secs} s).`,
  ];
  const failed = result.results.filter((r) => !r.success);
  if (failed.length) {
    const max = opts.maxRows ?? DEFAULT_ROWS;
    out.push('', '| | column | expectation | observed |', '|---|---|---|---|');
    for (const r of failed.slice(0, max)) {
      const mark = statusOf(r) === 'error' ? '⚠️' : '❌';
      const cols = expectationColumns(r.expectation_config);
      const shown = cols.slice(0, 4).map((c) => codeSpan(truncate(c, 60)));
      const col = cols.length ? `${shown.join(', ')}${cols.length > 4 ? ', …' : ''}` : 'table';
      const sentence = mdSentence(describeInRun(r.expectation_config, result));
      const observed = observedSummary(r);
      out.push(`| ${mark} | ${col} | ${sentence} | ${observed ? codeSpan(truncate(observed, CELL)) : ''} |`);
    }
    if (failed.length > max) out.push('', `… and ${failed.length - max} more failed expectations.`);
  }
  // a link destination ends at a space or an unbalanced parenthesis: both are percent-encoded
  if (opts.docsLink)
    out.push(
      '',
      `[Data docs for this run](${encodeURI(opts.docsLink).replace(/\(/g, '%28').replace(/\)/g, '%29')})`,
    );
  return `${out.join('\n')}\n`;
}
