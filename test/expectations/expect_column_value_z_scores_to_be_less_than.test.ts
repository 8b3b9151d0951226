import { Float64, Int64, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnValueZScoresToBeLessThan as def } from '../../src/expectations/expect_column_value_z_scores_to_be_less_than.js';
import { runOne } from '../helpers.js';
import { assertBatchIndependent, COMPLETE_PK, tableWithPk, utf8 } from './map-helpers.js';
import { floats } from './vectors.js';

const TYPE = 'expect_column_value_z_scores_to_be_less_than';

// GX's fixture dataset expect_column_value_z_scores_to_be_less_than_1
const gx = tableWithPk({
  dist1: vectorFromArray([1n, 1n, 1n, 3n, 3n], new Int64()),
  dist2: vectorFromArray([-100000000000n, -1n, 0n, 1n, 1n], new Int64()),
  mostly_zero: vectorFromArray([1n, 0n, 0n, 0n, 0n], new Int64()),
  missing: floats([-1, 0, 1, null, null]),
});

describe(TYPE, () => {
  it('passes when every |z| is under the threshold (sample stdev)', async () => {
    // mean 1.8, sample sd 1.0954: z = -0.73 and 1.095
    const r = await runOne(gx, TYPE, { column: 'dist1', threshold: 1.96, double_sided: true }, COMPLETE_PK);
    expect(r.success).toBe(true);
    // with the population sd (0.98) 3 would have z 1.22 and fail at 1.1
    const tight = await runOne(
      gx,
      TYPE,
      { column: 'dist1', threshold: 1.1, double_sided: true },
      COMPLETE_PK,
    );
    expect(tight.success).toBe(true);
  });

  it('flags the values at or above the threshold', async () => {
    const r = await runOne(gx, TYPE, { column: 'dist1', threshold: 0.1, double_sided: true }, COMPLETE_PK);
    expect(r.success).toBe(false);
    expect(r.result.unexpected_count).toBe(5);
    const outlier = await runOne(
      gx,
      TYPE,
      { column: 'dist2', threshold: 1, double_sided: true },
      COMPLETE_PK,
    );
    expect(outlier.result.unexpected_index_list).toEqual([{ pk_index: 0, dist2: -100000000000 }]);
    const zero = await runOne(
      gx,
      TYPE,
      { column: 'mostly_zero', threshold: 1, double_sided: true },
      COMPLETE_PK,
    );
    expect(zero.result.unexpected_list).toEqual([1]);
    expect(
      (await runOne(gx, TYPE, { column: 'mostly_zero', threshold: 1, double_sided: true, mostly: 0.8 }))
        .success,
    ).toBe(true);
  });

  it('one-sided: only high values fail, and the threshold keeps its sign', async () => {
    const low = await runOne(gx, TYPE, { column: 'dist2', threshold: 1, double_sided: false }, COMPLETE_PK);
    expect(low.success).toBe(true);
    const neg = await runOne(gx, TYPE, { column: 'dist1', threshold: -1, double_sided: false }, 'COMPLETE');
    expect(neg.result.unexpected_index_list).toEqual([0, 1, 2, 3, 4]);
    const abs = await runOne(gx, TYPE, { column: 'dist1', threshold: -1, double_sided: true }, 'COMPLETE');
    expect(abs.result.unexpected_index_list).toEqual([3, 4]);
  });

  it('leaves nulls and NaN out of the statistics and the denominator', async () => {
    // values -1, 0, 1: sd 1, so |z| of -1 and 1 is exactly 1, not under 1
    const r = await runOne(gx, TYPE, { column: 'missing', threshold: 1, double_sided: true }, COMPLETE_PK);
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({ missing_count: 2, unexpected_count: 2, unexpected_list: [-1, 1] });
    const nan = new Table({ v: floats([-1, Number.NaN, 0, 1]) });
    const n = await runOne(nan, TYPE, { column: 'v', threshold: 1.01, double_sided: true });
    expect(n.success).toBe(true);
    expect(n.result).toMatchObject({ missing_count: 1 });
  });

  it('passes vacuously on an empty or all-null column; fails a single value (no stdev)', async () => {
    for (const v of [[], [null, null]]) {
      const r = await runOne(new Table({ v: floats(v) }), TYPE, {
        column: 'v',
        threshold: 3,
        double_sided: true,
      });
      expect(r.success).toBe(true);
    }
    const one = await runOne(new Table({ v: floats([5]) }), TYPE, {
      column: 'v',
      threshold: 3,
      double_sided: true,
    });
    expect(one.success).toBe(false);
  });

  it('requires threshold and double_sided, and numbers', async () => {
    expect((await runOne(gx, TYPE, { column: 'dist1', threshold: 1 })).exception_info.raised_exception).toBe(
      true,
    );
    expect(
      (await runOne(gx, TYPE, { column: 'dist1', double_sided: true })).exception_info.raised_exception,
    ).toBe(true);
    const s = await runOne(new Table({ s: utf8(['a']) }), TYPE, {
      column: 's',
      threshold: 1,
      double_sided: true,
    });
    expect(s.exception_info.exception_message).toMatch(/accepts integer, float, decimal/);
  });

  it('under a row_condition, the statistics and the rows are those kept', async () => {
    const t = new Table({ v: floats([-1, 1000, 0, -1000, 1]), keep: floats([1, 0, 1, 0, 1]) });
    const kw = {
      column: 'v',
      threshold: 1,
      double_sided: true,
      row_condition: 'keep == 1',
      condition_parser: 'pandas',
    };
    const r = await runOne(t, TYPE, kw, 'COMPLETE');
    expect(r.result).toMatchObject({
      element_count: 3,
      unexpected_list: [-1, 1],
      unexpected_index_list: [0, 4],
    });
  });

  it('does not depend on batch size', async () => {
    await assertBatchIndependent(
      fc
        .array(fc.option(fc.integer({ min: -20, max: 20 }), { nil: null }), { maxLength: 30 })
        .map((v) => tableWithPk({ v: vectorFromArray(v, new Float64()) })),
      TYPE,
      () => ({ column: 'v', threshold: 1.5, double_sided: true, mostly: 0.5 }),
    );
  });

  it('reads as a sentence', () => {
    expect(
      def.sentence(def.kwargs.parse({ column: 'd', threshold: 3, double_sided: true, mostly: 0.99 })),
    ).toBe('values in `d` have z-scores between -3 and 3 (exclusive), at least 99% of the time');
    expect(def.sentence(def.kwargs.parse({ column: 'd', threshold: 4, double_sided: false }))).toBe(
      'values in `d` have z-scores less than 4',
    );
  });
});
