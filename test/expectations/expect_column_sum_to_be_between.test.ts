import { Bool, Float64, Int64, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnSumToBeBetween } from '../../src/expectations/expect_column_sum_to_be_between.js';
import { runOne } from '../helpers.js';
import { utf8 } from '../metrics/drive.js';
import { arbFloatTable, assertSplitEqual, sentenceOf } from './aggregate.js';
import { floats, int64s, ints } from './vectors.js';

const TYPE = 'expect_column_sum_to_be_between';
// GX's fixture dataset
const gx = new Table({
  w: ints([1, 2, 3, 4, 5, 5, 4, 3, 2, 1]),
  x: floats([2, 3, 4, 5, 6, 7, 8, 9, null, null]),
  y: int64s([1, 1, 1, 2, 2, 2, 3, 3, 3, 4]),
  z: utf8(['a', 'b', 'c', 'd', 'e', null, null, null, null, null]),
});

describe(TYPE, () => {
  it('succeeds when the sum is within the bounds', async () => {
    expect(await runOne(gx, TYPE, { column: 'w', min_value: 30, max_value: 30 })).toMatchObject({
      success: true,
      result: { observed_value: 30 },
    });
  });

  it('fails when the sum is outside, or on a strict bound', async () => {
    expect(await runOne(gx, TYPE, { column: 'w', min_value: 40, max_value: 50 })).toMatchObject({
      success: false,
      result: { observed_value: 30 },
    });
    expect((await runOne(gx, TYPE, { column: 'y', max_value: 20 })).result.observed_value).toBe(22);
    expect((await runOne(gx, TYPE, { column: 'w', min_value: 30, strict_min: true })).success).toBe(false);
  });

  it('ignores nulls and NaN', async () => {
    expect((await runOne(gx, TYPE, { column: 'x', min_value: 30 })).result.observed_value).toBe(44);
    const t = new Table({ x: floats([1.5, Number.NaN, null, 2]) });
    expect((await runOne(t, TYPE, { column: 'x', min_value: 3.5, max_value: 3.5 })).success).toBe(true);
  });

  it('sums an empty column to 0, as pandas does', async () => {
    const t = new Table({ x: vectorFromArray([] as number[], new Float64()) });
    expect(await runOne(t, TYPE, { column: 'x', min_value: 0, max_value: 0 })).toMatchObject({
      success: true,
      result: { observed_value: 0 },
    });
  });

  it('sums int64 exactly beyond 2^53, and booleans as 0/1', async () => {
    const t = new Table({
      i: vectorFromArray([2n ** 62n, 2n ** 62n, 1n], new Int64()),
      b: vectorFromArray([true, true, null, false], new Bool()),
    });
    const r = await runOne(t, TYPE, { column: 'i', min_value: 2 ** 63 });
    expect(r.result.observed_value).toBe(2n ** 63n + 1n);
    expect(r.success).toBe(true);
    expect((await runOne(t, TYPE, { column: 'i', max_value: 2 ** 63 })).success).toBe(false);
    expect((await runOne(t, TYPE, { column: 'b', min_value: 2 })).result.observed_value).toBe(2);
  });

  it('needs a bound, and a numeric column', async () => {
    expect((await runOne(gx, TYPE, { column: 'y' })).exception_info.raised_exception).toBe(true);
    const r = await runOne(gx, TYPE, { column: 'z', min_value: 0 });
    expect(r.exception_info.exception_message).toMatch(/accepts/);
  });

  it('reads as a sentence', () => {
    expect(sentenceOf(expectColumnSumToBeBetween, { column: 'fare', min_value: 1 })).toBe(
      'the sum of `fare` is at least 1',
    );
  });

  it('does not depend on how the rows are batched', async () => {
    // whole numbers: every float partial sum is exact, so the split cannot change the sum
    await assertSplitEqual(arbFloatTable, TYPE, { column: 'x', min_value: -10, max_value: 10 });
    await assertSplitEqual(
      fc
        .array(fc.option(fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }), { nil: null }), { maxLength: 20 })
        .map((xs) => new Table({ x: vectorFromArray(xs, new Int64()) })),
      TYPE,
      { column: 'x', min_value: 0 },
    );
  });
});
