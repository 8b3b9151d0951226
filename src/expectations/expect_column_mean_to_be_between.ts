import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { type Moments, moments, QUANTITIES } from '../metrics/moments.js';
import { columnAggregateKeys, minLeMax, minLeMaxIssue, numericRangeKeys } from '../suite/kwargs.js';
import { inRange, rangePhrase } from './support/range.js';

/** The mean of the non-missing values lies between min_value and max_value. */
export const expectColumnMeanToBeBetween = defineExpectation({
  type: 'expect_column_mean_to_be_between',
  description:
    'The mean of the non-missing values is between min_value and max_value (no bounds: any mean of a non-empty column).',
  domain: 'column',
  accepts: QUANTITIES,
  kwargs: z.strictObject({ ...columnAggregateKeys, ...numericRangeKeys }).refine(minLeMax, minLeMaxIssue),
  sentence: (k) => `the mean of \`${k.column}\` is ${rangePhrase(k)}`,
  examples: [{ kwargs: { column: 'trip_distance', min_value: 1, max_value: 5 } }],
  aggregate: {
    metrics: (k) => ({ m: moments(k.column) }),
    evaluate: ({ m }, k) => {
      const mean = (m as Moments).mean;
      return { success: inRange(mean, k), result: { observed_value: mean } };
    },
  },
});
