import { Float64, Table, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { expectColumnStdevToBeBetween } from '../../src/expectations/expect_column_stdev_to_be_between.js';
import { runOne } from '../helpers.js';
import { arbFloatTable, assertSplitClose, sentenceOf } from './aggregate.js';
import { floats, ints } from './vectors.js';

const TYPE = 'expect_column_stdev_to_be_between';
// GX's fixture dataset
const gx = new Table({
  dist1: ints([1, 1, 3]),
  dist2: ints([-1, 0, 1]),
  zero: ints([0, 0, 0]),
  missing: floats([-1, 1, null]),
});

describe(TYPE, () => {
  it('succeeds when the sample standard deviation is within the bounds', async () => {
    const r = await runOne(gx, TYPE, { column: 'dist1', min_value: 0.5, max_value: 1.5 });
    expect(r.success).toBe(true);
    expect(r.result.observed_value).toBeCloseTo(1.1547005383792517, 15);
    expect((await runOne(gx, TYPE, { column: 'zero', min_value: 0, max_value: 0 })).success).toBe(true);
    expect((await runOne(gx, TYPE, { column: 'dist2', min_value: 1 })).result.observed_value).toBe(1);
  });

  it('fails when it is outside, or on a strict bound', async () => {
    expect((await runOne(gx, TYPE, { column: 'dist1', min_value: 0, max_value: 1 })).success).toBe(false);
    expect((await runOne(gx, TYPE, { column: 'dist2', min_value: 1.5 })).success).toBe(false);
    expect((await runOne(gx, TYPE, { column: 'dist2', max_value: 1, strict_max: true })).success).toBe(false);
  });

  it('is vacuously true without bounds (GX fixture)', async () => {
    expect((await runOne(gx, TYPE, { column: 'dist1' })).success).toBe(true);
  });

  it('ignores nulls and NaN', async () => {
    expect(
      (await runOne(gx, TYPE, { column: 'missing', min_value: 1, max_value: 1 })).result.observed_value,
    ).toBe(Math.SQRT2);
    const t = new Table({ x: floats([Number.NaN, -1, null, 1, Number.NaN]) });
    expect((await runOne(t, TYPE, { column: 'x', min_value: 1.41, max_value: 1.42 })).success).toBe(true);
  });

  it('fails without an observed value for fewer than two values, even without bounds', async () => {
    for (const xs of [[], [5], [null, Number.NaN]]) {
      const t = new Table({ x: vectorFromArray(xs, new Float64()) });
      expect(await runOne(t, TYPE, { column: 'x', min_value: 0 })).toMatchObject({
        success: false,
        result: { observed_value: null },
      });
      expect((await runOne(t, TYPE, { column: 'x' })).success).toBe(false);
    }
  });

  it('reads as a sentence', () => {
    expect(sentenceOf(expectColumnStdevToBeBetween, { column: 'fare', min_value: 1, max_value: 50 })).toBe(
      'the standard deviation of `fare` is between 1 and 50',
    );
  });

  it('does not depend on how the rows are batched', async () => {
    await assertSplitClose(arbFloatTable, TYPE, { column: 'x', min_value: 5, max_value: 10 });
  });
});
