import { Table, tableFromArrays } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectTableRowCountToBeBetween } from '../../src/expectations/expect_table_row_count_to_be_between.js';
import { rebatch, runOne, sentenceOf } from '../helpers.js';
import { GX_COUNT_RANGE_CASES } from './counts.js';
import { floats, int64s, utf8 } from './vectors.js';

const TYPE = 'expect_table_row_count_to_be_between';

/** GX's fixture data: c1 ints, c2 strings, c3 all null (4 rows). */
const gx = new Table({
  c1: int64s([4, 5, 6, 7]),
  c2: utf8(['a', 'b', 'c', 'd']),
  c3: utf8([null, null, null, null]),
});

describe(TYPE, () => {
  // GX 1.2 fixtures: other_expectations/expect_table_row_count_to_be_between.json
  it.each(GX_COUNT_RANGE_CASES)('GX %s', async (_title, kwargs, success) => {
    const r = await runOne(gx, TYPE, kwargs);
    expect(r.success).toBe(success);
    expect(r.result).toEqual({ observed_value: 4 });
    expect(r.exception_info.raised_exception).toBe(false);
  });

  it.each([
    ['test_error_handling_for_min_greater_than_max', { min_value: 1, max_value: 0 }, 'min_value'],
    ['test_error_handling_for_non_int_min_value', { min_value: 'quack', max_value: 0 }, 'min_value'],
    ['test_error_handling_for_non_int_max_value', { max_value: 'quack' }, 'max_value'],
    ['a fractional bound', { min_value: 1.5 }, 'min_value'],
    ['an unknown kwarg', { min_value: 1, column: 'c1' }, 'column'],
  ])('GX %s: an exception', async (_title, kwargs, named) => {
    const r = await runOne(gx, TYPE, kwargs);
    expect(r.success).toBe(false);
    expect(r.exception_info.raised_exception).toBe(true);
    expect(r.exception_info.exception_message).toContain(named);
  });

  it('honours strict bounds', async () => {
    expect((await runOne(gx, TYPE, { min_value: 4, strict_min: true })).success).toBe(false);
    expect((await runOne(gx, TYPE, { max_value: 4, strict_max: true })).success).toBe(false);
    expect(
      (await runOne(gx, TYPE, { min_value: 3, max_value: 5, strict_min: true, strict_max: true })).success,
    ).toBe(true);
    expect((await runOne(gx, TYPE, { min_value: 4, max_value: 4 })).success).toBe(true);
  });

  it('counts zero rows, and a table without columns', async () => {
    const empty = new Table({ a: floats([]) });
    expect(await runOne(empty, TYPE, { min_value: 1 })).toMatchObject({
      success: false,
      result: { observed_value: 0 },
    });
    expect((await runOne(empty, TYPE, { max_value: 0 })).success).toBe(true);
    const noColumns = tableFromArrays({});
    expect(await runOne(noColumns, TYPE, { min_value: 0, max_value: 0 })).toMatchObject({
      success: true,
      result: { observed_value: 0 },
    });
  });

  it('counts rows whatever their values: nulls and NaN are rows', async () => {
    const t = new Table({ x: floats([null, Number.NaN, null]) });
    expect(await runOne(t, TYPE, { min_value: 3, max_value: 3 })).toMatchObject({
      success: true,
      result: { observed_value: 3 },
    });
  });

  it('reports only success at BOOLEAN_ONLY', async () => {
    expect((await runOne(gx, TYPE, { min_value: 1 }, 'BOOLEAN_ONLY')).result).toEqual({});
  });

  it('does not depend on batching', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 40 }),
        async (n, size, bound) => {
          const t = new Table({ x: floats(Array.from({ length: n }, (_, i) => i)) });
          const k = { min_value: bound };
          const whole = await runOne(t, TYPE, k);
          expect(whole.success).toBe(n >= bound);
          expect(await runOne(rebatch(t, size), TYPE, k)).toEqual(whole);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('reads as a sentence', () => {
    const s = (k: Record<string, unknown>) => sentenceOf(expectTableRowCountToBeBetween, k);
    expect(s({ min_value: 1000, max_value: 5000 })).toBe('the table has between 1000 and 5000 rows');
    expect(s({ min_value: 1 })).toBe('the table has at least 1 row');
    expect(s({ max_value: 10, strict_max: true })).toBe('the table has less than 10 rows');
    expect(s({})).toBe('the table has any number of rows');
  });
});
