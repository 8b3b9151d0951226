import { Table, TimestampMicrosecond, TimestampMillisecond } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectSelectColumnValuesToBeUniqueWithinRecord as def } from '../../src/expectations/expect_select_column_values_to_be_unique_within_record.js';
import { runOne } from '../helpers.js';
import { assertBatchIndependent, COMPLETE_PK, dict, tableWithPk, utf8 } from './map-helpers.js';
import { floats, ints, timestamps } from './vectors.js';

const TYPE = 'expect_select_column_values_to_be_unique_within_record';

// GX's fixture datasets (ints with None are float64 in pandas)
const gx1 = tableWithPk({ a: ints([1, 2, 3, 4]), b: ints([5, 6, 7, 8]), c: ints([1, 4, 2, 3]) });
const gx2 = tableWithPk({
  w: floats([2, 3, 4, 5, 6, 7, 8, 9, 10, null]),
  x: ints([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  a: floats([1, 1, 1, 1, 1, 2, 2, 2, 2, null]),
  b: floats([1, 2, 1, 2, 1, 2, 1, 2, 1, null]),
});

describe(TYPE, () => {
  it('passes when the values of each row differ', async () => {
    const r = await runOne(gx1, TYPE, { column_list: ['a', 'b'] }, COMPLETE_PK);
    expect(r.success).toBe(true);
    for (const kw of [{}, { ignore_row_if: 'any_value_is_missing' }]) {
      expect((await runOne(gx2, TYPE, { column_list: ['w', 'x'], ...kw })).success).toBe(true);
    }
  });

  it('flags rows with a repeated value, and mostly counts them', async () => {
    const r = await runOne(gx1, TYPE, { column_list: ['a', 'c'] }, COMPLETE_PK);
    expect(r.success).toBe(false);
    expect(r.result.unexpected_list).toEqual([{ a: 1, c: 1 }]);
    expect((await runOne(gx1, TYPE, { column_list: ['a', 'c'], mostly: 0.7 })).success).toBe(true);
    expect((await runOne(gx1, TYPE, { column_list: ['a', 'c'], mostly: 0.8 })).success).toBe(false);
    expect(
      (await runOne(gx1, TYPE, { column_list: ['a', 'c'], mostly: -0.3 })).exception_info.raised_exception,
    ).toBe(true);
  });

  it("GX's full result: rows with all values missing are left out", async () => {
    const r = await runOne(gx2, TYPE, { column_list: ['a', 'b'] }, COMPLETE_PK);
    expect(r.result).toMatchObject({
      element_count: 10,
      missing_count: 1,
      missing_percent: 10,
      unexpected_count: 5,
      unexpected_percent: (5 / 9) * 100,
      unexpected_percent_total: 50,
      unexpected_list: [
        { a: 1, b: 1 },
        { a: 1, b: 1 },
        { a: 1, b: 1 },
        { a: 2, b: 2 },
        { a: 2, b: 2 },
      ],
      unexpected_index_list: [0, 2, 4, 5, 7].map((pk_index) => ({
        pk_index,
        a: gx2.getChild('a')?.get(pk_index),
        b: gx2.getChild('b')?.get(pk_index),
      })),
    });
  });

  it('two missing values in a row are equal, as pandas nunique(dropna=False)', async () => {
    const t = new Table({
      p: floats([null, 1, null, Number.NaN]),
      q: floats([null, null, Number.NaN, 2]),
      r: floats([1, 2, 3, null]),
    });
    const all = await runOne(t, TYPE, { column_list: ['p', 'q', 'r'] }, 'COMPLETE');
    expect(all.result.unexpected_index_list).toEqual([0, 2, 3]);
    const any = await runOne(
      t,
      TYPE,
      { column_list: ['p', 'q', 'r'], ignore_row_if: 'any_value_is_missing' },
      'COMPLETE',
    );
    expect(any.result).toMatchObject({ missing_count: 4, unexpected_count: 0 });
    const never = await runOne(new Table({ p: floats([null]), q: floats([null]) }), TYPE, {
      column_list: ['p', 'q'],
      ignore_row_if: 'never',
    });
    expect(never.result).toMatchObject({ unexpected_count: 1, missing_count: 0 });
  });

  it('compares values as Python does across columns of different types', async () => {
    const ms = 1_577_836_800_000n;
    const t = new Table({
      i: ints([1, 1, 2]),
      f: floats([1, 2, 3]),
      s: utf8(['1', 'x', '3']),
      d: dict(['x', 'x', 'y']),
      t1: timestamps(new TimestampMillisecond(), [ms, ms, ms]),
      t2: timestamps(new TimestampMicrosecond(), [ms * 1000n, 0n, ms * 1000n]),
    });
    const run = async (column_list: string[]) =>
      (await runOne(t, TYPE, { column_list }, 'COMPLETE')).result.unexpected_index_list;
    expect(await run(['i', 'f'])).toEqual([0]);
    expect(await run(['i', 's'])).toEqual([]);
    expect(await run(['s', 'd'])).toEqual([1]);
    expect(await run(['t1', 't2'])).toEqual([0, 2]);
    expect(await run(['i', 't1'])).toEqual([]);
  });

  it('passes on an empty table', async () => {
    const t = new Table({ a: utf8([]), b: utf8([]) });
    expect((await runOne(t, TYPE, { column_list: ['a', 'b'] })).success).toBe(true);
  });

  it('does not depend on batch size', async () => {
    const cell = fc.option(fc.integer({ min: 0, max: 2 }), { nil: null });
    await assertBatchIndependent(
      fc
        .array(fc.tuple(cell, cell, fc.option(fc.constantFrom('0', '1'), { nil: null })), { maxLength: 25 })
        .map((rows) =>
          tableWithPk({
            a: floats(rows.map((r) => r[0])),
            b: floats(rows.map((r) => r[1])),
            c: dict(rows.map((r) => r[2])),
          }),
        ),
      TYPE,
      () => ({ column_list: ['a', 'b', 'c'], mostly: 0.5 }),
    );
  });

  it('reads as a sentence', () => {
    expect(def.sentence(def.kwargs.parse({ column_list: ['home', 'away'] }))).toBe(
      'the values of `home` and `away` differ from one another in each row',
    );
  });
});
