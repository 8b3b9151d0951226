import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import type { DistinctValues } from '../metrics/distinct.js';
import { pearsonChiSquare } from '../stats/chisquare.js';
import { columnName, runtimeKeys } from '../suite/kwargs.js';
import { distinctMetric } from './support/distinct.js';
import {
  alignCategories,
  CATEGORICAL,
  type CategoricalPartition,
  holdout,
  partitionObject,
  partitionPhrase,
} from './support/partition.js';

const kwargs = z.strictObject({
  column: columnName,
  partition_object: partitionObject.refine((p) => p.kind === 'categorical', {
    message:
      'expected a categorical partition_object ({values, weights}); the chi-square test compares counts of values',
  }),
  p: z.number().min(0, 'p must be between 0 and 1').max(1, 'p must be between 0 and 1').default(0.05),
  tail_weight_holdout: holdout('tail_weight_holdout'),
  ...runtimeKeys,
});

const share = (xs: readonly number[], total: number) => xs.map((x) => x / total);

/** The column's value counts fit the partition's weights by Pearson's chi-square test. */
export const expectColumnChisquareTestPValueToBeGreaterThan = defineExpectation({
  type: 'expect_column_chisquare_test_p_value_to_be_greater_than',
  description:
    "Pearson's chi-square goodness-of-fit test of the column's value counts against a categorical partition_object {values, weights} has a p-value greater than p. The statistic is X² = Σ (O − E)² / E over the values, with E the weight times the non-missing count, referred to the chi-square distribution with (values that can occur − 1) degrees of freedom (docs/statistics.md). Values the partition does not list share tail_weight_holdout; without it any such value makes the p-value 0. observed_value is the p-value (null for an empty column).",
  domain: 'column',
  accepts: CATEGORICAL,
  kwargs,
  sentence: (k) =>
    `a chi-square test of the values of \`${k.column}\` against ${partitionPhrase(k.partition_object)} has a p-value above ${k.p}`,
  examples: [
    {
      kwargs: {
        column: 'payment_type',
        partition_object: { values: ['card', 'cash', 'other'], weights: [0.7, 0.25, 0.05] },
        p: 0.05,
      },
    },
  ],
  aggregate: {
    metrics: (k, ctx) => ({ counts: distinctMetric(k.column, ctx) }),
    evaluate: ({ counts }, k) => {
      const d = counts as DistinctValues;
      const n = d.nonMissing;
      const aligned = alignCategories(
        k.partition_object as CategoricalPartition,
        d.valueCounts(),
        k.tail_weight_holdout,
      );
      // expected counts add up to the observed total, whatever rounding the weights carry
      const weightSum = aligned.expected.reduce((a, b) => a + b, 0);
      const expected = share(aligned.expected, weightSum);
      const test = pearsonChiSquare(
        aligned.observed,
        expected.map((w) => w * n),
      );
      const finite = (x: number) => (Number.isFinite(x) ? x : null);
      return {
        success: test.pValue > k.p,
        result: {
          observed_value: finite(test.pValue),
          details: {
            observed_partition: { values: aligned.values, weights: share(aligned.observed, n) },
            expected_partition: { values: aligned.values, weights: expected },
            statistic: finite(test.statistic),
            degrees_of_freedom: test.degreesOfFreedom,
          },
        },
      };
    },
  },
});
