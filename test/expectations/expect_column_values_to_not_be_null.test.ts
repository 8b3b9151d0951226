import { Table } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { runOne } from '../helpers.js';
import { arbStrings, assertBatchIndependent, COMPLETE_PK, dict, tableWithPk, utf8 } from './map-helpers.js';
import { floats, int64s } from './vectors.js';

// Cases from GX's expect_column_values_to_not_be_null.json fixture.
const TYPE = 'expect_column_values_to_not_be_null';

describe(TYPE, () => {
  it('succeeds without nulls, with GX BASIC shape (no missing_count)', async () => {
    const r = await runOne(
      new Table({ no_null: utf8(['a', 'b', 'c', 'd']) }),
      TYPE,
      { column: 'no_null' },
      'BASIC',
    );
    expect(r).toMatchObject({ success: true });
    expect(r.result).toEqual({
      element_count: 4,
      unexpected_count: 0,
      unexpected_percent: 0,
      partial_unexpected_list: [],
    });
  });

  it('reports nulls (and NaN) with pk_index records; mostly counts all rows', async () => {
    const t = tableWithPk({
      one_null: int64s([4, 5, null, 7]),
      f: floats([1, Number.NaN, null, 2]),
    });
    const r = await runOne(t, TYPE, { column: 'one_null' }, COMPLETE_PK);
    expect(r.success).toBe(false);
    expect(r.result.unexpected_list).toEqual([null]);
    expect(r.result.unexpected_index_list).toEqual([{ pk_index: 2, one_null: null }]);
    expect((await runOne(t, TYPE, { column: 'one_null', mostly: 0.7 })).success).toBe(true);
    expect((await runOne(t, TYPE, { column: 'one_null', mostly: 0.8 })).success).toBe(false);
    const f = await runOne(t, TYPE, { column: 'f' }, COMPLETE_PK);
    expect(f.result.unexpected_index_list).toEqual([
      { pk_index: 1, f: null },
      { pk_index: 2, f: null },
    ]);
  });

  it('does not depend on batch size', async () => {
    await assertBatchIndependent(
      arbStrings.map((v) => tableWithPk({ s: dict(v) })),
      TYPE,
      () => ({ column: 's', mostly: 0.6 }),
    );
  });
});
