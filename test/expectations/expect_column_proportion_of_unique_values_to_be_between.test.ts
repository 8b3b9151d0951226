import { Float64, Table, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { expectColumnProportionOfUniqueValuesToBeBetween } from '../../src/expectations/expect_column_proportion_of_unique_values_to_be_between.js';
import { runOne } from '../helpers.js';
import { arbDistinctTable, assertSplitEqual, gxDistinctTable, sentenceOf } from './aggregate.js';
import { floats } from './vectors.js';

const TYPE = 'expect_column_proportion_of_unique_values_to_be_between';
const gx = gxDistinctTable([1, 1, 1, 1, null, null, null, null]);

describe(TYPE, () => {
  it('divides distinct values by non-missing values and succeeds within the bounds', async () => {
    expect(await runOne(gx, TYPE, { column: 'dist1', min_value: 0.5, max_value: 1 })).toMatchObject({
      success: true,
      result: { observed_value: 1 },
    });
    expect(await runOne(gx, TYPE, { column: 'dist3', min_value: 0.6, max_value: 0.7 })).toMatchObject({
      success: true,
      result: { observed_value: 0.625 },
    });
  });

  it('fails outside the bounds, or on a strict bound', async () => {
    expect(await runOne(gx, TYPE, { column: 'dist4', min_value: 0.3, max_value: null })).toMatchObject({
      success: false,
      result: { observed_value: 0.25 },
    });
    expect((await runOne(gx, TYPE, { column: 'dist1', max_value: 1, strict_max: true })).success).toBe(false);
  });

  it('leaves nulls and NaN out of both counts', async () => {
    expect((await runOne(gx, TYPE, { column: 'dist2', min_value: 1 })).result.observed_value).toBe(1);
    const t = new Table({ x: floats([Number.NaN, 1, null, 2, 2, Number.NaN]) });
    expect((await runOne(t, TYPE, { column: 'x', min_value: 0 })).result.observed_value).toBeCloseTo(
      2 / 3,
      15,
    );
  });

  it('is vacuously true without bounds, and 0 on an empty or all-missing column', async () => {
    expect((await runOne(gx, TYPE, { column: 'dist1', min_value: null, max_value: null })).success).toBe(
      true,
    );
    for (const xs of [[], [null, Number.NaN]]) {
      const t = new Table({ x: vectorFromArray(xs, new Float64()) });
      expect(await runOne(t, TYPE, { column: 'x', max_value: 0 })).toMatchObject({
        success: true,
        result: { observed_value: 0 },
      });
    }
  });

  it('reads as a sentence', () => {
    expect(sentenceOf(expectColumnProportionOfUniqueValuesToBeBetween, { column: 'id', min_value: 1 })).toBe(
      'the proportion of distinct values in `id` is at least 1',
    );
  });

  it('does not depend on how the rows are batched', async () => {
    await assertSplitEqual(arbDistinctTable, TYPE, { column: 'x', min_value: 0.5 });
    await assertSplitEqual(arbDistinctTable, TYPE, { column: 's', max_value: 0.5 });
  });
});
