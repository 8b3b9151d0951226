import { Float64, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnValuesToBeDecreasing as def } from '../../src/expectations/expect_column_values_to_be_decreasing.js';
import { rebatch, runOne } from '../helpers.js';
import { assertBatchIndependent, COMPLETE_PK, tableWithPk } from './map-helpers.js';
import { floats, ints } from './vectors.js';

const TYPE = 'expect_column_values_to_be_decreasing';

// GX's fixture dataset expect_column_values_to_be_decreasing_1
const gx = tableWithPk({
  w: ints([1, 2, 3, 7, 6, 5, 4, 3, 2, 1]),
  x: floats([null, null, 10, 9, 8, 7, null, 6, 5, 4]),
  y: ints([1, 1, 1, 2, 2, 2, 3, 3, 3, 4]),
});

describe(TYPE, () => {
  it('flags each value above the previous one, and mostly counts them', async () => {
    const r = await runOne(gx, TYPE, { column: 'w', mostly: 0.6 }, COMPLETE_PK);
    expect(r.success).toBe(true);
    expect(r.result.unexpected_list).toEqual([2, 3, 7]);
    expect(r.result.unexpected_index_list).toEqual([
      { pk_index: 1, w: 2 },
      { pk_index: 2, w: 3 },
      { pk_index: 3, w: 7 },
    ]);
    expect((await runOne(gx, TYPE, { column: 'w', mostly: 0.71 })).success).toBe(false);
  });

  it('equal neighbours pass unless strictly', async () => {
    const loose = await runOne(gx, TYPE, { column: 'y' }, COMPLETE_PK);
    expect(loose.result.unexpected_list).toEqual([2, 3, 4]);
    const strict = await runOne(gx, TYPE, { column: 'y', strictly: true }, COMPLETE_PK);
    expect(strict.result.unexpected_list).toEqual([1, 1, 2, 2, 2, 3, 3, 3, 4]);
    expect((strict.result.unexpected_index_list as { pk_index: number }[]).map((r) => r.pk_index)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9,
    ]);
  });

  it('skips the nulls between values', async () => {
    const r = await runOne(gx, TYPE, { column: 'x' }, COMPLETE_PK);
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ missing_count: 3, unexpected_count: 0 });
  });

  it('an empty column is vacuously decreasing', async () => {
    const r = await runOne(new Table({ e: floats([]) }), TYPE, { column: 'e', catch_exceptions: false });
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ element_count: 0, unexpected_count: 0 });
  });

  it('compares the first value of a batch with the last of the one before', async () => {
    const t = rebatch(new Table({ v: floats([9, 8, 7, 8, 6, 5]) }), 3);
    const r = await runOne(t, TYPE, { column: 'v' }, 'COMPLETE');
    expect(r.result).toMatchObject({ unexpected_list: [8], unexpected_index_list: [3] });
  });

  it('does not depend on batch size', async () => {
    await assertBatchIndependent(
      fc
        .array(fc.option(fc.constantFrom(0, 1, 2, Number.NaN, Number.NEGATIVE_INFINITY), { nil: null }), {
          maxLength: 30,
        })
        .map((v) => tableWithPk({ v: vectorFromArray(v, new Float64()) })),
      TYPE,
      () => ({ column: 'v', strictly: true, mostly: 0.5 }),
    );
  });

  it('reads as a sentence', () => {
    expect(def.sentence(def.kwargs.parse({ column: 'stock', strictly: true }))).toBe(
      'values in `stock` are strictly decreasing (each less than the previous value)',
    );
  });
});
