import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { type Moments, moments, QUANTITIES } from '../metrics/moments.js';
import {
  columnAggregateKeys,
  hasABound,
  hasABoundIssue,
  minLeMax,
  minLeMaxIssue,
  numericRangeKeys,
} from '../suite/kwargs.js';
import { inRange, rangePhrase } from './support/range.js';

/** The sum of the non-missing values lies between min_value and max_value. */
export const expectColumnSumToBeBetween = defineExpectation({
  type: 'expect_column_sum_to_be_between',
  description:
    'The sum of the non-missing values is between min_value and max_value (exact for integers; 0 for an empty column).',
  domain: 'column',
  accepts: QUANTITIES,
  kwargs: z
    .strictObject({ ...columnAggregateKeys, ...numericRangeKeys })
    .refine(minLeMax, minLeMaxIssue)
    .refine(hasABound, hasABoundIssue),
  sentence: (k) => `the sum of \`${k.column}\` is ${rangePhrase(k)}`,
  examples: [{ kwargs: { column: 'passenger_count', min_value: 1 } }],
  aggregate: {
    metrics: (k) => ({ m: moments(k.column) }),
    evaluate: ({ m }, k) => {
      const sum = (m as Moments).sum;
      return { success: inRange(sum, k), result: { observed_value: sum } };
    },
  },
});
