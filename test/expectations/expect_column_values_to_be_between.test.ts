import { Float64, Null, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runOne } from '../helpers.js';
import { assertBatchIndependent, COMPLETE_PK, table, tableWithPk, utf8 } from './map-helpers.js';
import { int64s } from './vectors.js';

// Cases from GX's expect_column_values_to_be_between(.json|_tz_naive.json) fixtures.
const TYPE = 'expect_column_values_to_be_between';
const X = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe(TYPE, () => {
  it('reports values outside the range with pk_index records, strict bounds included', async () => {
    const t = tableWithPk({ x: int64s(X) });
    const run = (k: Record<string, unknown>) => runOne(t, TYPE, { column: 'x', ...k }, COMPLETE_PK);
    const neg = await run({ min_value: 3, max_value: 10 });
    expect(neg.success).toBe(false);
    expect(neg.result.unexpected_list).toEqual([1, 2]);
    expect(neg.result.unexpected_index_list).toEqual([
      { pk_index: 0, x: 1 },
      { pk_index: 1, x: 2 },
    ]);
    expect(
      (await run({ min_value: 1, max_value: 10, strict_min: true })).result.unexpected_index_list,
    ).toEqual([{ pk_index: 0, x: 1 }]);
    expect((await run({ min_value: 0, max_value: 10, strict_max: true })).result.unexpected_list).toEqual([
      10,
    ]);
    expect((await run({ max_value: 9, min_value: 1, mostly: 0.9 })).success).toBe(true);
    expect((await run({ max_value: 20, min_value: null })).success).toBe(true);
    expect(
      await runOne(t, TYPE, { column: 'x', min_value: 1, max_value: 9, result_format: 'BOOLEAN_ONLY' }),
    ).toMatchObject({ success: false, result: {} });
  });

  it('leaves nulls out of the mostly denominator', async () => {
    const t = tableWithPk({ z: int64s([1, 2, 3, 4, 5, null, null, null, null, null]) });
    const r = await runOne(t, TYPE, { column: 'z', min_value: 1, max_value: 4, mostly: 0.8 }, COMPLETE_PK);
    expect(r.success).toBe(true);
    expect(r.result.unexpected_index_list).toEqual([{ pk_index: 4, z: 5 }]);
    expect((await runOne(t, TYPE, { column: 'z', min_value: 1, max_value: 4, mostly: 0.9 })).success).toBe(
      false,
    );
  });

  it('raises for bad kwargs and for numbers against a string column', async () => {
    const t = new Table({ x: int64s(X), numeric: utf8(X.map(String)) });
    const raised = async (k: Record<string, unknown>) =>
      (await runOne(t, TYPE, k)).exception_info.raised_exception;
    expect(await raised({ column: 'x', min_value: 10, max_value: 0 })).toBe(true);
    expect(await raised({ column: 'x', min_value: null, max_value: null })).toBe(true);
    expect(await raised({ column: 'numeric', min_value: 0, max_value: 10 })).toBe(true);
  });

  it('treats an all-null column of the null type as vacuously in range', async () => {
    const r = await runOne(new Table({ n: vectorFromArray([null, null], new Null()) }), TYPE, {
      column: 'n',
      min_value: 0,
    });
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ element_count: 2, missing_count: 2, unexpected_count: 0 });
  });

  it('succeeds on an empty table', async () => {
    const r = await runOne(table({ f: new Float64Array(0) }), TYPE, { column: 'f', max_value: 1 });
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ element_count: 0, unexpected_count: 0 });
  });

  it('does not depend on batch size', async () => {
    await assertBatchIndependent(
      fc
        .array(fc.option(fc.double({ min: -5, max: 5, noNaN: false }), { nil: null }), { maxLength: 30 })
        .map((v) => tableWithPk({ f: vectorFromArray(v, new Float64()) })),
      TYPE,
      () => ({ column: 'f', min_value: -1, max_value: 2, strict_max: true, mostly: 0.5 }),
    );
  });
});
