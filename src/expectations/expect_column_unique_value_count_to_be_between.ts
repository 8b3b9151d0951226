import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { DISTINCT_FAMILIES, type DistinctValues } from '../metrics/distinct.js';
import { columnAggregateKeys, minLeMax, minLeMaxIssue, numericRangeKeys } from '../suite/kwargs.js';
import { distinctMetric } from './support/distinct.js';
import { inRange, rangePhrase } from './support/range.js';

/** The number of distinct non-missing values lies between min_value and max_value. */
export const expectColumnUniqueValueCountToBeBetween = defineExpectation({
  type: 'expect_column_unique_value_count_to_be_between',
  description: 'The number of distinct non-missing values is between min_value and max_value.',
  domain: 'column',
  accepts: DISTINCT_FAMILIES,
  kwargs: z.strictObject({ ...columnAggregateKeys, ...numericRangeKeys }).refine(minLeMax, minLeMaxIssue),
  sentence: (k) => `\`${k.column}\` has ${rangePhrase(k)} distinct values`,
  examples: [{ kwargs: { column: 'payment_type', min_value: 1, max_value: 6 } }],
  aggregate: {
    metrics: (k, ctx) => ({ d: distinctMetric(k.column, ctx) }),
    evaluate: ({ d }, k) => {
      const count = (d as DistinctValues).distinct;
      return { success: inRange(count, k), result: { observed_value: count } };
    },
  },
});
