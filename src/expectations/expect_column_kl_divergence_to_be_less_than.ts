import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import type { AnyMetric } from '../engine/metric.js';
import type { DistinctValues } from '../metrics/distinct.js';
import { type Histogram, histogram, histogramOf } from '../metrics/histogram.js';
import { QUANTITIES } from '../metrics/moments.js';
import { quantile, sortedValues } from '../metrics/quantiles.js';
import { klDivergence } from '../stats/entropy.js';
import { columnName, runtimeKeys } from '../suite/kwargs.js';
import { distinctMetric } from './support/distinct.js';
import {
  alignCategories,
  CATEGORICAL,
  type ContinuousPartition,
  holdout,
  infiniteEnds,
  observedCategories,
  optionalPartitionObject,
  type Partition,
  partitionPhrase,
} from './support/partition.js';

/** Compared as categories: a categorical partition, or the column's own value counts. */
const isCategorical = (k: { partition_object: Partition | null; bucketize_data: boolean }) =>
  k.partition_object ? k.partition_object.kind === 'categorical' : !k.bucketize_data;

const kwargs = z
  .strictObject({
    column: columnName,
    partition_object: optionalPartitionObject,
    threshold: z.number().min(0, 'threshold must be >= 0').nullable().default(null),
    internal_weight_holdout: holdout('internal_weight_holdout'),
    tail_weight_holdout: holdout('tail_weight_holdout'),
    bucketize_data: z.boolean().default(true),
    ...runtimeKeys,
  })
  .superRefine((k, ctx) => {
    const issue = (message: string, path: string) => ctx.addIssue({ code: 'custom', message, path: [path] });
    const p = k.partition_object;
    if (isCategorical(k) && k.internal_weight_holdout > 0)
      issue('internal_weight_holdout cannot be used with categorical data', 'internal_weight_holdout');
    if (p?.kind === 'continuous' && !k.bucketize_data)
      issue('a continuous partition_object needs bucketize_data', 'bucketize_data');
    // a partition built from the data has (zero) tail weights of its own
    const tails = p ? p.kind === 'continuous' && p.tail_weights !== undefined : k.bucketize_data;
    if (tails && k.tail_weight_holdout !== 0)
      issue('tail_weight_holdout must be 0 when the partition has tail_weights', 'tail_weight_holdout');
    if (p?.kind !== 'continuous') return;
    const { low, high } = infiniteEnds(p);
    if ((low || high) && p.tail_weights)
      issue('a partition with an infinite endpoint cannot have tail_weights', 'partition_object');
    if (low && high && k.tail_weight_holdout > 0)
      issue('tail_weight_holdout cannot be used when both endpoints are infinite', 'tail_weight_holdout');
  });

type Kwargs = z.output<typeof kwargs>;

/** Most bins an automatic partition has. */
export const MAX_AUTO_BINS = 10_000;

/**
 * numpy's 'auto' bin edges as GX's column.partition metric draws them: the larger of Sturges' and the
 * Freedman–Diaconis bin counts between the minimum and the maximum (quantiles by 'nearest', as GX asks
 * pandas); Sturges' count alone, rounded up, when the interquartile range is 0; at most MAX_AUTO_BINS.
 */
export function autoBins(sorted: Float64Array): number[] {
  const n = sorted.length;
  if (n === 0) throw new Error('the column has no values to build a partition from');
  const at = (q: number) => quantile(sorted, q, 'nearest') as number;
  const [lo, hi] = [at(0), at(1)];
  if (!(hi > lo)) throw new Error('the column has a single value: no partition can be built from it');
  if (!Number.isFinite(hi - lo))
    throw new Error('the column spans an infinite range: no partition can be built');
  const sturges = Math.ceil(Math.log2(n + 1));
  const iqr = at(0.75) - at(0.25);
  const fd = (2 * iqr) / n ** (1 / 3);
  // a tiny IQR against a wide range asks numpy for millions of bins: GX would run out of memory there
  const bins = Math.min(MAX_AUTO_BINS, iqr < 1e-10 ? sturges : Math.max(sturges, Math.ceil((hi - lo) / fd)));
  const step = (hi - lo) / bins;
  return Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : i * step + lo));
}

/** The partition of a column's own histogram over the 'auto' bins, with the (zero) tails GX gives it. */
function ownPartition(sorted: Float64Array): { p: ContinuousPartition; hist: Histogram } {
  const bins = autoBins(sorted);
  const hist = histogramOf(sorted, bins);
  const weights = Array.from(hist.counts, (c) => c / hist.n);
  // rounding can leave the sum a hair above 1: a negative tail would make the divergence infinite
  const tail = Math.max(0, (1 - weights.reduce((a, b) => a + b, 0)) / 2);
  return { p: { kind: 'continuous', bins, weights, tail_weights: [tail, tail] }, hist };
}

/** The divergence and GX's result for it. */
function outcome(kl: number, k: Kwargs, details: Record<string, unknown>) {
  return {
    success: k.threshold === null || kl <= k.threshold,
    result: { observed_value: Number.isFinite(kl) ? kl : null, details },
  };
}

/**
 * GX's continuous case: expected weights shrunk by both holdouts, the internal holdout shared by the
 * empty bins, the tails taken from infinite end bins, from tail_weights or from the tail holdout, and
 * the observed shares below and above the partition set against them.
 */
function continuousOutcome(p: ContinuousPartition, hist: Histogram, k: Kwargs) {
  const { n } = hist;
  const twh = k.tail_weight_holdout;
  const iwh = k.internal_weight_holdout;
  let observed = Array.from(hist.counts, (c) => c / n);
  const below = hist.below / n;
  const above = hist.above / n;
  let expected = p.weights.map((w) => w * (1 - twh - iwh));
  const zeros = expected.filter((w) => w === 0).length;
  if (iwh > 0 && zeros > 0) expected = expected.map((w) => (w === 0 ? iwh / zeros : w));
  const { low, high } = infiniteEnds(p);
  const first = (xs: number[]) => xs[0] as number;
  const last = (xs: number[]) => xs.at(-1) as number;
  let bins: readonly number[];
  let combObserved: number[];
  let combExpected: number[];
  let observedTails: number[];
  let expectedTails: number[];
  if (low && high) {
    bins = p.bins.slice(1, -1);
    [combObserved, combExpected] = [observed, expected];
    observedTails = [first(observed), last(observed)];
    expectedTails = [first(expected), last(expected)];
    observed = observed.slice(1, -1);
    expected = expected.slice(1, -1);
  } else if (low) {
    bins = p.bins.slice(1);
    combObserved = [...observed, above];
    combExpected = [...expected, twh];
    observedTails = [first(observed), above];
    expectedTails = [first(expected), twh];
    observed = observed.slice(1);
    expected = expected.slice(1);
  } else if (high) {
    bins = p.bins.slice(0, -1);
    combObserved = [below, ...observed];
    combExpected = [twh, ...expected];
    observedTails = [below, last(observed)];
    expectedTails = [twh, last(expected)];
    observed = observed.slice(0, -1);
    expected = expected.slice(0, -1);
  } else {
    bins = p.bins;
    expectedTails = p.tail_weights ? [...p.tail_weights] : [twh / 2, twh / 2];
    combObserved = [below, ...observed, above];
    combExpected = [expectedTails[0] as number, ...expected, expectedTails[1] as number];
    observedTails = [below, above];
  }
  return outcome(klDivergence(combObserved, combExpected), k, {
    observed_partition: { bins, weights: observed, tail_weights: observedTails },
    expected_partition: { bins, weights: expected, tail_weights: expectedTails },
  });
}

/** The KL divergence of the column from a partition is at most the threshold. */
export const expectColumnKlDivergenceToBeLessThan = defineExpectation({
  type: 'expect_column_kl_divergence_to_be_less_than',
  description:
    "The Kullback–Leibler divergence (relative entropy, in nats) of the column's distribution from the partition_object is at most threshold (no threshold: always met, the divergence is reported). A categorical partition {values, weights} compares value shares; a continuous one {bins, weights, tail_weights?} compares the shares of its bins; tail_weight_holdout and internal_weight_holdout give unlisted values, tails and empty bins some weight, else data there makes the divergence infinite (observed_value null). Without a partition_object the column is binned by itself ('auto' bins) or, with bucketize_data false, compared by its own value counts.",
  domain: 'column',
  accepts: (k) => (isCategorical(k) ? CATEGORICAL : QUANTITIES),
  kwargs,
  sentence: (k) => {
    const to = partitionPhrase(k.partition_object);
    const bound = k.threshold === null ? 'is reported' : `is at most ${k.threshold}`;
    return `the KL divergence of \`${k.column}\` from ${to} ${bound}`;
  },
  examples: [
    {
      kwargs: {
        column: 'payment_type',
        partition_object: { values: ['card', 'cash', 'other'], weights: [0.7, 0.25, 0.05] },
        threshold: 0.1,
        tail_weight_holdout: 0.01,
      },
    },
    {
      kwargs: {
        column: 'trip_distance',
        partition_object: { bins: [0, 1, 2, 5, 10, 50], weights: [0.2, 0.3, 0.3, 0.15, 0.05] },
        threshold: 0.2,
        tail_weight_holdout: 0.01,
      },
      note: 'A continuous partition: each weight is the share of values in [bins[i], bins[i+1]) (the last bin closed).',
    },
  ],
  aggregate: {
    metrics: (k, ctx): Record<string, AnyMetric> => {
      const p = k.partition_object;
      if (p?.kind === 'continuous') return { hist: histogram(k.column, p.bins) };
      if (isCategorical(k)) return { counts: distinctMetric(k.column, ctx) };
      return { sorted: sortedValues(k.column) };
    },
    evaluate: ({ hist, counts, sorted }, k) => {
      const p = k.partition_object;
      if (hist) return continuousOutcome(p as ContinuousPartition, hist as Histogram, k);
      if (sorted) {
        const own = ownPartition(sorted as Float64Array);
        return continuousOutcome(own.p, own.hist, k);
      }
      const d = counts as DistinctValues;
      const valueCounts = d.valueCounts();
      if (!p && d.nonMissing === 0) throw new Error('the column has no values to build a partition from');
      const partition = p?.kind === 'categorical' ? p : observedCategories(valueCounts, d.nonMissing);
      const aligned = alignCategories(partition, valueCounts, k.tail_weight_holdout);
      const observed = aligned.observed.map((c) => c / d.nonMissing);
      return outcome(klDivergence(observed, aligned.expected), k, {
        observed_partition: { values: aligned.values, weights: observed },
        expected_partition: { values: aligned.values, weights: aligned.expected },
      });
    },
  },
});
