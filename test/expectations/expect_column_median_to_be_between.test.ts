import { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { expectColumnMedianToBeBetween } from '../../src/expectations/expect_column_median_to_be_between.js';
import { runOne } from '../helpers.js';
import { arbFloatTable, assertSplitEqual, sentenceOf } from './aggregate.js';
import { floats, ints } from './vectors.js';

const TYPE = 'expect_column_median_to_be_between';
// GX's fixture dataset
const gx = new Table({
  a: ints([1, 2, 3, 4]),
  b: ints([1, 2, 2, 3]),
  c: floats([5, 7, 6, null]),
});

describe(TYPE, () => {
  it('interpolates an even count and succeeds within the bounds', async () => {
    expect(await runOne(gx, TYPE, { column: 'a', min_value: 2.5, max_value: 2.5 })).toMatchObject({
      success: true,
      result: { observed_value: 2.5 },
    });
    expect((await runOne(gx, TYPE, { column: 'a', min_value: null, max_value: 3 })).success).toBe(true);
  });

  it('fails when the median is outside, or on a strict bound', async () => {
    expect(await runOne(gx, TYPE, { column: 'b', min_value: 5, max_value: 5 })).toMatchObject({
      success: false,
      result: { observed_value: 2 },
    });
    expect((await runOne(gx, TYPE, { column: 'b', min_value: 2.5 })).success).toBe(false);
    expect((await runOne(gx, TYPE, { column: 'b', max_value: 2, strict_max: true })).success).toBe(false);
  });

  it('ignores nulls and NaN', async () => {
    expect((await runOne(gx, TYPE, { column: 'c', min_value: 6, max_value: 6 })).success).toBe(true);
    expect((await runOne(gx, TYPE, { column: 'c', min_value: 7, max_value: 7 }, 'COMPLETE')).result).toEqual({
      observed_value: 6,
    });
    const t = new Table({ x: floats([Number.NaN, 10, null, 1, Number.NaN, 4]) });
    expect((await runOne(t, TYPE, { column: 'x', min_value: 4, max_value: 4 })).success).toBe(true);
  });

  it('is vacuously true without bounds, but fails on an empty column', async () => {
    expect((await runOne(gx, TYPE, { column: 'c', min_value: null, max_value: null })).success).toBe(true);
    const empty = new Table({ x: floats([null, Number.NaN]) });
    expect(await runOne(empty, TYPE, { column: 'x', min_value: 0, max_value: 0 })).toMatchObject({
      success: false,
      result: { observed_value: null },
    });
  });

  it('reads as a sentence', () => {
    expect(sentenceOf(expectColumnMedianToBeBetween, { column: 'fare', min_value: 5, max_value: 20 })).toBe(
      'the median of `fare` is between 5 and 20',
    );
  });

  it('does not depend on how the rows are batched', async () => {
    await assertSplitEqual(arbFloatTable, TYPE, { column: 'x', min_value: -3, max_value: 3 });
  });
});
