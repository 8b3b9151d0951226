import { Table } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectMulticolumnSumToEqual as def } from '../../src/expectations/expect_multicolumn_sum_to_equal.js';
import { runOne, sentenceOf } from '../helpers.js';
import { assertBatchIndependent, COMPLETE_PK, tableWithPk, utf8 } from './map-helpers.js';
import { floats, ints } from './vectors.js';

const TYPE = 'expect_multicolumn_sum_to_equal';

// GX's fixture datasets expect_multicolumn_sum_to_equal_1 and _2
const gx1 = tableWithPk({ a: ints([1, 2, 3, 4]), b: ints([3, 2, 1, 0]), c: ints([3, 2, 1, 1]) });
const gx2 = tableWithPk({
  w: floats([0.2, 0.4, 0.3, 0.5, 0.8, 0.7, 0.71, 0.56, 0.45, 1.0]),
  x: floats([0.8, 0.6, 0.7, 0.5, 0.2, 0.3, 0.29, 0.44, 0.55, 0.0]),
  y: floats([0.8, 0.8, 0.7, 0.5, 0.4, 0.3, 0.29, 0.48, 0.55, null]),
  z: ints([1, 2, -1, 3, 0, 2, 2, 0, 1, 3]),
  a: ints([1, 0, 4, 0, 1, 0, 1, 3, 2, -3]),
  b: ints([1, 1, 0, 0, 2, 1, 0, 0, 0, 3]),
});

// complete and right, complete and wrong, one value missing, all values missing
const holes = new Table({ p: floats([1, 2, 3, Number.NaN]), q: floats([2, 2, null, null]) });

describe(TYPE, () => {
  it('passes when every row adds up', async () => {
    for (const [table, column_list, sum_total] of [
      [gx1, ['a', 'b'], 4],
      [gx2, ['w', 'x'], 1],
      [gx2, ['z', 'a', 'b'], 3],
    ] as const) {
      const r = await runOne(table, TYPE, { column_list, sum_total }, COMPLETE_PK);
      expect(r.success).toBe(true);
      expect(r.result).toMatchObject({ unexpected_list: [], unexpected_index_list: [] });
    }
  });

  it('flags rows that do not add up, as records', async () => {
    const r = await runOne(gx2, TYPE, { column_list: ['a', 'b'], sum_total: 1 }, COMPLETE_PK);
    expect(r.success).toBe(false);
    const rows = [0, 2, 3, 4, 7, 8, 9];
    const a = [1, 4, 0, 1, 3, 2, -3];
    const b = [1, 0, 0, 2, 0, 0, 3];
    expect(r.result).toMatchObject({
      unexpected_count: 7,
      unexpected_list: rows.map((_, i) => ({ a: a[i], b: b[i] })),
      unexpected_index_list: rows.map((pk, i) => ({ pk_index: pk, a: a[i], b: b[i] })),
    });
    const off = await runOne(gx2, TYPE, { column_list: ['w', 'x'], sum_total: 1.1 }, COMPLETE_PK);
    expect(off.result.unexpected_count).toBe(10);
  });

  it('applies mostly', async () => {
    const at = async (mostly: number) =>
      (await runOne(gx1, TYPE, { column_list: ['a', 'c'], sum_total: 4, mostly })).success;
    expect(await at(0.7)).toBe(true);
    expect(await at(0.8)).toBe(false);
    const r = await runOne(gx1, TYPE, { column_list: ['a', 'c'], sum_total: 4 }, 'COMPLETE');
    expect(r.result.unexpected_list).toEqual([{ a: 4, c: 1 }]);
  });

  it('any_value_is_missing leaves out rows with a missing value', async () => {
    const r = await runOne(
      gx2,
      TYPE,
      { column_list: ['w', 'y'], sum_total: 1, ignore_row_if: 'any_value_is_missing' },
      COMPLETE_PK,
    );
    expect(r.result).toMatchObject({
      missing_count: 1,
      unexpected_list: [
        { w: 0.4, y: 0.8 },
        { w: 0.8, y: 0.4 },
        { w: 0.56, y: 0.48 },
      ],
      unexpected_index_list: [
        { pk_index: 1, w: 0.4, y: 0.8 },
        { pk_index: 4, w: 0.8, y: 0.4 },
        { pk_index: 7, w: 0.56, y: 0.48 },
      ],
    });
    const h = await runOne(
      holes,
      TYPE,
      { column_list: ['p', 'q'], sum_total: 3, ignore_row_if: 'any_value_is_missing' },
      'COMPLETE',
    );
    expect(h.result).toMatchObject({ missing_count: 2, unexpected_index_list: [1] });
  });

  it('all_values_are_missing (default): a partly missing row does not add up', async () => {
    const r = await runOne(holes, TYPE, { column_list: ['p', 'q'], sum_total: 3 }, 'COMPLETE');
    expect(r.result).toMatchObject({
      missing_count: 1,
      unexpected_index_list: [1, 2],
      unexpected_list: [
        { p: 2, q: 2 },
        { p: 3, q: null },
      ],
    });
  });

  it('never: an all-missing row does not add up either', async () => {
    const r = await runOne(
      holes,
      TYPE,
      { column_list: ['p', 'q'], sum_total: 3, ignore_row_if: 'never' },
      'COMPLETE',
    );
    expect(r.result).toMatchObject({ unexpected_index_list: [1, 2, 3] });
    expect((r.result.unexpected_list as unknown[])[2]).toEqual({ p: null, q: null });
    expect(r.result.missing_count).toBe(0); // GX reports the (empty) missing rows when none are ignored
  });

  it('passes on an empty table', async () => {
    const r = await runOne(new Table({ a: ints([]), b: ints([]) }), TYPE, {
      column_list: ['a', 'b'],
      sum_total: 0,
    });
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ element_count: 0, unexpected_count: 0 });
  });

  it('rejects bad kwargs and non-numeric columns as results with exception_info', async () => {
    for (const kwargs of [
      { column_list: ['a', 'c'], sum_total: 4, mostly: 'One' },
      { column_list: ['a', 'c'] },
      { column_list: ['a', 'c'], sum_total: 4, ignore_row_if: 'neither' },
    ]) {
      expect((await runOne(gx1, TYPE, kwargs)).exception_info.raised_exception).toBe(true);
    }
    const t = new Table({ a: ints([1]), s: utf8(['1']) });
    const r = await runOne(t, TYPE, { column_list: ['a', 's'], sum_total: 2 });
    expect(r.exception_info.exception_message).toMatch(/"s" has type utf8/);
  });

  it('reads as a sentence', () => {
    expect(sentenceOf(def, { column_list: ['a', 'b', 'c'], sum_total: 100, mostly: 0.99 })).toBe(
      'the sum of `a`, `b` and `c` is 100 in each row, at least 99% of the time',
    );
  });

  it('does not depend on the batch size', async () => {
    const cell = fc.option(fc.integer({ min: 0, max: 3 }), { nil: null });
    const arb = fc.array(fc.tuple(cell, cell, cell), { maxLength: 40 }).map((rows) =>
      tableWithPk({
        a: ints(rows.map((r) => r[0])),
        b: ints(rows.map((r) => r[1])),
        c: floats(rows.map((r) => r[2])),
      }),
    );
    for (const ignore_row_if of ['all_values_are_missing', 'any_value_is_missing', 'never']) {
      await assertBatchIndependent(arb, TYPE, () => ({
        column_list: ['a', 'b', 'c'],
        sum_total: 4,
        ignore_row_if,
      }));
    }
  });
});
