import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { DISTINCT_FAMILIES, type DistinctValues } from '../metrics/distinct.js';
import { columnAggregateKeys, minLeMax, minLeMaxIssue, numericRangeKeys } from '../suite/kwargs.js';
import { distinctMetric } from './support/distinct.js';
import { inRange, rangePhrase } from './support/range.js';

/** Distinct non-missing values per non-missing value lie between min_value and max_value. */
export const expectColumnProportionOfUniqueValuesToBeBetween = defineExpectation({
  type: 'expect_column_proportion_of_unique_values_to_be_between',
  description:
    'The number of distinct non-missing values divided by the number of non-missing values (0 when there are none) is between min_value and max_value.',
  domain: 'column',
  accepts: DISTINCT_FAMILIES,
  kwargs: z.strictObject({ ...columnAggregateKeys, ...numericRangeKeys }).refine(minLeMax, minLeMaxIssue),
  sentence: (k) => `the proportion of distinct values in \`${k.column}\` is ${rangePhrase(k)}`,
  examples: [{ kwargs: { column: 'trip_id', min_value: 1 }, note: 'every value distinct' }],
  aggregate: {
    metrics: (k, ctx) => ({ d: distinctMetric(k.column, ctx) }),
    evaluate: ({ d }, k) => {
      const { distinct, nonMissing } = d as DistinctValues;
      // GX reports 0, not NaN, when every value is missing
      const proportion = nonMissing ? distinct / nonMissing : 0;
      return { success: inRange(proportion, k), result: { observed_value: proportion } };
    },
  },
});
