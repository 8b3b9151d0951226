import { Float64, Table, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { expectColumnUniqueValueCountToBeBetween } from '../../src/expectations/expect_column_unique_value_count_to_be_between.js';
import { runOne } from '../helpers.js';
import { dict, utf8 } from '../metrics/drive.js';
import { arbDistinctTable, assertSplitEqual, gxDistinctTable, sentenceOf } from './aggregate.js';
import { floats } from './vectors.js';

const TYPE = 'expect_column_unique_value_count_to_be_between';
const gx = gxDistinctTable([1, 1, 1, 1, null, null, null, null]);

describe(TYPE, () => {
  it('counts distinct values and succeeds within the bounds', async () => {
    expect(await runOne(gx, TYPE, { column: 'dist1', min_value: 0, max_value: 10 })).toMatchObject({
      success: true,
      result: { observed_value: 8 },
    });
    expect(
      (await runOne(gx, TYPE, { column: 'dist3', min_value: null, max_value: 10 })).result.observed_value,
    ).toBe(5);
  });

  it('fails outside the bounds, or on a strict bound', async () => {
    expect(await runOne(gx, TYPE, { column: 'dist4', min_value: 2, max_value: null })).toMatchObject({
      success: false,
      result: { observed_value: 1 },
    });
    expect((await runOne(gx, TYPE, { column: 'dist1', max_value: 8, strict_max: true })).success).toBe(false);
  });

  it('leaves nulls and NaN out of the count', async () => {
    expect((await runOne(gx, TYPE, { column: 'dist2', min_value: 5, max_value: 5 })).success).toBe(true);
    const t = new Table({ x: floats([Number.NaN, 1, null, Number.NaN, 1]) });
    expect((await runOne(t, TYPE, { column: 'x', max_value: 1 })).result.observed_value).toBe(1);
  });

  it('counts strings the same in both encodings', async () => {
    for (const enc of [utf8, dict]) {
      const t = new Table({ s: enc(['a', null, 'b', 'a', '']) });
      expect((await runOne(t, TYPE, { column: 's', min_value: 3 })).result.observed_value).toBe(3);
    }
  });

  it('is vacuously true without bounds, and 0 on an empty column', async () => {
    expect((await runOne(gx, TYPE, { column: 'dist1', min_value: null, max_value: null })).success).toBe(
      true,
    );
    const empty = new Table({ x: vectorFromArray([] as number[], new Float64()) });
    expect(await runOne(empty, TYPE, { column: 'x', max_value: 0 })).toMatchObject({
      success: true,
      result: { observed_value: 0 },
    });
  });

  it('reads as a sentence', () => {
    expect(
      sentenceOf(expectColumnUniqueValueCountToBeBetween, { column: 'zone', min_value: 1, max_value: 6 }),
    ).toBe('`zone` has between 1 and 6 distinct values');
  });

  it('does not depend on how the rows are batched', async () => {
    await assertSplitEqual(arbDistinctTable, TYPE, { column: 'x', min_value: 3 });
    await assertSplitEqual(arbDistinctTable, TYPE, { column: 's', max_value: 2 });
  });
});
