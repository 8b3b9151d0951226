import { Float64, Table, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { expectColumnDistinctValuesToEqualSet } from '../../src/expectations/expect_column_distinct_values_to_equal_set.js';
import { runOne } from '../helpers.js';
import { dict } from '../metrics/drive.js';
import { arbDistinctTable, assertSplitEqual, gxDistinctTable, sentenceOf } from './aggregate.js';
import { floats } from './vectors.js';

const TYPE = 'expect_column_distinct_values_to_equal_set';
const gx = gxDistinctTable();

describe(TYPE, () => {
  it('succeeds when the distinct values are exactly the set', async () => {
    const r = await runOne(gx, TYPE, { column: 'dist3', value_set: [8, 7, 6, 5, 2, 2] });
    expect(r.success).toBe(true);
    expect(r.result.observed_value).toEqual([2, 5, 6, 7, 8]);
    expect(r.result.details).toMatchObject({
      value_counts: expect.arrayContaining([{ value: 2, count: 4 }]),
    });
  });

  it('fails when the column has more values, or fewer', async () => {
    expect(await runOne(gx, TYPE, { column: 'dist1', value_set: [1] })).toMatchObject({
      success: false,
      result: { observed_value: [1, 2, 3, 4, 5, 6, 7, 8] },
    });
    expect((await runOne(gx, TYPE, { column: 'dist4', value_set: [1, 2, 3] })).success).toBe(false);
    const s = new Table({ s: dict(['b', 'a', 'b']) });
    expect((await runOne(s, TYPE, { column: 's', value_set: ['a', 'b'] })).success).toBe(true);
    expect((await runOne(s, TYPE, { column: 's', value_set: ['a'] })).success).toBe(false);
  });

  it('leaves nulls and NaN out', async () => {
    expect((await runOne(gx, TYPE, { column: 'dist2', value_set: [1, 2, 3, 4, 5] })).success).toBe(true);
    const t = new Table({ x: floats([Number.NaN, 1, null, 1]) });
    expect((await runOne(t, TYPE, { column: 'x', value_set: [1] })).success).toBe(true);
    expect((await runOne(t, TYPE, { column: 'x', value_set: [1, null] })).success).toBe(false);
  });

  it('holds on an empty column only for the empty set', async () => {
    const empty = new Table({ x: vectorFromArray([] as number[], new Float64()) });
    expect(await runOne(empty, TYPE, { column: 'x', value_set: [] })).toMatchObject({
      success: true,
      result: { observed_value: [] },
    });
    expect((await runOne(empty, TYPE, { column: 'x', value_set: [0] })).success).toBe(false);
  });

  it('reads as a sentence', () => {
    expect(sentenceOf(expectColumnDistinctValuesToEqualSet, { column: 'vendor', value_set: [1, 2] })).toBe(
      'distinct values of `vendor` are exactly {1, 2}',
    );
  });

  it('does not depend on how the rows are batched', async () => {
    await assertSplitEqual(arbDistinctTable, TYPE, {
      column: 'x',
      value_set: [0, 1, -2, 2 ** 53 + 1, -(2 ** 60)],
    });
    await assertSplitEqual(arbDistinctTable, TYPE, { column: 's', value_set: ['a', 'b'] });
  });
});
