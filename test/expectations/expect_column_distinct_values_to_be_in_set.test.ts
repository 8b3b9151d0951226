import { Bool, DateDay, Float64, Int64, Table, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { expectColumnDistinctValuesToBeInSet } from '../../src/expectations/expect_column_distinct_values_to_be_in_set.js';
import { runOne } from '../helpers.js';
import { dict, utf8 } from '../metrics/drive.js';
import { arbDistinctTable, assertSplitEqual, gxDistinctTable, sentenceOf } from './aggregate.js';
import { floats } from './vectors.js';

const TYPE = 'expect_column_distinct_values_to_be_in_set';
const gx = gxDistinctTable();

describe(TYPE, () => {
  it('succeeds when every distinct value is in the set, reporting them sorted with their counts', async () => {
    const r = await runOne(gx, TYPE, { column: 'dist3', value_set: [2, 5, 6, 7, 8, 9] });
    expect(r.success).toBe(true);
    expect(r.result).toEqual({
      observed_value: [2, 5, 6, 7, 8],
      details: {
        value_counts: [
          { value: 2, count: 4 },
          { value: 5, count: 1 },
          { value: 6, count: 1 },
          { value: 7, count: 1 },
          { value: 8, count: 1 },
        ],
      },
    });
  });

  it('fails when a value is outside the set', async () => {
    expect(await runOne(gx, TYPE, { column: 'dist1', value_set: [2, 3, 4, 5, 6, 7, 8, 9] })).toMatchObject({
      success: false,
      result: { observed_value: [1, 2, 3, 4, 5, 6, 7, 8] },
    });
    expect((await runOne(gx, TYPE, { column: 'dist4', value_set: [1] })).success).toBe(false);
  });

  it('leaves nulls and NaN out', async () => {
    expect(await runOne(gx, TYPE, { column: 'dist4', value_set: [1, 2, 9] })).toMatchObject({
      success: true,
      result: {
        observed_value: [1, 2],
        details: {
          value_counts: [
            { value: 1, count: 4 },
            { value: 2, count: 1 },
          ],
        },
      },
    });
    const t = new Table({ x: floats([Number.NaN, 3, null, 3]) });
    expect((await runOne(t, TYPE, { column: 'x', value_set: [3] })).result.observed_value).toEqual([3]);
  });

  it('is vacuously true with a null value_set, and on an empty column', async () => {
    expect((await runOne(gx, TYPE, { column: 'dist1', value_set: null })).success).toBe(true);
    const empty = new Table({ x: vectorFromArray([] as number[], new Float64()) });
    expect(await runOne(empty, TYPE, { column: 'x', value_set: [1] })).toMatchObject({
      success: true,
      result: { observed_value: [], details: { value_counts: [] } },
    });
  });

  it('compares as Python does: 1 == 1.0 == True, "1" != 1', async () => {
    const t = new Table({
      b: vectorFromArray([true, false, true], new Bool()),
      s: utf8(['1', '2']),
      i: vectorFromArray([2n ** 60n, 1n], new Int64()),
    });
    expect((await runOne(t, TYPE, { column: 'b', value_set: [0, 1] })).success).toBe(true);
    expect((await runOne(t, TYPE, { column: 'b', value_set: [true] })).success).toBe(false);
    expect((await runOne(t, TYPE, { column: 's', value_set: [1, 2] })).success).toBe(false);
    const big = await runOne(t, TYPE, { column: 'i', value_set: [1, 2 ** 60] });
    expect([big.success, big.result.observed_value]).toEqual([true, [1, 2n ** 60n]]);
  });

  it('reads dates as ISO strings', async () => {
    const t = new Table({
      d: vectorFromArray([new Date('2018-01-02'), new Date('2018-01-01')], new DateDay()),
    });
    const r = await runOne(t, TYPE, { column: 'd', value_set: ['2018-01-01', '2018-01-02', '2018-01-03'] });
    expect([r.success, r.result.observed_value]).toEqual([true, ['2018-01-01', '2018-01-02']]);
  });

  it('works on both string encodings', async () => {
    for (const enc of [utf8, dict]) {
      const t = new Table({ s: enc(['hello', 'mello', null, 'jello', 'hello']) });
      const r = await runOne(t, TYPE, { column: 's', value_set: ['hello', 'jello', 'mello'] });
      expect([r.success, r.result.observed_value]).toEqual([true, ['hello', 'jello', 'mello']]);
    }
  });

  it('reads as a sentence', () => {
    expect(
      sentenceOf(expectColumnDistinctValuesToBeInSet, { column: 'payment_type', value_set: [1, 2, 3, 4] }),
    ).toBe('distinct values of `payment_type` are all in {1, 2, 3, 4}');
    expect(sentenceOf(expectColumnDistinctValuesToBeInSet, { column: 'x', value_set: null })).toBe(
      'distinct values of `x` may be anything',
    );
  });

  it('does not depend on how the rows are batched', async () => {
    await assertSplitEqual(arbDistinctTable, TYPE, { column: 'x', value_set: [0, 1, -2] });
    await assertSplitEqual(arbDistinctTable, TYPE, { column: 's', value_set: ['a', '😀'] });
  });
});
