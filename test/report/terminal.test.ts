import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../src/engine/run.js';
import { registry } from '../../src/expectations/index.js';
import { tableSource } from '../../src/io/memory.js';
import { escapeControl, shortValue, textWidth, truncate } from '../../src/report/observed.js';
import { renderTerminal } from '../../src/report/terminal.js';
import type { ValidationResult } from '../../src/result/types.js';
import { stringTable } from '../helpers.js';
import { controlCodes, stripColor } from './text.js';

type Expectation = { type: string; kwargs: Record<string, unknown> };

/** Runs a suite over string columns, named as given in order (any name: see stringTable). */
async function validate(
  columns: readonly (readonly [name: string, values: readonly string[]])[],
  expectations: Expectation[],
  name = 'suite',
): Promise<ValidationResult> {
  const suite = { name, expectations: expectations.map((e) => ({ ...e, meta: {} })), meta: {} };
  return runSuite(suite, tableSource(stringTable(columns)), registry);
}

/** The report's lines, checked for the invariants every report keeps: one line per result plus two, within the width, no control codes. */
function checkedLines(result: ValidationResult, width: number): string[] {
  const plain = renderTerminal(result, { color: false, width });
  const colored = renderTerminal(result, { color: true, width });
  // colour adds SGR codes and nothing else
  expect(stripColor(colored)).toBe(plain);
  expect(plain.endsWith('\n')).toBe(true);
  const lines = plain.slice(0, -1).split('\n');
  expect(lines).toHaveLength(result.results.length + 2);
  for (const line of lines) {
    expect(controlCodes(line)).toEqual([]);
    expect(textWidth(line)).toBeLessThanOrEqual(width);
  }
  return lines;
}

describe('escapeControl, truncate', () => {
  it('escapes what a terminal would act on, keeps everything else', () => {
    expect(escapeControl('a\nb\r\tc')).toBe('a\\nb\\r\\tc');
    expect(escapeControl('\u001b[31mred\u001b[0m')).toBe('\\u001b[31mred\\u001b[0m');
    expect(escapeControl('\u009b2J\u007f\u202eabc\u2028')).toBe('\\u009b2J\\u007f\\u202eabc\\u2028');
    expect(escapeControl('café ✓ 東京 😀')).toBe('café ✓ 東京 😀');
  });

  it('truncate cuts by code points and never splits a surrogate pair', () => {
    expect(truncate('abcdef', 6)).toBe('abcdef');
    expect(truncate('abcdefg', 6)).toBe('abcde…');
    expect(truncate('😀😀😀😀', 3)).toBe('😀😀…');
    expect(truncate('😀😀😀', 3)).toBe('😀😀😀');
  });

  it('shortValue shows strings from data escaped', () => {
    expect(shortValue('\u001b[31mred')).toBe('"\\u001b[31mred"');
    expect(shortValue(['a\nb', '\u0085'])).toBe('["a\\nb", "\\u0085"]');
  });
});

describe('terminal report layout', () => {
  it('a long column list and a long sentence are cut to the width, and the observation stays', async () => {
    const names = Array.from({ length: 40 }, (_, i) => `a_rather_long_column_name_${i}`);
    const columns = names.map((n) => [n, ['x', 'x']] as const);
    const result = await validate(columns, [
      { type: 'expect_compound_columns_to_be_unique', kwargs: { column_list: names } },
      { type: 'expect_table_columns_to_match_ordered_list', kwargs: { column_list: names.slice(1) } },
    ]);
    for (const width of [60, 80, 120, 200]) {
      const lines = checkedLines(result, width);
      expect(lines[1]).toMatch(/… — /);
      expect(lines[1]).toMatch(/2 unexpected/);
    }
  });

  it('examples go first, then the end of the sentence; the unexpected count and share stay whole', async () => {
    const valueSet = Array.from({ length: 8 }, (_, i) => `a_long_allowed_value_${i}`);
    const result = await validate(
      [['a', ['x', 'y', 'a_long_allowed_value_0']]],
      [{ type: 'expect_column_values_to_be_in_set', kwargs: { column: 'a', value_set: valueSet } }],
    );
    const at = (width: number) => checkedLines(result, width)[1] as string;
    const whole = at(1000);
    expect(whole).toMatch(/a_long_allowed_value_7 — 2 unexpected of 3 \(66\.67%\), e\.g\. "x", "y"$/);
    expect(at(textWidth(whole))).toBe(whole);
    // a few characters short: the examples go, the sentence stays whole
    expect(at(textWidth(whole) - 5)).toMatch(/a_long_allowed_value_7 — 2 unexpected of 3 \(66\.67%\)$/);
    for (const width of [60, 80, 120]) expect(at(width)).toMatch(/… — 2 unexpected of 3 \(66\.67%\)$/);
  });

  it('short lines are not cut', async () => {
    const result = await validate(
      [['a', ['x', 'y']]],
      [{ type: 'expect_column_values_to_be_in_set', kwargs: { column: 'a', value_set: ['x'] } }],
    );
    const [, line] = checkedLines(result, 120);
    expect(line).toBe('  ✗ a        values in `a` are one of x — 1 unexpected of 2 (50%), e.g. "y"');
  });

  it('a long data description is cut in the header, which keeps rows and time', async () => {
    const result = await validate([['a', ['x']]], []);
    result.meta.data_source.description = Array.from({ length: 50 }, (_, i) => `data/part-${i}.csv`).join(
      ', ',
    );
    const [header] = checkedLines(result, 80);
    expect(header).toMatch(/^suite on data\/part-0\.csv, .*… \(1 rows, [\d.]+ s\)$/);
  });

  it('--failures-only leaves passing lines out', async () => {
    const result = await validate(
      [['a', ['x', 'y']]],
      [
        { type: 'expect_column_values_to_be_in_set', kwargs: { column: 'a', value_set: ['x'] } },
        { type: 'expect_column_values_to_not_be_null', kwargs: { column: 'a' } },
      ],
    );
    const lines = renderTerminal(result, { color: false, failuresOnly: true }).trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^ {2}✗ a/);
  });

  it('any column name, value, suite name and width: one line per result, within the width, no control codes', async () => {
    const text = fc.string({ unit: 'binary', maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(text, { minLength: 1, maxLength: 4 }),
        fc.array(text, { minLength: 1, maxLength: 6 }),
        text,
        fc.integer({ min: 60, max: 160 }),
        async (names, values, suiteName, width) => {
          const [first] = names as [string, ...string[]];
          const columns = names.map((n) => [n, values] as const);
          const result = await validate(
            columns,
            [
              {
                type: 'expect_column_values_to_be_in_set',
                kwargs: { column: first, value_set: [values[0]] },
              },
              {
                type: 'expect_column_distinct_values_to_be_in_set',
                kwargs: { column: first, value_set: [] },
              },
              {
                type: 'expect_table_columns_to_match_ordered_list',
                kwargs: { column_list: [...names].reverse() },
              },
              { type: 'expect_compound_columns_to_be_unique', kwargs: { column_list: names } },
              {
                type: 'expect_column_values_to_not_be_null',
                kwargs: { column: `${first}\u001b[2J missing` },
              },
            ],
            suiteName,
          );
          result.meta.data_source.description = `${suiteName}\n${first}`;
          checkedLines(result, width);
        },
      ),
      { numRuns: 60 },
    );
  });
});
