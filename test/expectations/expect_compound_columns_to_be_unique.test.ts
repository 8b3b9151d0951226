import { Table } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectCompoundColumnsToBeUnique as def } from '../../src/expectations/expect_compound_columns_to_be_unique.js';
import { runOne, sentenceOf } from '../helpers.js';
import { assertBatchIndependent, COMPLETE_PK, dict, tableWithPk, utf8 } from './map-helpers.js';
import { floats, ints } from './vectors.js';

const TYPE = 'expect_compound_columns_to_be_unique';

// GX's fixture datasets expect_compound_columns_to_be_unique_1 and _2
const gx1 = tableWithPk({ a: ints([1, 2, 3, 4]), b: ints([1, 2, 3, 1]), c: ints([1, 2, 3, 1]) });
const gx2 = tableWithPk({
  w: ints([2, 3, 4, 5, 6, 7, 8, 9, 10, null]),
  x: ints([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  a: ints([1, 1, 1, 1, 1, 2, 2, 2, 2, null]),
  b: ints([1, 2, 1, 2, 1, 2, 1, 2, 1, null]),
});

// two rows missing both values, two missing one of them the same way, one complete pair repeated
const holes = tableWithPk({
  p: utf8([null, null, 'k', 'k', null, 'u', 'u']),
  q: ints([null, null, null, null, 3, 4, 4]),
});

describe(TYPE, () => {
  it('passes when each combination occurs once', async () => {
    const r = await runOne(gx1, TYPE, { column_list: ['a', 'b'] }, COMPLETE_PK);
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ unexpected_list: [], unexpected_index_list: [] });
  });

  it('flags every row of a repeated combination, as records', async () => {
    const r = await runOne(gx1, TYPE, { column_list: ['b', 'c'] }, COMPLETE_PK);
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({
      unexpected_count: 2,
      unexpected_list: [
        { b: 1, c: 1 },
        { b: 1, c: 1 },
      ],
      unexpected_index_list: [
        { pk_index: 0, b: 1, c: 1 },
        { pk_index: 3, b: 1, c: 1 },
      ],
    });
  });

  it('applies mostly', async () => {
    const at = async (mostly: number) =>
      (await runOne(gx1, TYPE, { column_list: ['b', 'c'], mostly })).success;
    expect(await at(0.4)).toBe(true);
    expect(await at(0.9)).toBe(false);
  });

  it('reproduces GX exact result: all-missing rows are left out by default', async () => {
    const r = await runOne(gx2, TYPE, { column_list: ['a', 'b'] }, 'COMPLETE');
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({
      element_count: 10,
      missing_count: 1,
      missing_percent: 10,
      unexpected_count: 9,
      unexpected_percent: 100,
      unexpected_percent_total: 90,
      unexpected_percent_nonmissing: 100,
      unexpected_index_list: [0, 1, 2, 3, 4, 5, 6, 7, 8],
    });
    expect((r.result.unexpected_list as unknown[])[5]).toEqual({ a: 2, b: 2 });
    for (const ignore_row_if of ['all_values_are_missing', 'any_value_is_missing']) {
      expect((await runOne(gx2, TYPE, { column_list: ['w', 'x'], ignore_row_if })).success).toBe(true);
    }
  });

  it('all_values_are_missing keeps partly missing rows in the combination', async () => {
    const r = await runOne(holes, TYPE, { column_list: ['p', 'q'] }, COMPLETE_PK);
    expect(r.result).toMatchObject({
      missing_count: 2,
      unexpected_count: 4,
      unexpected_list: [
        { p: 'k', q: null },
        { p: 'k', q: null },
        { p: 'u', q: 4 },
        { p: 'u', q: 4 },
      ],
      unexpected_index_list: [
        { pk_index: 2, p: 'k', q: null },
        { pk_index: 3, p: 'k', q: null },
        { pk_index: 5, p: 'u', q: 4 },
        { pk_index: 6, p: 'u', q: 4 },
      ],
    });
  });

  it('any_value_is_missing leaves out every row with a missing value', async () => {
    const r = await runOne(
      holes,
      TYPE,
      { column_list: ['p', 'q'], ignore_row_if: 'any_value_is_missing' },
      'COMPLETE',
    );
    expect(r.result).toMatchObject({ missing_count: 5, unexpected_count: 2, unexpected_index_list: [5, 6] });
  });

  it('never compares missing values too, as pandas duplicated() does', async () => {
    const r = await runOne(holes, TYPE, { column_list: ['p', 'q'], ignore_row_if: 'never' }, 'COMPLETE');
    expect(r.result).toMatchObject({ unexpected_count: 6, unexpected_index_list: [0, 1, 2, 3, 5, 6] });
    expect(r.result.missing_count).toBe(0); // GX reports the (empty) missing rows when none are ignored
    expect(r.success).toBe(false);
  });

  it('treats NaN like null, and keeps strings and numbers apart', async () => {
    const t = new Table({
      f: floats([Number.NaN, null, 1, 1]),
      s: dict(['1', '1', null, '1']),
    });
    const r = await runOne(t, TYPE, { column_list: ['f', 's'] }, 'COMPLETE');
    expect(r.result).toMatchObject({
      unexpected_index_list: [0, 1],
      unexpected_list: [
        { f: null, s: '1' },
        { f: null, s: '1' },
      ],
    });
  });

  it('reports one listed column as records', async () => {
    const r = await runOne(new Table({ a: ints([3, 3]) }), TYPE, { column_list: ['a'] }, 'COMPLETE');
    expect(r.result.unexpected_list).toEqual([{ a: 3 }, { a: 3 }]);
  });

  it('passes on an empty table', async () => {
    const t = new Table({ a: ints([]), b: ints([]) });
    const r = await runOne(t, TYPE, { column_list: ['a', 'b'] });
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ element_count: 0, unexpected_count: 0 });
  });

  it('rejects bad kwargs as a result with exception_info', async () => {
    for (const kwargs of [
      { column_list: ['a', 'b'], mostly: 1.1 },
      { column_list: [] },
      { column_list: ['a'], ignore_row_if: 'neither' },
      { column_list: ['a', 'zz'] },
    ]) {
      const r = await runOne(gx1, TYPE, kwargs);
      expect(r.exception_info.raised_exception).toBe(true);
    }
  });

  it('reads as a sentence', () => {
    expect(sentenceOf(def, { column_list: ['a', 'b'] })).toBe(
      'the combination of `a` and `b` is unique per row',
    );
    expect(sentenceOf(def, { column_list: ['a', 'b', 'c'], mostly: 0.5 })).toBe(
      'the combination of `a`, `b` and `c` is unique per row, at least 50% of the time',
    );
  });

  it('does not depend on the batch size', async () => {
    const arb = fc
      .array(
        fc.record({
          a: fc.option(fc.integer({ min: 0, max: 2 }), { nil: null }),
          s: fc.option(fc.constantFrom('x', 'y'), { nil: null }),
        }),
        { maxLength: 40 },
      )
      .map((rows) => tableWithPk({ a: ints(rows.map((r) => r.a)), s: dict(rows.map((r) => r.s)) }));
    for (const ignore_row_if of ['all_values_are_missing', 'any_value_is_missing', 'never']) {
      await assertBatchIndependent(arb, TYPE, () => ({ column_list: ['a', 's'], ignore_row_if }));
    }
  });
});
