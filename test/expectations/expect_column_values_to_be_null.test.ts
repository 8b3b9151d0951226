import { Table } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnValuesToBeNull } from '../../src/expectations/expect_column_values_to_be_null.js';
import { runOne } from '../helpers.js';
import {
  arbStrings,
  assertBatchIndependent,
  COMPLETE_PK,
  STRING_ENCODINGS,
  table,
  tableWithPk,
  utf8,
} from './map-helpers.js';
import { floats, int64s } from './vectors.js';

const TYPE = 'expect_column_values_to_be_null';

describe(TYPE, () => {
  it('succeeds on an all-null column, with no missing_count (nulls are the domain)', async () => {
    const t = table({ all_null: floats([null, null, null, null]) });
    const r = await runOne(t, TYPE, { column: 'all_null' }, 'BASIC');
    expect(r.success).toBe(true);
    expect(r.result).toEqual({
      element_count: 4,
      unexpected_count: 0,
      unexpected_percent: 0,
      partial_unexpected_list: [],
    });
  });

  it('reports present values as unexpected, with pk_index records', async () => {
    const t = tableWithPk({ one_null: int64s([4, 5, null, 7]) });
    const r = await runOne(t, TYPE, { column: 'one_null' }, COMPLETE_PK);
    expect(r.success).toBe(false);
    expect(r.result.unexpected_list).toEqual([4, 5, 7]);
    expect(r.result.unexpected_index_list).toEqual([
      { pk_index: 0, one_null: 4 },
      { pk_index: 1, one_null: 5 },
      { pk_index: 3, one_null: 7 },
    ]);
    expect(r.result.unexpected_percent).toBe(75);
    expect(r.result).not.toHaveProperty('missing_count');
  });

  it('counts mostly over all rows', async () => {
    const t = table({ three_null: int64s([null, null, null, 5]) });
    expect((await runOne(t, TYPE, { column: 'three_null', mostly: 0.75 })).success).toBe(true);
    expect((await runOne(t, TYPE, { column: 'three_null', mostly: 0.8 })).success).toBe(false);
  });

  it('treats NaN in a float column as null', async () => {
    const t = table({ f: Float64Array.from([Number.NaN, Number.NaN, 1.5]) });
    const r = await runOne(t, TYPE, { column: 'f' }, 'COMPLETE');
    expect(r.result.unexpected_list).toEqual([1.5]);
    expect(r.result.unexpected_index_list).toEqual([2]);
  });

  it('succeeds on an empty table with zero counts', async () => {
    const t = table({ f: new Float64Array(0) });
    const r = await runOne(t, TYPE, { column: 'f' });
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ element_count: 0, unexpected_count: 0, unexpected_percent: null });
  });

  for (const [name, make] of STRING_ENCODINGS) {
    it(`finds present strings in a ${name} column`, async () => {
      const t = new Table({ s: make([null, 'a', null, 'b', 'a']) });
      const r = await runOne(t, TYPE, { column: 's', mostly: 0.5 }, 'SUMMARY');
      expect(r.success).toBe(false);
      expect(r.result.partial_unexpected_list).toEqual(['a', 'b', 'a']);
      expect(r.result.partial_unexpected_index_list).toEqual([1, 3, 4]);
      expect(r.result.partial_unexpected_counts).toEqual([
        { value: 'a', count: 2 },
        { value: 'b', count: 1 },
      ]);
    });
  }

  it('does not depend on batch size', async () => {
    await assertBatchIndependent(
      arbStrings.map((v) => tableWithPk({ s: utf8(v) })),
      TYPE,
      () => ({ column: 's', mostly: 0.5 }),
    );
  });

  it('rejects unknown kwargs and reads as a sentence', async () => {
    const t = table({ f: Float64Array.from([1]) });
    const r = await runOne(t, TYPE, { column: 'f', value_set: [] });
    expect(r.exception_info.raised_exception).toBe(true);
    const k = expectColumnValuesToBeNull.kwargs.parse({ column: 'reason', mostly: 0.95 });
    expect(expectColumnValuesToBeNull.sentence(k)).toBe(
      'values in `reason` are null, at least 95% of the time',
    );
  });

  it('property: unexpected_count is the number of present values', async () => {
    await fc.assert(
      fc.asyncProperty(arbStrings, async (v) => {
        const r = await runOne(new Table({ s: utf8(v) }), TYPE, { column: 's' });
        expect(r.result.unexpected_count).toBe(v.filter((x) => x !== null).length);
        expect(r.success).toBe(v.every((x) => x === null));
      }),
      { numRuns: 40 },
    );
  });
});
