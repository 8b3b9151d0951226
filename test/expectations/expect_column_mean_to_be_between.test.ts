import { Bool, Int64, Table, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { expectColumnMeanToBeBetween } from '../../src/expectations/expect_column_mean_to_be_between.js';
import { runOne } from '../helpers.js';
import { utf8 } from '../metrics/drive.js';
import { arbFloatTable, assertSplitClose, sentenceOf } from './aggregate.js';
import { floats, ints } from './vectors.js';

const TYPE = 'expect_column_mean_to_be_between';
// GX's fixture datasets
const gx = new Table({
  x: floats([2.0, 5.0]),
  y: ints([1, 2]),
  n: floats([0, null]),
  b: vectorFromArray([true, false], new Bool()),
  s: utf8(['s', null]),
});

describe(TYPE, () => {
  it('succeeds when the mean is within the bounds', async () => {
    expect(await runOne(gx, TYPE, { column: 'x', min_value: 2, max_value: 5 })).toMatchObject({
      success: true,
      result: { observed_value: 3.5 },
    });
    expect((await runOne(gx, TYPE, { column: 'y', min_value: 1.5, max_value: 1.5 })).success).toBe(true);
  });

  it('fails when the mean is outside, or on a strict bound', async () => {
    expect((await runOne(gx, TYPE, { column: 'x', min_value: 1, max_value: 2 })).success).toBe(false);
    expect((await runOne(gx, TYPE, { column: 'y', min_value: 1.5, strict_min: true })).success).toBe(false);
  });

  it('ignores nulls and NaN, and averages booleans as 0/1', async () => {
    expect((await runOne(gx, TYPE, { column: 'n', min_value: 0, max_value: 0 })).result.observed_value).toBe(
      0,
    );
    const t = new Table({ x: floats([Number.NaN, 1, null, 2]) });
    expect((await runOne(t, TYPE, { column: 'x', max_value: 1.5 })).success).toBe(true);
    expect((await runOne(gx, TYPE, { column: 'b', min_value: 0, max_value: 1 })).result.observed_value).toBe(
      0.5,
    );
  });

  it('is vacuously true without bounds, but fails on an empty column', async () => {
    expect((await runOne(gx, TYPE, { column: 'x', min_value: null, max_value: null })).success).toBe(true);
    const empty = new Table({ x: vectorFromArray([] as number[], new Int64()) });
    for (const k of [{ min_value: 0, max_value: 1 }, {}]) {
      expect(await runOne(empty, TYPE, { column: 'x', ...k })).toMatchObject({
        success: false,
        result: { observed_value: null },
      });
    }
  });

  it('cannot run on strings, nor with a string bound', async () => {
    expect((await runOne(gx, TYPE, { column: 's', min_value: 0 })).exception_info.raised_exception).toBe(
      true,
    );
    expect((await runOne(gx, TYPE, { column: 'x', min_value: 's' })).exception_info.raised_exception).toBe(
      true,
    );
  });

  it('reads as a sentence', () => {
    expect(sentenceOf(expectColumnMeanToBeBetween, { column: 'tip', min_value: 1, max_value: 5 })).toBe(
      'the mean of `tip` is between 1 and 5',
    );
  });

  it('does not depend on how the rows are batched', async () => {
    await assertSplitClose(arbFloatTable, TYPE, { column: 'x', min_value: -2, max_value: 2 });
  });
});
