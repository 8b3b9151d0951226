import { Table, TimestampMicrosecond, TimestampMillisecond } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnPairValuesAToBeGreaterThanB as def } from '../../src/expectations/expect_column_pair_values_a_to_be_greater_than_b.js';
import { runOne, sentenceOf } from '../helpers.js';
import { assertBatchIndependent, COMPLETE_PK, STRING_ENCODINGS, tableWithPk, utf8 } from './map-helpers.js';
import { floats, ints, timestamps } from './vectors.js';

const TYPE = 'expect_column_pair_values_a_to_be_greater_than_b';

// GX's fixture dataset expect_column_pair_values_a_to_be_greater_than_b_1 (numeric columns)
const gx = tableWithPk({
  w: ints([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  x: ints([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]),
  y: ints([1, 2, 3, 4, 5, 6, 7, 8, 9, null]),
  z: ints([1, 2, 3, 4, 5, null, null, null, null, null]),
  c: ints([1, 2, 3, 6, 7, 6, 7, 8, 9, 10]),
});

// a > b holds in row 0, fails in row 1; rows 2-4 miss one value; rows 5-6 miss both
const holes = tableWithPk({
  a: floats([2, 1, null, 5, Number.NaN, null, Number.NaN]),
  b: floats([1, 1, 0, null, 0, null, null]),
});

const MS = 1_700_000_000_000n;

describe(TYPE, () => {
  it('passes when A is greater in every row', async () => {
    const r = await runOne(gx, TYPE, { column_A: 'x', column_B: 'w' }, COMPLETE_PK);
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ unexpected_list: [], unexpected_index_list: [] });
  });

  it('flags ties unless or_equal, as [a, b] pairs', async () => {
    const kw = { column_A: 'w', column_B: 'z', ignore_row_if: 'either_value_is_missing' };
    const r = await runOne(gx, TYPE, kw, COMPLETE_PK);
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({
      missing_count: 5,
      unexpected_count: 5,
      unexpected_list: [
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 4],
        [5, 5],
      ],
      unexpected_index_list: [1, 2, 3, 4, 5].map((v, i) => ({ pk_index: i, w: v, z: v })),
    });
    expect((await runOne(gx, TYPE, { ...kw, or_equal: true })).success).toBe(true);
    expect(
      (await runOne(gx, TYPE, { column_A: 'x', column_B: 'z', ignore_row_if: 'either_value_is_missing' }))
        .success,
    ).toBe(true);
  });

  it('applies mostly', async () => {
    const r = await runOne(gx, TYPE, { column_A: 'x', column_B: 'c', mostly: 0.8 }, COMPLETE_PK);
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({
      unexpected_list: [
        [5, 6],
        [6, 7],
      ],
      unexpected_index_list: [
        { pk_index: 3, x: 5, c: 6 },
        { pk_index: 4, x: 6, c: 7 },
      ],
    });
    expect((await runOne(gx, TYPE, { column_A: 'x', column_B: 'c', mostly: 0.85 })).success).toBe(false);
  });

  it('both_values_are_missing (default) leaves out rows missing both; one missing value fails', async () => {
    const r = await runOne(holes, TYPE, { column_A: 'a', column_B: 'b' }, 'COMPLETE');
    expect(r.result).toMatchObject({
      element_count: 7,
      missing_count: 2,
      unexpected_count: 4,
      unexpected_index_list: [1, 2, 3, 4],
      unexpected_list: [
        [1, 1],
        [null, 0],
        [5, null],
        [null, 0], // NaN is missing and reported as null,
      ],
    });
  });

  it('either_value_is_missing leaves out rows missing any value', async () => {
    const r = await runOne(
      holes,
      TYPE,
      { column_A: 'a', column_B: 'b', ignore_row_if: 'either_value_is_missing' },
      'COMPLETE',
    );
    expect(r.result).toMatchObject({ missing_count: 5, unexpected_count: 1, unexpected_index_list: [1] });
    expect(r.result.unexpected_percent).toBe(50);
  });

  it('neither counts rows missing both as unexpected', async () => {
    const r = await runOne(
      holes,
      TYPE,
      { column_A: 'a', column_B: 'b', ignore_row_if: 'neither' },
      'COMPLETE',
    );
    expect(r.result).toMatchObject({ unexpected_count: 6, unexpected_index_list: [1, 2, 3, 4, 5, 6] });
    expect(r.result.missing_count).toBe(0); // GX reports the (empty) missing rows when none are ignored
  });

  it('compares timestamps of different units: dropoff after pickup', async () => {
    const t = new Table({
      pickup_datetime: timestamps(new TimestampMillisecond(), [MS, MS, MS, null, MS]),
      // microseconds: 1 µs later, same instant, 1 ms earlier, present, missing
      dropoff_datetime: timestamps(new TimestampMicrosecond(), [
        MS * 1000n + 1n,
        MS * 1000n,
        MS * 1000n - 1000n,
        MS * 1000n,
        null,
      ]),
    });
    const kw = { column_A: 'dropoff_datetime', column_B: 'pickup_datetime' };
    const r = await runOne(t, TYPE, kw, 'COMPLETE');
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({
      unexpected_index_list: [1, 2, 3, 4],
      unexpected_list: [
        ['2023-11-14T22:13:20', '2023-11-14T22:13:20'],
        ['2023-11-14T22:13:19.999', '2023-11-14T22:13:20'],
        ['2023-11-14T22:13:20', null],
        [null, '2023-11-14T22:13:20'],
      ],
    });
    const eq = await runOne(
      t,
      TYPE,
      { ...kw, or_equal: true, ignore_row_if: 'either_value_is_missing' },
      'COMPLETE',
    );
    expect(eq.result).toMatchObject({ unexpected_index_list: [2], missing_count: 2 });
  });

  it.each(STRING_ENCODINGS)('compares %s strings by code point', async (_name, enc) => {
    const t = new Table({ a: enc(['b', 'a', '😀', 'B']), b: utf8(['a', 'a', 'z', 'b']) });
    const r = await runOne(t, TYPE, { column_A: 'a', column_B: 'b' }, 'COMPLETE');
    expect(r.result.unexpected_index_list).toEqual([1, 3]);
  });

  it('cannot compare a number with a string: exception_info', async () => {
    const t = new Table({ a: ints([1]), b: utf8(['1']) });
    const r = await runOne(t, TYPE, { column_A: 'a', column_B: 'b' });
    expect(r.exception_info.raised_exception).toBe(true);
    expect(r.exception_info.exception_message).toMatch(/cannot compare/);
  });

  it('passes on an empty table', async () => {
    const r = await runOne(new Table({ a: ints([]), b: ints([]) }), TYPE, { column_A: 'a', column_B: 'b' });
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ element_count: 0, unexpected_count: 0 });
  });

  it('rejects bad kwargs as a result with exception_info', async () => {
    for (const kwargs of [
      { column_A: 'x', column_B: 'w', ignore_row_if: 'never' },
      { column_A: 'x', column_B: 'w', parse_strings_as_datetimes: true },
      { column_A: 'x' },
    ]) {
      expect((await runOne(gx, TYPE, kwargs)).exception_info.raised_exception).toBe(true);
    }
  });

  it('reads as a sentence', () => {
    const k = { column_A: 'dropoff_datetime', column_B: 'pickup_datetime' };
    expect(sentenceOf(def, k)).toBe('values in `dropoff_datetime` are greater than `pickup_datetime`');
    expect(sentenceOf(def, { ...k, or_equal: true, mostly: 0.9 })).toBe(
      'values in `dropoff_datetime` are greater than or equal to `pickup_datetime`, at least 90% of the time',
    );
  });

  it('does not depend on the batch size', async () => {
    const cell = fc.option(fc.integer({ min: 0, max: 4 }), { nil: null });
    const arb = fc
      .array(fc.tuple(cell, cell), { maxLength: 40 })
      .map((rows) => tableWithPk({ a: ints(rows.map((r) => r[0])), b: ints(rows.map((r) => r[1])) }));
    for (const ignore_row_if of ['both_values_are_missing', 'either_value_is_missing', 'neither']) {
      await assertBatchIndependent(arb, TYPE, () => ({ column_A: 'a', column_B: 'b', ignore_row_if }));
    }
  });
});
