import { describeInRun, expectationColumns } from '../expectations/describe.js';
import type { ValidationResult } from '../result/types.js';
import { escapeControl, observedSummary, statusOf, truncate } from './observed.js';

/**
 * A workflow command's message as GitHub's runner reads it back: `%`, CR and LF percent-encoded, as
 * actions/toolkit's escapeData writes them, so that a message of several lines stays one command line.
 */
export function escapeGithubData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value: as data, plus `:` and `,`, which end a property (escapeProperty). */
export function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Characters of an annotation's message; GitHub shows the start of longer ones. */
const MAX_MESSAGE = 1000;

/**
 * GitHub Actions annotations for a validation result: an `::error` line per expectation that failed or
 * could not run, a `::warning` line per expectation that passed only because `mostly` tolerated its
 * unexpected values. The title names the suite and the column; the message is the sentence, then on a
 * second line the outcome and what was observed. Empty when there is nothing to say. A pure function of
 * the result.
 */
export function renderGithubAnnotations(result: ValidationResult): string {
  const out: string[] = [];
  for (const r of result.results) {
    const status = statusOf(r);
    const tolerated =
      status === 'passed' && typeof r.result.unexpected_count === 'number' && r.result.unexpected_count > 0;
    if (status === 'passed' && !tolerated) continue;
    const cols = expectationColumns(r.expectation_config);
    const title = `${truncate(result.suite_name, 100)}: ${cols.length ? truncate(cols.join(', '), 100) : 'table'}`;
    const observed = observedSummary(r);
    const what = status === 'error' ? 'could not run' : tolerated ? 'passed within mostly' : 'failed';
    // names and values show their own line breaks as `\n`: the only real one is ours, between the lines
    const message = [describeInRun(r.expectation_config, result), `${what}${observed ? `: ${observed}` : ''}`]
      .map((line) => escapeControl(truncate(line, MAX_MESSAGE)))
      .join('\n');
    out.push(
      `::${tolerated ? 'warning' : 'error'} title=${escapeGithubProperty(escapeControl(title))}::${escapeGithubData(message)}`,
    );
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
