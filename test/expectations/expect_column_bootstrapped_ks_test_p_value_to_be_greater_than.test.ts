import { Float64, Table, vectorFromArray } from 'apache-arrow';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectColumnBootstrappedKsTestPValueToBeGreaterThan } from '../../src/expectations/expect_column_bootstrapped_ks_test_p_value_to_be_greater_than.js';
import { runOne } from '../helpers.js';
import { assertSplitEqual, sentenceOf } from './aggregate.js';
import { allGxCases, failures } from './gx-fixtures.js';

const TYPE = 'expect_column_bootstrapped_ks_test_p_value_to_be_greater_than';
const f64 = (xs: (number | null)[]) => vectorFromArray(xs, new Float64());
/** 200 values spread evenly over [0, 10), with nulls and NaN between them. */
const even = new Table({
  x: f64(
    Array.from({ length: 240 }, (_, i) =>
      i % 6 === 5 ? (i % 12 === 5 ? null : Number.NaN) : (i * 10) / 240,
    ),
  ),
});
const flat = { bins: [0, 2.5, 5, 7.5, 10], weights: [0.25, 0.25, 0.25, 0.25] };

describe(TYPE, () => {
  it("passes GX's fixtures (which GX 1.x no longer runs)", async () => {
    expect(failures(await allGxCases(TYPE))).toEqual([]);
  });

  it("passes data that follow the partition's CDF and fails data that do not", async () => {
    const ok = await runOne(even, TYPE, { column: 'x', partition_object: flat });
    expect(ok.success).toBe(true);
    expect(ok.result.observed_value as number).toBeGreaterThan(0.9);
    const skewed = { bins: [0, 2.5, 5, 7.5, 10], weights: [0.7, 0.1, 0.1, 0.1] };
    const bad = await runOne(even, TYPE, {
      column: 'x',
      partition_object: skewed,
      bootstrap_sample_size: 50,
    });
    expect(bad.success).toBe(false);
    expect(bad.result.observed_value as number).toBeLessThan(0.05);
  });

  it('counts (1 + passing resamples) / (resamples + 1), so it is never 0 and at most 1', async () => {
    const r = await runOne(even, TYPE, { column: 'x', partition_object: flat, bootstrap_samples: 9 });
    const v = r.result.observed_value as number;
    expect(v * 10).toBeCloseTo(Math.round(v * 10), 12);
    expect(v).toBeGreaterThanOrEqual(0.1);
    expect(v).toBeLessThanOrEqual(1);
    const far = { bins: [100, 101], weights: [1] };
    const none = await runOne(even, TYPE, { column: 'x', partition_object: far, bootstrap_samples: 9 });
    expect(none.result.observed_value).toBe(0.1);
  });

  it('reports the partition, the observed shares widened to the data, and both CDFs as GX does', async () => {
    const t = new Table({ x: f64([-1, 0.5, 1.5, 1.5, 2, 3, null]) });
    const r = await runOne(t, TYPE, {
      column: 'x',
      partition_object: { bins: [0, 1, 2], weights: [0.5, 0.5] },
    });
    expect(r.result.details).toEqual({
      bootstrap_samples: 1000,
      bootstrap_sample_size: 4,
      observed_partition: { bins: [-1, 0, 1, 2, 3], weights: [1 / 6, 1 / 6, 3 / 6, 1 / 6] },
      expected_partition: { bins: [0, 1, 2], weights: [0.5, 0.5] },
      observed_cdf: {
        x: [-1, 0, 1, 2, 3],
        cdf_values: [0, 1 / 6, 1 / 6 + 1 / 6, 1 / 6 + 1 / 6 + 3 / 6, 1 / 6 + 1 / 6 + 3 / 6 + 1 / 6],
      },
      expected_cdf: { x: [0, 1, 2], cdf_values: [0, 0.5, 1] },
    });
  });

  it('gives the same answer on every run (seeded resampling)', async () => {
    const k = { column: 'x', partition_object: flat, bootstrap_sample_size: 30 };
    expect(await runOne(even, TYPE, k)).toEqual(await runOne(even, TYPE, k));
  });

  it('fails an empty column with observed_value null', async () => {
    const t = new Table({ x: f64([null, Number.NaN]) });
    expect(await runOne(t, TYPE, { column: 'x', partition_object: flat })).toMatchObject({
      success: false,
      result: { observed_value: null },
    });
  });

  it('needs a continuous partition with finite endpoints and no tail weights', async () => {
    const reason = async (partition_object: unknown) => {
      const r = await runOne(even, TYPE, { column: 'x', partition_object });
      expect(r.exception_info.raised_exception).toBe(true);
      return r.exception_info.exception_message;
    };
    expect(await reason({ bins: [-Infinity, 0, 1], weights: [0.5, 0.5] })).toMatch(/finite/);
    expect(await reason({ bins: [1, 2, 3], weights: [0.25, 0.25], tail_weights: [0.25, 0.25] })).toMatch(
      /tail weights/,
    );
    expect(await reason({ values: ['A'], weights: [1] })).toMatch(/continuous/);
    // zero tail weights are no tail weights
    const r = await runOne(even, TYPE, { column: 'x', partition_object: { ...flat, tail_weights: [0, 0] } });
    expect(r.exception_info.raised_exception).toBe(false);
  });

  it('reads as a sentence', () => {
    expect(
      sentenceOf(expectColumnBootstrappedKsTestPValueToBeGreaterThan, {
        column: 'x',
        partition_object: flat,
      }),
    ).toBe(
      'in 1000 bootstrapped Kolmogorov–Smirnov tests of 8 values of `x` against the expected partition of 4 bins, more than a share 0.05 have a p-value of at least 0.05',
    );
  });

  it('does not depend on how the rows are batched', async () => {
    const arbTable = fc
      .array(
        fc.option(fc.oneof(fc.double({ min: -1, max: 11, noNaN: true }), fc.constant(Number.NaN)), {
          nil: null,
        }),
        {
          maxLength: 30,
        },
      )
      .map((xs) => new Table({ x: f64(xs) }));
    await assertSplitEqual(arbTable, TYPE, { column: 'x', partition_object: flat, bootstrap_samples: 20 });
  });
});
