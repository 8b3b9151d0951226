import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { type Moments, moments, QUANTITIES } from '../metrics/moments.js';
import { columnAggregateKeys, minLeMax, minLeMaxIssue, numericRangeKeys } from '../suite/kwargs.js';
import { inRange, rangePhrase } from './support/range.js';

/** The sample standard deviation of the non-missing values lies between min_value and max_value. */
export const expectColumnStdevToBeBetween = defineExpectation({
  type: 'expect_column_stdev_to_be_between',
  description:
    'The sample standard deviation (n - 1) of the non-missing values is between min_value and max_value; fewer than two values fail.',
  domain: 'column',
  accepts: QUANTITIES,
  kwargs: z.strictObject({ ...columnAggregateKeys, ...numericRangeKeys }).refine(minLeMax, minLeMaxIssue),
  sentence: (k) => `the standard deviation of \`${k.column}\` is ${rangePhrase(k)}`,
  examples: [{ kwargs: { column: 'fare_amount', min_value: 1, max_value: 50 } }],
  aggregate: {
    metrics: (k) => ({ m: moments(k.column) }),
    evaluate: ({ m }, k) => {
      const stdev = (m as Moments).stdev;
      return { success: inRange(stdev, k), result: { observed_value: stdev } };
    },
  },
});
