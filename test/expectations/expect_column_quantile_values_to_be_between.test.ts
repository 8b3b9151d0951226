import { Float64, Int64, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runSuite } from '../../src/engine/run.js';
import { expectColumnQuantileValuesToBeBetween } from '../../src/expectations/expect_column_quantile_values_to_be_between.js';
import { registry } from '../../src/expectations/index.js';
import { tableSource } from '../../src/io/memory.js';
import { quantile } from '../../src/metrics/quantiles.js';
import type { ExpectationResult } from '../../src/result/types.js';
import { rebatch, runOne } from '../helpers.js';
import { arbFloatTable, assertSplitEqual, sentenceOf } from './aggregate.js';

const TYPE = 'expect_column_quantile_values_to_be_between';
const f64 = (xs: (number | null)[]) => vectorFromArray(xs, new Float64());
// the example data of GX's docstring
const gx = new Table({
  test: vectorFromArray([1n, 2n, 2n, 3n, 3n, 3n, 4n], new Int64()),
  test2: f64([1, 7, 2.5, 3, 2, 5, 6]),
});
const ranges = {
  quantiles: [0, 0.333, 0.667, 1],
  value_ranges: [
    [0, 1],
    [2, 3],
    [3, 4],
    [4, 5],
  ],
};

/** Runs with run options (the exact-quantile limit). */
async function runWith(table: Table, kwargs: Record<string, unknown>, exactQuantileLimit: number) {
  const r = await runSuite(
    { name: 't', expectations: [{ type: TYPE, kwargs, meta: {} }], meta: {} },
    tableSource(table),
    registry,
    { exactQuantileLimit },
  );
  return r.results[0] as ExpectationResult;
}

describe(TYPE, () => {
  it("takes pandas' 'nearest' quantiles by default and checks each range (GX's examples)", async () => {
    expect((await runOne(gx, TYPE, { column: 'test', quantile_ranges: ranges })).result).toEqual({
      observed_value: { quantiles: [0, 0.333, 0.667, 1], values: [1, 2, 3, 4] },
      details: { success_details: [true, true, true, true], method: 'exact' },
    });
    expect(await runOne(gx, TYPE, { column: 'test2', quantile_ranges: ranges })).toMatchObject({
      success: false,
      result: {
        observed_value: { values: [1, 2.5, 5, 7] },
        details: { success_details: [true, true, false, false] },
      },
    });
  });

  it('uses the interpolation allow_relative_error names', async () => {
    const kw = (allow_relative_error: unknown) => ({
      column: 'test2',
      quantile_ranges: {
        quantiles: [0.25, 0.5],
        value_ranges: [
          [null, null],
          [null, null],
        ],
      },
      allow_relative_error,
    });
    // sorted test2: 1, 2, 2.5, 3, 5, 6, 7; position (n - 1) q = 1.5 (numpy rounds 'nearest' half to even) and 3
    const values = async (a: unknown) =>
      ((await runOne(gx, TYPE, kw(a))).result.observed_value as { values: number[] }).values;
    expect(await values('linear')).toEqual([2.25, 3]);
    expect(await values('lower')).toEqual([2, 3]);
    expect(await values('higher')).toEqual([2.5, 3]);
    expect(await values('midpoint')).toEqual([2.25, 3]);
    expect(await values('nearest')).toEqual([2.5, 3]);
    expect(await values(false)).toEqual([2.5, 3]);
    expect(await values(0)).toEqual([2.5, 3]);
  });

  it('takes null bounds as open, inclusive bounds, and a relative 1e-4 around a bound as in range', async () => {
    const t = new Table({ x: f64([1, 2, 3]) });
    const ok = async (value_ranges: unknown[]) =>
      (await runOne(t, TYPE, { column: 'x', quantile_ranges: { quantiles: [0.5], value_ranges } })).success;
    expect(await ok([[null, null]])).toBe(true);
    expect(await ok([[2, 2]])).toBe(true);
    expect(await ok([[null, 1.9999]])).toBe(true);
    expect(await ok([[2.0001, null]])).toBe(true);
    expect(await ok([[null, 1.999]])).toBe(false);
    expect(await ok([[2.001, 5]])).toBe(false);
    expect(await ok([[-Infinity, Infinity]])).toBe(true);
  });

  it('leaves nulls and NaN out, and fails every quantile of an empty column', async () => {
    const t = new Table({
      x: f64([null, 10, Number.NaN, 0, 5]),
      e: f64([null, Number.NaN, null, null, null]),
    });
    const q = {
      quantiles: [0, 0.5, 1],
      value_ranges: [
        [0, 0],
        [5, 5],
        [10, 10],
      ],
    };
    expect((await runOne(t, TYPE, { column: 'x', quantile_ranges: q })).success).toBe(true);
    expect((await runOne(t, TYPE, { column: 'e', quantile_ranges: q })).result).toEqual({
      observed_value: { quantiles: [0, 0.5, 1], values: [null, null, null] },
      details: { success_details: [false, false, false], method: 'exact' },
    });
    const empty = new Table({ x: f64([]) });
    const open = { quantiles: [0.5], value_ranges: [[null, null]] };
    expect((await runOne(empty, TYPE, { column: 'x', quantile_ranges: open })).success).toBe(false);
    const none = { quantiles: [], value_ranges: [] };
    expect((await runOne(empty, TYPE, { column: 'x', quantile_ranges: none })).success).toBe(true);
  });

  it('refuses disordered pairs, unequal lengths and quantiles outside [0, 1] (GX raises)', async () => {
    const bad = [
      { quantiles: [0.5], value_ranges: [[2, 1]] },
      { quantiles: [0.5, 0.6], value_ranges: [[1, 2]] },
      { quantiles: [1.5], value_ranges: [[1, 2]] },
      { quantiles: [0.5], value_ranges: [[1]] },
    ];
    for (const quantile_ranges of bad) {
      const r = await runOne(gx, TYPE, { column: 'test', quantile_ranges });
      expect(r.exception_info.raised_exception, JSON.stringify(quantile_ranges)).toBe(true);
    }
    const r = await runOne(gx, TYPE, { column: 'test', quantile_ranges: bad[0] });
    expect(r.exception_info.exception_message).toMatch(/ordered pairs/);
    const ok = await runOne(gx, TYPE, {
      column: 'test',
      quantile_ranges: { quantiles: [0.5], value_ranges: [[3, null]] },
    });
    expect(ok.exception_info.raised_exception).toBe(false);
  });

  it('answers from the sketch when asked to approximate, reporting its rank-error bound', async () => {
    const t = new Table({ x: f64([5, 1, 4, 2, 3]) });
    const q = {
      quantiles: [0, 0.5, 1],
      value_ranges: [
        [1, 1],
        [3, 3],
        [5, 5],
      ],
    };
    for (const allow_relative_error of [true, 0.01]) {
      expect(
        (await runOne(t, TYPE, { column: 'x', quantile_ranges: q, allow_relative_error })).result,
      ).toEqual({
        observed_value: { quantiles: [0, 0.5, 1], values: [1, 3, 5] },
        details: { success_details: [true, true, true], method: 'kll', rank_error_bound: 0, count: 5 },
      });
    }
  });

  it('switches to the sketch above the run limit, within the bound it reports, for any batching', async () => {
    // above the default sketch's capacity (54002 for a 0.1% rank error), so it compacts
    const n = 200_000;
    const xs = Array.from({ length: n }, (_, i) => (i * 7919) % n);
    const t = new Table({ x: f64(xs) });
    const quantiles = [0.01, 0.25, 0.5, 0.75, 0.99];
    const kw = {
      column: 'x',
      quantile_ranges: { quantiles, value_ranges: quantiles.map(() => [null, null]) },
    };
    const sorted = Float64Array.from(xs).sort();
    for (const size of [n, 9999, 640]) {
      const r = await runWith(rebatch(t, size), kw, 1000);
      const details = r.result.details as { method: string; rank_error_bound: number; count: number };
      expect(details.method).toBe('kll');
      expect(details.count).toBe(n);
      expect(details.rank_error_bound).toBeGreaterThan(0);
      expect(details.rank_error_bound).toBeLessThanOrEqual(0.001);
      const values = (r.result.observed_value as { values: number[] }).values;
      // the values are the positions here, so the value error is the rank error
      values.forEach((v, i) => {
        const exact = quantile(sorted, quantiles[i] as number, 'nearest') as number;
        expect(Math.abs(v - exact)).toBeLessThanOrEqual(details.rank_error_bound * n);
      });
    }
    const exact = await runWith(t, kw, n);
    expect((exact.result.details as { method: string }).method).toBe('exact');
  });

  it('reads as a sentence', () => {
    expect(
      sentenceOf(expectColumnQuantileValuesToBeBetween, {
        column: 'fare',
        quantile_ranges: {
          quantiles: [0.25, 0.5, 1],
          value_ranges: [
            [5, 8],
            [null, 12],
            [null, null],
          ],
        },
      }),
    ).toBe(
      'in `fare`, the 0.25 quantile is between 5 and 8, the median is at most 12, the maximum is any value',
    );
    expect(
      sentenceOf(expectColumnQuantileValuesToBeBetween, {
        column: 'x',
        quantile_ranges: { quantiles: [0], value_ranges: [[0, null]] },
        allow_relative_error: 0.001,
      }),
    ).toBe('in `x`, the minimum is at least 0 (approximately: within 0.1% of the rows in rank)');
  });

  it('does not depend on how the rows are batched', async () => {
    const kw = {
      column: 'x',
      quantile_ranges: {
        quantiles: [0, 0.3, 0.5, 0.9, 1],
        value_ranges: [
          [-20, 0],
          [-5, 5],
          [-3, 3],
          [0, 20],
          [0, null],
        ],
      },
    };
    await assertSplitEqual(arbFloatTable, TYPE, kw);
    await assertSplitEqual(arbFloatTable, TYPE, { ...kw, allow_relative_error: 'linear' });
    // the sketch is exact below its capacity, so its answers do not depend on batching either
    await assertSplitEqual(arbFloatTable, TYPE, { ...kw, allow_relative_error: true });
  });

  it('agrees with the exact answer within the bound on random data when sketching', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 4000 }),
        fc.integer({ min: 1, max: 700 }),
        async (xs, size) => {
          const t = new Table({ x: f64(xs) });
          const kw = {
            column: 'x',
            quantile_ranges: {
              quantiles: [0.1, 0.5, 0.9],
              value_ranges: [
                [null, null],
                [null, null],
                [null, null],
              ],
            },
            allow_relative_error: 0.2,
          };
          const r = await runOne(rebatch(t, size), TYPE, kw);
          const { rank_error_bound: eps } = r.result.details as { rank_error_bound: number };
          expect(eps).toBeLessThanOrEqual(0.2);
          const sorted = Float64Array.from(xs).sort();
          const err = eps * xs.length;
          (r.result.observed_value as { values: number[] }).values.forEach((v, i) => {
            const target = Math.round((xs.length - 1) * ([0.1, 0.5, 0.9][i] as number));
            expect(sorted.lastIndexOf(v)).toBeGreaterThanOrEqual(target - err - 1);
            expect(sorted.indexOf(v)).toBeLessThanOrEqual(target + err + 1);
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});
