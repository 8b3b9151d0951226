import { DateDay, Null, Table, TimestampMillisecond, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnValuesToBeUnique as def } from '../../src/expectations/expect_column_values_to_be_unique.js';
import { runOne, sentenceOf } from '../helpers.js';
import { assertBatchIndependent, COMPLETE_PK, STRING_ENCODINGS, tableWithPk, utf8 } from './map-helpers.js';
import { floats, ints, timestamps } from './vectors.js';

const TYPE = 'expect_column_values_to_be_unique';

// GX's fixture dataset expect_column_values_to_be_unique_1 (typed columns only)
const gx = tableWithPk({
  a: utf8(['2', '2', '2', null]),
  c: ints([1, 1, 2, null]),
  n: ints([null, null, 2, null]),
  unique: ints([1, 2, 3, null]),
  null: vectorFromArray([null, null, null, null], new Null()),
  mult_dup: utf8(['1', '1', '2', '2']),
});

describe(TYPE, () => {
  it('passes when values are unique, nulls left out', async () => {
    const r = await runOne(gx, TYPE, { column: 'unique' }, COMPLETE_PK);
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ unexpected_list: [], unexpected_index_list: [], missing_count: 1 });
  });

  it('flags every occurrence of a repeated value', async () => {
    const r = await runOne(gx, TYPE, { column: 'a' }, COMPLETE_PK);
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({
      element_count: 4,
      missing_count: 1,
      unexpected_count: 3,
      unexpected_percent: 100,
      unexpected_list: ['2', '2', '2'],
      unexpected_index_list: [
        { pk_index: 0, a: '2' },
        { pk_index: 1, a: '2' },
        { pk_index: 2, a: '2' },
      ],
    });
  });

  it('lists several repeated values in row order, with row numbers', async () => {
    const r = await runOne(gx, TYPE, { column: 'mult_dup' }, 'COMPLETE');
    expect(r.result).toMatchObject({
      unexpected_list: ['1', '1', '2', '2'],
      unexpected_index_list: [0, 1, 2, 3],
      partial_unexpected_counts: [
        { value: '1', count: 2 },
        { value: '2', count: 2 },
      ],
    });
  });

  it('applies mostly to the non-missing values', async () => {
    const at = async (mostly: number) =>
      (await runOne(gx, TYPE, { column: 'c', mostly }, COMPLETE_PK)).success;
    expect(await at(0.3)).toBe(true);
    expect(await at(0.4)).toBe(false);
    const r = await runOne(gx, TYPE, { column: 'c', mostly: 0.3 }, COMPLETE_PK);
    expect(r.result).toMatchObject({
      unexpected_list: [1, 1],
      unexpected_index_list: [
        { pk_index: 0, c: 1 },
        { pk_index: 1, c: 1 },
      ],
    });
  });

  it('does not count repeated nulls, nor a column of nulls', async () => {
    expect((await runOne(gx, TYPE, { column: 'n' })).success).toBe(true);
    const r = await runOne(gx, TYPE, { column: 'null' }, 'COMPLETE');
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ missing_count: 4, unexpected_count: 0, unexpected_percent: null });
  });

  it('treats NaN as missing, and -0 as 0', async () => {
    const t = new Table({ f: floats([Number.NaN, 1.5, Number.NaN, null, -0, 0]) });
    const r = await runOne(t, TYPE, { column: 'f' }, 'COMPLETE');
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({
      missing_count: 3,
      unexpected_index_list: [4, 5],
      unexpected_list: [0, 0],
    });
  });

  it.each(STRING_ENCODINGS)('works on %s strings', async (_name, enc) => {
    const t = new Table({ s: enc(['x', 'y', null, 'x', '', '']) });
    const r = await runOne(t, TYPE, { column: 's' }, 'COMPLETE');
    expect(r.result).toMatchObject({ unexpected_count: 4, missing_count: 1 });
    expect(r.result.unexpected_index_list).toEqual([0, 3, 4, 5]);
    expect(r.result.unexpected_list).toEqual(['x', 'x', '', '']);
  });

  it('reports timestamps and dates as ISO strings', async () => {
    const t = new Table({
      ts: timestamps(new TimestampMillisecond(), [
        1_700_000_000_000n,
        1_700_000_000_001n,
        1_700_000_000_000n,
      ]),
      d: vectorFromArray(
        [new Date(Date.UTC(2024, 0, 2)), new Date(Date.UTC(2024, 0, 2)), null],
        new DateDay(),
      ),
    });
    const ts = await runOne(t, TYPE, { column: 'ts' }, 'COMPLETE');
    expect(ts.result.unexpected_list).toEqual(['2023-11-14T22:13:20', '2023-11-14T22:13:20']);
    const d = await runOne(t, TYPE, { column: 'd' }, 'COMPLETE');
    expect(d.result.unexpected_list).toEqual(['2024-01-02', '2024-01-02']);
  });

  it('keeps SUMMARY lists to partial_unexpected_count and says so at COMPLETE past the cap', async () => {
    const t = new Table({ a: ints([7, 7, 7, 8, 8]) });
    const r = await runOne(
      t,
      TYPE,
      { column: 'a' },
      { result_format: 'SUMMARY', partial_unexpected_count: 2 },
    );
    expect(r.result).toMatchObject({ unexpected_count: 5, partial_unexpected_list: [7, 7] });
    expect(r.result.partial_unexpected_index_list).toEqual([0, 1]);
    expect(r.result.unexpected_list).toBeUndefined();
  });

  it('passes on an empty table', async () => {
    const r = await runOne(new Table({ a: ints([]) }), TYPE, { column: 'a' }, 'COMPLETE');
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ element_count: 0, unexpected_count: 0, unexpected_list: [] });
  });

  it('rejects bad kwargs as a result with exception_info', async () => {
    const t = new Table({ a: ints([1]) });
    for (const kwargs of [{ column: 'a', mostly: 1.1 }, { column: 'a', ignore_row_if: 'never' }, {}]) {
      const r = await runOne(t, TYPE, kwargs);
      expect(r.success).toBe(false);
      expect(r.exception_info.raised_exception).toBe(true);
    }
    const missing = await runOne(t, TYPE, { column: 'b' });
    expect(missing.exception_info.exception_message).toMatch(/"b" does not exist/);
  });

  it('reads as a sentence', () => {
    expect(sentenceOf(def, { column: 'id' })).toBe('values in `id` are unique');
    expect(sentenceOf(def, { column: 'id', mostly: 0.95 })).toBe(
      'values in `id` are unique, at least 95% of the time',
    );
  });

  it('does not depend on the batch size', async () => {
    const arb = fc
      .array(fc.option(fc.integer({ min: 0, max: 8 }), { nil: null }), { maxLength: 40 })
      .map((xs) => tableWithPk({ a: ints(xs) }));
    await assertBatchIndependent(arb, TYPE, () => ({ column: 'a', mostly: 0.5 }));
  });
});
