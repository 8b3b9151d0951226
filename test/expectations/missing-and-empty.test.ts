/**
 * The NaN and empty-table cases of the expectations whose own test files are about other things: what
 * NaN means where a column of strings is expected (pandas would hold it in an object column; Arrow
 * holds it only in a float column), and what an empty table gives for the rest.
 */
import { Float64, Table, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { cmp, col } from '../../src/engine/expr.js';
import { runOne } from '../helpers.js';

const withNaN = new Table({
  x: vectorFromArray([1.5, Number.NaN, null, 2], new Float64()),
  y: vectorFromArray([Number.NaN, Number.NaN, Number.NaN, Number.NaN], new Float64()),
  s: vectorFromArray(['a1', 'NaN', null, 'a2'], new Utf8()),
});

const empty = new Table({
  x: vectorFromArray([], new Float64()),
  y: vectorFromArray([], new Float64()),
  s: vectorFromArray([], new Utf8()),
});

/**
 * Expectations over strings, with kwargs that every non-missing string of `s` satisfies except "NaN"
 * (and a third element where more are unexpected: none of them is JSON or a date).
 */
const STRING_EXPECTATIONS: [string, Record<string, unknown>, number?][] = [
  ['expect_column_value_lengths_to_be_between', { min_value: 1, max_value: 2 }],
  ['expect_column_value_lengths_to_equal', { value: 2 }],
  ['expect_column_values_to_match_regex', { regex: '^a' }],
  ['expect_column_values_to_match_regex_list', { regex_list: ['^a', 'z'] }],
  ['expect_column_values_to_not_match_regex', { regex: '^N' }],
  ['expect_column_values_to_not_match_regex_list', { regex_list: ['^N', 'z'] }],
  ['expect_column_values_to_match_like_pattern', { like_pattern: 'a%' }],
  ['expect_column_values_to_match_like_pattern_list', { like_pattern_list: ['a%', 'z%'] }],
  ['expect_column_values_to_not_match_like_pattern', { like_pattern: 'N%' }],
  ['expect_column_values_to_not_match_like_pattern_list', { like_pattern_list: ['N%', 'z%'] }],
  ['expect_column_values_to_match_json_schema', { json_schema: { type: 'string' } }, 3],
  ['expect_column_values_to_match_strftime_format', { strftime_format: 'a%d' }],
  ['expect_column_values_to_be_dateutil_parseable', {}, 3],
];

describe('NaN', () => {
  describe.each(STRING_EXPECTATIONS)('%s', (type, kwargs, unexpected = 1) => {
    it('refuses a float column holding NaN, naming its type, instead of reading NaN as a string', async () => {
      const r = await runOne(withNaN, type, { column: 'x', ...kwargs });
      expect(r.success).toBe(false);
      expect(r.exception_info.raised_exception).toBe(true);
      expect(r.exception_info.exception_message).toContain('float64');
    });

    it('reads the text "NaN" in a string column as a value (unexpected here), and null as missing', async () => {
      const r = await runOne(withNaN, type, { column: 's', ...kwargs }, 'COMPLETE');
      expect(r.exception_info.raised_exception).toBe(false);
      expect(r.result.missing_count).toBe(1);
      expect(r.result.unexpected_list).toContain('NaN');
      expect(r.result.unexpected_count).toBe(unexpected);
    });
  });

  it('pair in set: a NaN in either column makes the row missing, with ignore_row_if both_values_are_missing only both', async () => {
    const pairs = { column_A: 'x', column_B: 'x', value_pairs_set: [[1.5, 1.5]] };
    const any = await runOne(withNaN, 'expect_column_pair_values_to_be_in_set', {
      ...pairs,
      ignore_row_if: 'either_value_is_missing',
    });
    expect(any.result).toMatchObject({ element_count: 4, missing_count: 2, unexpected_count: 1 });
    const mixed = await runOne(withNaN, 'expect_column_pair_values_to_be_in_set', {
      column_A: 'x',
      column_B: 'y',
      value_pairs_set: [[1.5, 1.5]],
      ignore_row_if: 'both_values_are_missing',
    });
    // y is NaN everywhere: rows 1 and 2 have both missing; rows 0 and 3 pair a number with NaN
    expect(mixed.result).toMatchObject({ element_count: 4, missing_count: 2, unexpected_count: 2 });
  });

  it('table shape: a column of nothing but NaN is still a column', async () => {
    expect((await runOne(withNaN, 'expect_table_column_count_to_equal', { value: 3 })).success).toBe(true);
    expect((await runOne(withNaN, 'expect_table_column_count_to_be_between', { min_value: 3 })).success).toBe(
      true,
    );
    expect(
      (await runOne(withNaN, 'expect_table_columns_to_match_ordered_list', { column_list: ['x', 'y', 's'] }))
        .success,
    ).toBe(true);
    expect(
      (await runOne(withNaN, 'expect_table_columns_to_match_set', { column_set: ['s', 'y', 'x'] })).success,
    ).toBe(true);
    expect((await runOne(withNaN, 'expect_column_to_exist', { column: 'y' })).success).toBe(true);
  });
});

describe('an empty table', () => {
  it('has no stdev: observed null, and the expectation fails', async () => {
    const r = await runOne(empty, 'expect_column_stdev_to_be_between', {
      column: 'x',
      min_value: 0,
      max_value: 1,
    });
    expect(r).toMatchObject({ success: false, result: { observed_value: null } });
  });

  it('has no null value: not_be_null succeeds with nothing counted', async () => {
    const r = await runOne(empty, 'expect_column_values_to_not_be_null', { column: 'x' });
    expect(r).toMatchObject({ success: true, result: { element_count: 0, unexpected_count: 0 } });
    expect(r.result.unexpected_percent).toBeNull();
  });

  it('has nothing to match a like pattern against: success, percentages null', async () => {
    const r = await runOne(empty, 'expect_column_values_to_match_like_pattern', {
      column: 's',
      like_pattern: 'a%',
    });
    expect(r).toMatchObject({ success: true, result: { element_count: 0, missing_count: 0 } });
    expect(r.result.missing_percent).toBeNull();
  });

  it('has no row to break a multicolumn expression', async () => {
    const r = await runOne(empty, 'expect_multicolumn_values_to_satisfy_expression', {
      expression: cmp('>', col('x'), col('y')),
    });
    expect(r).toMatchObject({ success: true, result: { element_count: 0, unexpected_count: 0 } });
  });
});
