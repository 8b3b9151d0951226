import { Table, tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { expectTableColumnCountToBeBetween } from '../../src/expectations/expect_table_column_count_to_be_between.js';
import { runOne, sentenceOf } from '../helpers.js';
import { GX_COUNT_RANGE_CASES } from './counts.js';
import { floats, int64s, utf8 } from './vectors.js';

const TYPE = 'expect_table_column_count_to_be_between';

/** GX's fixture data: four columns, one of them all null. */
const gx = new Table({
  c1: int64s([4, 5, 6, 7]),
  c2: utf8(['a', 'b', 'c', 'd']),
  c3: utf8([null, null, null, null]),
  c4: floats([4.0, 3.0, 3.5, 1.2]),
});

describe(TYPE, () => {
  // GX 1.2 fixtures: other_expectations/expect_table_column_count_to_be_between.json
  it.each(GX_COUNT_RANGE_CASES)('GX %s', async (_title, kwargs, success) => {
    const r = await runOne(gx, TYPE, kwargs);
    expect(r.success).toBe(success);
    expect(r.result).toEqual({ observed_value: 4 });
  });

  it.each([
    ['test_error_handling_for_max_lt_min', { min_value: 1, max_value: 0 }],
    ['test_error_handling_for_non_int_min_value', { min_value: 'quack', max_value: 0 }],
    ['test_error_handling_for_non_int_max_value', { max_value: 'quack' }],
  ])('GX %s: an exception', async (_title, kwargs) => {
    const r = await runOne(gx, TYPE, kwargs);
    expect(r.success).toBe(false);
    expect(r.exception_info.raised_exception).toBe(true);
  });

  it('honours strict bounds', async () => {
    expect((await runOne(gx, TYPE, { min_value: 4, strict_min: true })).success).toBe(false);
    expect((await runOne(gx, TYPE, { min_value: 3, strict_min: true })).success).toBe(true);
    expect((await runOne(gx, TYPE, { max_value: 4, strict_max: true })).success).toBe(false);
  });

  it('counts columns of a table with zero rows, and a table without columns', async () => {
    const noRows = new Table({ a: floats([]), b: floats([]) });
    expect(await runOne(noRows, TYPE, { min_value: 2, max_value: 2 })).toMatchObject({
      success: true,
      result: { observed_value: 2 },
    });
    const none = tableFromArrays({});
    expect(await runOne(none, TYPE, { min_value: 1 })).toMatchObject({
      success: false,
      result: { observed_value: 0 },
    });
    expect((await runOne(none, TYPE, { max_value: 0 })).success).toBe(true);
  });

  it('reads as a sentence', () => {
    const s = (k: Record<string, unknown>) => sentenceOf(expectTableColumnCountToBeBetween, k);
    expect(s({ min_value: 5, max_value: 20 })).toBe('the table has between 5 and 20 columns');
    expect(s({ max_value: 1 })).toBe('the table has at most 1 column');
    expect(s({ min_value: null, max_value: null })).toBe('the table has any number of columns');
  });
});
