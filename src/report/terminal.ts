import { createColors } from 'picocolors';
import { describeExpectation, expectationColumns } from '../expectations/describe.js';
import type { ValidationResult } from '../result/types.js';
import { escapeControl, observedParts, textWidth, truncate } from './observed.js';

/** Options of the terminal report. */
export interface TerminalOptions {
  /** ANSI colours (callers pass true only for a TTY). */
  color: boolean;
  /** Show only failed expectations. */
  failuresOnly?: boolean;
  /** Characters per line; longer texts are cut to fit (default 120). */
  width?: number;
}

/** Wide enough for a CI log, narrow enough to read without scrolling sideways. */
const DEFAULT_WIDTH = 120;
/** Narrower terminals get lines that wrap: below this, cutting would leave nothing readable. */
const MIN_WIDTH = 60;
/** No text is cut below this many characters: a stub says nothing. */
const MIN_TEXT = 12;
/** Separates the sentence from what was observed. */
const DASH = ' — ';

function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * The sentence and the observed phrase cut to fit `room` characters together. What goes first: examples
 * of unexpected values, then the end of the sentence; the core of the observation (the unexpected count
 * and share) stays whole, and an observation without a core keeps at least half of the room.
 */
function fitLine(sentence: string, observed: { core: string; full: string }, room: number): [string, string] {
  const { core, full } = observed;
  if (!full) return [truncate(sentence, Math.max(MIN_TEXT, room)), ''];
  const text = room - DASH.length;
  const s = textWidth(sentence);
  const o = textWidth(full);
  if (s + o <= text) return [sentence, full];
  const keep = core ? textWidth(core) : Math.ceil(text / 2);
  const oRoom = Math.max(MIN_TEXT, Math.min(o, Math.max(text - s, keep), text - MIN_TEXT));
  // an example cut to a few characters says nothing: then the core alone, and the room to the sentence
  const shown = core && oRoom < textWidth(core) + MIN_TEXT ? truncate(core, oRoom) : truncate(full, oRoom);
  return [truncate(sentence, Math.max(MIN_TEXT, text - textWidth(shown))), shown];
}

/**
 * The validation result as terminal lines: a header, one line per expectation (status, column,
 * sentence, what was observed) and a summary line. A pure function of the result. Text from the data
 * and the suite is shown with control characters escaped and cut to the line width, so no value can
 * move the cursor, colour the screen or add a line.
 */
export function renderTerminal(result: ValidationResult, opts: TerminalOptions): string {
  const c = createColors(opts.color);
  const width = Math.max(MIN_WIDTH, opts.width ?? DEFAULT_WIDTH);
  const ds = result.meta.data_source;
  const counted = ds.read === 'metadata' ? ' from metadata' : '';
  const rows = ds.row_count === null ? '' : `${fmtInt(ds.row_count)} rows${counted}, `;
  const secs = (result.meta.duration_ms / 1000).toFixed(2);
  const suiteName = truncate(escapeControl(result.suite_name), Math.floor(width / 3));
  const tail = ` (${rows}${secs} s)`;
  const descRoom = width - textWidth(suiteName) - ' on '.length - tail.length;
  const description = truncate(escapeControl(ds.description), Math.max(MIN_TEXT, descRoom));
  const lines = [c.bold(suiteName) + c.dim(` on ${description}${tail}`)];

  const cols = result.results.map(
    (r) => escapeControl(expectationColumns(r.expectation_config).join(', ')) || '(table)',
  );
  const colWidth = Math.min(24, Math.floor(width / 5), Math.max(8, ...cols.map(textWidth)));
  // two spaces, the mark, a space, the column, a space
  const room = width - colWidth - 5;
  result.results.forEach((r, i) => {
    if (opts.failuresOnly && r.success) return;
    const errored = r.exception_info.raised_exception;
    const mark = r.success ? c.green('✓') : errored ? c.yellow('!') : c.red('✗');
    const col = truncate(cols[i] as string, colWidth);
    const padded = col + ' '.repeat(Math.max(0, colWidth - textWidth(col)));
    const [sentence, observed] = fitLine(
      escapeControl(describeExpectation(r.expectation_config)),
      observedParts(r),
      room,
    );
    lines.push(`  ${mark} ${c.cyan(padded)} ${sentence}${observed ? c.dim(`${DASH}${observed}`) : ''}`);
  });

  lines.push(summaryLine(result, c, width));
  return `${lines.join('\n')}\n`;
}

/** The verdict and the counts; the percentage, which the counts imply, goes when the line is too long. */
function summaryLine(result: ValidationResult, c: ReturnType<typeof createColors>, width: number): string {
  const s = result.statistics;
  const status = result.success ? 'PASSED' : 'FAILED';
  const errors = result.results.filter((r) => r.exception_info.raised_exception).length;
  const counts = `${s.evaluated_expectations} expectations: ${s.successful_expectations} passed, ${s.unsuccessful_expectations} failed${errors ? ` (${errors} could not run)` : ''}`;
  const pct = s.success_percent === null ? '' : ` (${Number(s.success_percent.toFixed(1))}%)`;
  const text = textWidth(`${status} ${counts}${pct}`) <= width ? `${counts}${pct}` : counts;
  return `${result.success ? c.green(c.bold(status)) : c.red(c.bold(status))} ${text}`;
}
