import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { binOf, histogramOf } from '../metrics/histogram.js';
import { QUANTITIES } from '../metrics/moments.js';
import { sortedValues } from '../metrics/quantiles.js';
import { kolmogorovPasses, ksStatistic } from '../stats/kolmogorov.js';
import { SeededRandom } from '../stats/random.js';
import { columnName, runtimeKeys } from '../suite/kwargs.js';
import {
  type ContinuousPartition,
  infiniteEnds,
  partitionObject,
  partitionPhrase,
} from './support/partition.js';

/** The generator's seed: resampling is the same on every run, so results are reproducible. */
export const BOOTSTRAP_SEED = 20_240_601;

const count = z.number().int().min(1);

const kwargs = z.strictObject({
  column: columnName,
  partition_object: partitionObject.superRefine((p, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (p.kind !== 'continuous') return issue('expected a continuous partition_object ({bins, weights})');
    const { low, high } = infiniteEnds(p);
    if (low || high) issue('partition endpoints must be finite');
    if (p.tail_weights && p.tail_weights[0] + p.tail_weights[1] > 0)
      issue('the partition cannot have tail weights: its endpoints must be finite');
  }),
  p: z.number().min(0, 'p must be between 0 and 1').max(1, 'p must be between 0 and 1').default(0.05),
  bootstrap_samples: count.nullable().default(null),
  bootstrap_sample_size: count.nullable().default(null),
  ...runtimeKeys,
});

type Kwargs = z.output<typeof kwargs>;

/** GX's defaults: 1000 samples of twice as many values as the partition has bins. */
function plan(k: Kwargs): { p: ContinuousPartition; samples: number; size: number } {
  const p = k.partition_object as ContinuousPartition;
  return { p, samples: k.bootstrap_samples ?? 1000, size: k.bootstrap_sample_size ?? 2 * p.weights.length };
}

/** The running sums [0, w₀, w₀ + w₁, …], the partition's CDF at its edges. */
function cumulative(weights: readonly number[]): number[] {
  const out = [0];
  let total = 0;
  for (const w of weights) {
    total += w;
    out.push(total);
  }
  return out;
}

/** numpy.interp(x, edges, cdf): linear between edges, flat outside them. */
function interpolated(edges: readonly number[], cdf: readonly number[]): (x: number) => number {
  const last = edges.length - 1;
  return (x) => {
    if (x <= (edges[0] as number)) return cdf[0] as number;
    if (x >= (edges[last] as number)) return cdf[last] as number;
    const j = binOf(edges, x);
    const x0 = edges[j] as number;
    const slope = ((cdf[j + 1] as number) - (cdf[j] as number)) / ((edges[j + 1] as number) - x0);
    return slope * (x - x0) + (cdf[j] as number);
  };
}

/**
 * GX's report of the column against the partition: the shares of its bins, widened to the column's
 * minimum and maximum when values fall outside it, and both CDFs at their edges.
 */
function partitionDetails(sorted: Float64Array, p: ContinuousPartition) {
  const n = sorted.length;
  const hist = histogramOf(sorted, p.bins);
  const bins: number[] = [...p.bins];
  const counts: number[] = Array.from(hist.counts);
  if (hist.below > 0) {
    bins.unshift(sorted[0] as number);
    counts.unshift(hist.below);
  }
  if (hist.above > 0) {
    bins.push(sorted[n - 1] as number);
    counts.push(hist.above);
  }
  const weights = counts.map((c) => c / n);
  return {
    observed_partition: { bins, weights },
    observed_cdf: { x: bins, cdf_values: cumulative(weights) },
  };
}

/** Bootstrapped Kolmogorov–Smirnov tests of the column against a continuous partition mostly pass. */
export const expectColumnBootstrappedKsTestPValueToBeGreaterThan = defineExpectation({
  type: 'expect_column_bootstrapped_ks_test_p_value_to_be_greater_than',
  description:
    "Bootstrapped Kolmogorov–Smirnov tests of the column against a continuous partition_object {bins, weights} (finite endpoints) mostly pass, as GX 0.x defined it: bootstrap_samples resamples (default 1000) of bootstrap_sample_size values (default twice the bins) drawn with replacement from the non-missing values are each tested against the partition's piecewise-linear CDF; observed_value is (1 + the resamples whose p-value is at least p) / (bootstrap_samples + 1), and the expectation succeeds when it is greater than p. Resampling uses a seeded generator, so a result never changes from run to run (docs/statistics.md).",
  domain: 'column',
  accepts: QUANTITIES,
  kwargs,
  sentence: (k) => {
    const { samples, size } = plan(k);
    return `in ${samples} bootstrapped Kolmogorov–Smirnov tests of ${size} values of \`${k.column}\` against ${partitionPhrase(k.partition_object)}, more than a share ${k.p} have a p-value of at least ${k.p}`;
  },
  examples: [
    {
      kwargs: {
        column: 'trip_distance',
        partition_object: { bins: [0, 1, 2, 5, 10, 50], weights: [0.2, 0.3, 0.3, 0.15, 0.05] },
        p: 0.05,
      },
    },
  ],
  aggregate: {
    metrics: (k) => ({ sorted: sortedValues(k.column) }),
    evaluate: ({ sorted }, k) => {
      const values = sorted as Float64Array;
      const { p, samples, size } = plan(k);
      const expectedCdf = cumulative(p.weights);
      const expected = { bins: p.bins, weights: p.weights };
      const n = values.length;
      if (n === 0) {
        const details = {
          bootstrap_samples: samples,
          bootstrap_sample_size: size,
          expected_partition: expected,
        };
        return { success: false, result: { observed_value: null, details } };
      }
      const cdf = interpolated(p.bins, expectedCdf);
      const rng = new SeededRandom(BOOTSTRAP_SEED);
      const sample = new Float64Array(size);
      // a resample passes when its p-value is at least p: when its statistic is at most a critical value
      const passes = kolmogorovPasses(size, k.p);
      let passed = 0;
      for (let b = 0; b < samples; b++) {
        for (let i = 0; i < size; i++) sample[i] = values[rng.below(n)] as number;
        sample.sort();
        if (passes(ksStatistic(sample, cdf))) passed++;
      }
      const observed = (1 + passed) / (samples + 1);
      const seen = partitionDetails(values, p);
      return {
        success: observed > k.p,
        result: {
          observed_value: observed,
          details: {
            bootstrap_samples: samples,
            bootstrap_sample_size: size,
            observed_partition: seen.observed_partition,
            expected_partition: expected,
            observed_cdf: seen.observed_cdf,
            expected_cdf: { x: p.bins, cdf_values: expectedCdf },
          },
        },
      };
    },
  },
});
