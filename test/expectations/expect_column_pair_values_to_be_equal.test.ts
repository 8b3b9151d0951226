import { Table, TimestampMicrosecond, TimestampMillisecond } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnPairValuesToBeEqual as def } from '../../src/expectations/expect_column_pair_values_to_be_equal.js';
import { runOne, sentenceOf } from '../helpers.js';
import { assertBatchIndependent, COMPLETE_PK, dict, tableWithPk, utf8 } from './map-helpers.js';
import { floats, ints, timestamps } from './vectors.js';

const TYPE = 'expect_column_pair_values_to_be_equal';

// GX's fixture dataset expect_column_pair_values_to_be_equal_1 (numeric columns)
const gx = tableWithPk({
  w: ints([1, 2, 3, 4, 5, 6, 7, 8, 9, null]),
  x: ints([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
  z: ints([1, 2, 3, 4, 5, null, null, null, null, null]),
  a: ints([1, 2, 3, 4, 5, 6, 7, 8, 9, 11]),
  b: ints([1, 2, 3, 4, 5, null, null, null, null, null]),
});

const holesUnexpected = [
  [6, null],
  [7, null],
  [8, null],
  [9, null],
];

describe(TYPE, () => {
  it('passes on a column against itself', async () => {
    const r = await runOne(gx, TYPE, { column_A: 'x', column_B: 'x' }, COMPLETE_PK);
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ unexpected_list: [], unexpected_index_list: [] });
  });

  it('flags rows that differ, as [a, b] pairs', async () => {
    const r = await runOne(gx, TYPE, { column_A: 'a', column_B: 'x' }, COMPLETE_PK);
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({
      unexpected_count: 1,
      unexpected_list: [[11, 10]],
      unexpected_index_list: [{ pk_index: 9, a: 11, x: 10 }],
    });
    expect((await runOne(gx, TYPE, { column_A: 'a', column_B: 'x', mostly: 0.9 })).success).toBe(true);
  });

  it('both_values_are_missing (default): a row missing one value differs', async () => {
    for (const kw of [{}, { ignore_row_if: 'both_values_are_missing' }]) {
      const r = await runOne(gx, TYPE, { column_A: 'w', column_B: 'z', ...kw }, 'COMPLETE');
      expect(r.success).toBe(false);
      expect(r.result).toMatchObject({ missing_count: 1, unexpected_list: holesUnexpected });
      expect(r.result.unexpected_index_list).toEqual([5, 6, 7, 8]);
    }
    expect((await runOne(gx, TYPE, { column_A: 'w', column_B: 'z', mostly: 0.5 })).success).toBe(true);
  });

  it('either_value_is_missing leaves those rows out', async () => {
    for (const [A, B] of [
      ['w', 'z'],
      ['a', 'b'],
    ]) {
      const r = await runOne(
        gx,
        TYPE,
        { column_A: A, column_B: B, ignore_row_if: 'either_value_is_missing' },
        'COMPLETE',
      );
      expect(r.success).toBe(true);
      expect(r.result).toMatchObject({ missing_count: 5, unexpected_list: [] });
    }
  });

  it('neither: two missing values are not equal either (pandas NaN != NaN)', async () => {
    const t = new Table({ a: floats([null, Number.NaN, 1]), b: floats([null, Number.NaN, 1]) });
    const r = await runOne(t, TYPE, { column_A: 'a', column_B: 'b', ignore_row_if: 'neither' }, 'COMPLETE');
    expect(r.result).toMatchObject({ unexpected_count: 2, unexpected_index_list: [0, 1] });
    const both = await runOne(t, TYPE, { column_A: 'a', column_B: 'b' }, 'COMPLETE');
    expect(both.success).toBe(true);
    expect(both.result).toMatchObject({ missing_count: 2, unexpected_count: 0 });
  });

  it('compares dictionary and plain strings', async () => {
    const t = new Table({ a: dict(['x', 'y', null]), b: utf8(['x', 'Y', 'z']) });
    const r = await runOne(t, TYPE, { column_A: 'a', column_B: 'b' }, 'COMPLETE');
    expect(r.result).toMatchObject({
      unexpected_list: [
        ['y', 'Y'],
        [null, 'z'],
      ],
    });
  });

  it('compares timestamps of different units by instant', async () => {
    const t = new Table({
      ms: timestamps(new TimestampMillisecond(), [1_000n, 1_000n]),
      us: timestamps(new TimestampMicrosecond(), [1_000_000n, 1_000_001n]),
    });
    const r = await runOne(t, TYPE, { column_A: 'ms', column_B: 'us' }, 'COMPLETE');
    expect(r.result).toMatchObject({
      unexpected_index_list: [1],
      unexpected_list: [['1970-01-01T00:00:01', '1970-01-01T00:00:01.000001']],
    });
  });

  it('passes on an empty table', async () => {
    const r = await runOne(new Table({ a: ints([]), b: ints([]) }), TYPE, { column_A: 'a', column_B: 'b' });
    expect(r.success).toBe(true);
  });

  it('rejects bad kwargs as a result with exception_info', async () => {
    for (const kwargs of [
      { column_A: 'x', column_B: 'w', or_equal: true },
      { column_A: 'x', column_B: 'w', mostly: -0.1 },
      { column_B: 'w' },
    ]) {
      expect((await runOne(gx, TYPE, kwargs)).exception_info.raised_exception).toBe(true);
    }
  });

  it('reads as a sentence', () => {
    expect(sentenceOf(def, { column_A: 'a', column_B: 'b' })).toBe('values in `a` are equal to `b`');
  });

  it('does not depend on the batch size', async () => {
    const cell = fc.option(fc.integer({ min: 0, max: 2 }), { nil: null });
    const arb = fc
      .array(fc.tuple(cell, cell), { maxLength: 40 })
      .map((rows) => tableWithPk({ a: ints(rows.map((r) => r[0])), b: ints(rows.map((r) => r[1])) }));
    for (const ignore_row_if of ['both_values_are_missing', 'either_value_is_missing', 'neither']) {
      await assertBatchIndependent(arb, TYPE, () => ({ column_A: 'a', column_B: 'b', ignore_row_if }));
    }
  });
});
