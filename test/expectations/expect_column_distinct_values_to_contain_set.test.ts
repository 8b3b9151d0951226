import { Float64, Table, TimestampMicrosecond, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { expectColumnDistinctValuesToContainSet } from '../../src/expectations/expect_column_distinct_values_to_contain_set.js';
import { runOne } from '../helpers.js';
import { dict, utf8 } from '../metrics/drive.js';
import { arbDistinctTable, assertSplitEqual, gxDistinctTable, sentenceOf } from './aggregate.js';
import { floats } from './vectors.js';

const TYPE = 'expect_column_distinct_values_to_contain_set';
const gx = gxDistinctTable();

describe(TYPE, () => {
  it('succeeds when every value of the set occurs, reporting the distinct values and counts', async () => {
    const r = await runOne(gx, TYPE, { column: 'dist3', value_set: [2, 5] });
    expect(r.success).toBe(true);
    expect(r.result.observed_value).toEqual([2, 5, 6, 7, 8]);
    expect(r.result.details).toEqual({
      value_counts: [2, 5, 6, 7, 8].map((value) => ({ value, count: value === 2 ? 4 : 1 })),
    });
  });

  it('fails when a value of the set is missing', async () => {
    expect(await runOne(gx, TYPE, { column: 'dist1', value_set: [1, 9] })).toMatchObject({
      success: false,
      result: { observed_value: [1, 2, 3, 4, 5, 6, 7, 8] },
    });
    for (const enc of [utf8, dict]) {
      const t = new Table({ s: enc(['hello', 'mello', 'jello', 'hello']) });
      expect((await runOne(t, TYPE, { column: 's', value_set: ['hello', 'mello'] })).success).toBe(true);
      expect(await runOne(t, TYPE, { column: 's', value_set: ['hello', 'yellow'] })).toMatchObject({
        success: false,
        result: { observed_value: ['hello', 'jello', 'mello'] },
      });
    }
  });

  it('does not count nulls or NaN as values', async () => {
    expect((await runOne(gx, TYPE, { column: 'dist2', value_set: [1, 2, 3] })).success).toBe(true);
    const t = new Table({ x: floats([Number.NaN, 1, null]) });
    expect((await runOne(t, TYPE, { column: 'x', value_set: [1, null] })).success).toBe(false);
    expect((await runOne(t, TYPE, { column: 'x', value_set: [1] })).result.observed_value).toEqual([1]);
  });

  it('fails on an empty column unless the set is empty', async () => {
    const empty = new Table({ x: vectorFromArray([] as number[], new Float64()) });
    expect(await runOne(empty, TYPE, { column: 'x', value_set: [1] })).toMatchObject({
      success: false,
      result: { observed_value: [] },
    });
    expect((await runOne(empty, TYPE, { column: 'x', value_set: [] })).success).toBe(true);
  });

  it('matches timestamps with ISO strings', async () => {
    const t = new Table({
      ts: vectorFromArray(
        ['2018-01-01T00:34:01Z', '2018-01-02T00:34:01Z', '2018-01-02T00:34:01Z'].map((s) => new Date(s)),
        new TimestampMicrosecond(),
      ),
    });
    const r = await runOne(t, TYPE, {
      column: 'ts',
      value_set: ['2018-01-01 00:34:01', '2018-01-02 00:34:01'],
    });
    expect([r.success, r.result.observed_value]).toEqual([
      true,
      ['2018-01-01T00:34:01', '2018-01-02T00:34:01'],
    ]);
  });

  it('needs a value_set', async () => {
    expect(
      (await runOne(gx, TYPE, { column: 'dist1', value_set: null })).exception_info.raised_exception,
    ).toBe(true);
  });

  it('reads as a sentence', () => {
    expect(
      sentenceOf(expectColumnDistinctValuesToContainSet, { column: 'kind', value_set: ['a', 'b'] }),
    ).toBe('distinct values of `kind` include {"a", "b"}');
  });

  it('does not depend on how the rows are batched', async () => {
    await assertSplitEqual(arbDistinctTable, TYPE, { column: 'x', value_set: [0, 2 ** 53 + 1] });
    await assertSplitEqual(arbDistinctTable, TYPE, { column: 's', value_set: ['\uff5e'] });
  });
});
