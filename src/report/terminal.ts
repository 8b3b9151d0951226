import { createColors } from 'picocolors';
import { describeExpectation, expectationColumns } from '../expectations/describe.js';
import type { ValidationResult } from '../result/types.js';
import { observedSummary } from './observed.js';

/** Options of the terminal report. */
export interface TerminalOptions {
  /** ANSI colours (callers pass true only for a TTY). */
  color: boolean;
  /** Show only failed expectations. */
  failuresOnly?: boolean;
}

function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * The validation result as terminal lines: a header, one line per expectation (status, column,
 * sentence, what was observed) and a summary line. A pure function of the result.
 */
export function renderTerminal(result: ValidationResult, opts: TerminalOptions): string {
  const c = createColors(opts.color);
  const ds = result.meta.data_source;
  const rows = ds.row_count === null ? '' : `${fmtInt(ds.row_count)} rows, `;
  const secs = (result.meta.duration_ms / 1000).toFixed(2);
  const lines = [c.bold(`${result.suite_name}`) + c.dim(` on ${ds.description} (${rows}${secs} s)`)];
  const cols = result.results.map((r) => expectationColumns(r.expectation_config).join(', ') || '(table)');
  const width = Math.min(24, Math.max(8, ...cols.map((x) => x.length)));
  result.results.forEach((r, i) => {
    if (opts.failuresOnly && r.success) return;
    const errored = r.exception_info.raised_exception;
    const mark = r.success ? c.green('✓') : errored ? c.yellow('!') : c.red('✗');
    const full = cols[i] as string;
    const colName = (full.length > width ? `${full.slice(0, width - 1)}…` : full).padEnd(width);
    const sentence = describeExpectation(r.expectation_config);
    const observed = observedSummary(r);
    const tail = observed ? c.dim(` — ${observed}`) : '';
    lines.push(`  ${mark} ${c.cyan(colName)} ${sentence}${tail}`);
  });
  const s = result.statistics;
  const status = result.success ? c.green(c.bold('PASSED')) : c.red(c.bold('FAILED'));
  const errors = result.results.filter((r) => r.exception_info.raised_exception).length;
  const pct = s.success_percent === null ? '' : ` (${Number(s.success_percent.toFixed(1))}%)`;
  lines.push(
    `${status} ${s.evaluated_expectations} expectations: ${s.successful_expectations} passed, ${s.unsuccessful_expectations} failed${errors ? ` (${errors} could not run)` : ''}${pct}`,
  );
  return `${lines.join('\n')}\n`;
}
