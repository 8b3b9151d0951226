import { Bool, DateDay, Float64, Int64, Table, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { expectColumnMostCommonValueToBeInSet } from '../../src/expectations/expect_column_most_common_value_to_be_in_set.js';
import { runOne } from '../helpers.js';
import { dict, utf8 } from '../metrics/drive.js';
import { arbDistinctTable, assertSplitEqual, sentenceOf } from './aggregate.js';

const TYPE = 'expect_column_most_common_value_to_be_in_set';
// GX's fixture dataset (x as pandas holds it: floats, with NaN for the nulls)
const gx = new Table({
  x: vectorFromArray([1, 1, 2, 2, 3, null, null, null, null, null], new Float64()),
  y: utf8(['hello', 'jello', 'mello', 'hello', 'jello', 'mello', 'hello', 'jello', 'mello', 'jello']),
  z: vectorFromArray([1n, 2n, 2n, 3n, 3n, 3n, 4n, 4n, 4n, 4n], new Int64()),
});

describe(TYPE, () => {
  it('passes when the single most common value is in the set', async () => {
    expect(await runOne(gx, TYPE, { column: 'y', value_set: ['jello', 'hello'] })).toMatchObject({
      success: true,
      result: { observed_value: ['jello'] },
    });
    expect((await runOne(gx, TYPE, { column: 'y', value_set: ['mello', 'hello'] })).success).toBe(false);
    expect((await runOne(gx, TYPE, { column: 'z', value_set: [4] })).result).toEqual({ observed_value: [4] });
  });

  it('reports every tied value, sorted, and fails a tie unless ties_okay (nulls are not values)', async () => {
    for (const value_set of [[1], [1, 2], [3]]) {
      expect(await runOne(gx, TYPE, { column: 'x', value_set }, 'COMPLETE')).toMatchObject({
        success: false,
        result: { observed_value: [1, 2] },
      });
    }
    expect((await runOne(gx, TYPE, { column: 'x', value_set: [1], ties_okay: true })).success).toBe(true);
    expect((await runOne(gx, TYPE, { column: 'x', value_set: [2], ties_okay: true })).success).toBe(true);
    expect((await runOne(gx, TYPE, { column: 'x', value_set: [3], ties_okay: true })).success).toBe(false);
    expect((await runOne(gx, TYPE, { column: 'x', value_set: [1], ties_okay: null })).success).toBe(false);
  });

  it('leaves NaN out, and fails an empty column or a null value_set', async () => {
    const t = new Table({ x: vectorFromArray([Number.NaN, Number.NaN, 7, null, Number.NaN], new Float64()) });
    expect((await runOne(t, TYPE, { column: 'x', value_set: [7] })).result.observed_value).toEqual([7]);
    const empty = new Table({ x: vectorFromArray([null, Number.NaN], new Float64()) });
    expect(await runOne(empty, TYPE, { column: 'x', value_set: [1], ties_okay: true })).toMatchObject({
      success: false,
      result: { observed_value: [] },
    });
    expect((await runOne(gx, TYPE, { column: 'y', value_set: null })).success).toBe(false);
  });

  it('compares as Python sets do: 1 == 1.0 == True, "1" != 1, exact 64-bit integers', async () => {
    const t = new Table({
      b: vectorFromArray([true, false, true], new Bool()),
      s: utf8(['1', '1', '2']),
      i: vectorFromArray([2n ** 60n, 2n ** 60n, 1n], new Int64()),
    });
    expect((await runOne(t, TYPE, { column: 'b', value_set: [1] })).success).toBe(true);
    expect((await runOne(t, TYPE, { column: 'b', value_set: [false] })).success).toBe(false);
    expect((await runOne(t, TYPE, { column: 's', value_set: [1] })).success).toBe(false);
    const big = await runOne(t, TYPE, { column: 'i', value_set: [2 ** 60] });
    expect([big.success, big.result.observed_value]).toEqual([true, [2n ** 60n]]);
  });

  it('reads dates as ISO strings, and both string encodings', async () => {
    const d = new Table({
      d: vectorFromArray(
        [new Date('2018-01-02'), new Date('2018-01-01'), new Date('2018-01-02')],
        new DateDay(),
      ),
    });
    const r = await runOne(d, TYPE, { column: 'd', value_set: ['2018-01-02'] });
    expect([r.success, r.result.observed_value]).toEqual([true, ['2018-01-02']]);
    for (const enc of [utf8, dict]) {
      const t = new Table({ s: enc(['b', null, 'a', 'b', 'a', null, null]) });
      const s = await runOne(t, TYPE, { column: 's', value_set: ['a'], ties_okay: true });
      expect([s.success, s.result.observed_value]).toEqual([true, ['a', 'b']]);
    }
  });

  it('reads as a sentence', () => {
    expect(
      sentenceOf(expectColumnMostCommonValueToBeInSet, { column: 'payment_type', value_set: [1, 2] }),
    ).toBe('the most common value of `payment_type` is in {1, 2}');
    expect(
      sentenceOf(expectColumnMostCommonValueToBeInSet, { column: 'v', value_set: ['CMT'], ties_okay: true }),
    ).toBe('the most common value of `v` is in {"CMT"}, or ties with a value in it');
  });

  it('does not depend on how the rows are batched', async () => {
    await assertSplitEqual(arbDistinctTable, TYPE, { column: 'x', value_set: [0, 1] });
    await assertSplitEqual(arbDistinctTable, TYPE, { column: 's', value_set: ['a', '😀'], ties_okay: true });
  });
});
