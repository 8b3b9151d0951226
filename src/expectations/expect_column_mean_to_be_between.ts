import { z } from 'zod';
import { NUMERIC } from '../arrow/types.js';
import { defineExpectation } from '../engine/expectation.js';
import { type Moments, moments } from '../metrics/moments.js';
import {
  columnAggregateKeys,
  hasABound,
  hasABoundIssue,
  minLeMax,
  minLeMaxIssue,
  numericBound,
} from '../suite/kwargs.js';
import { inRange, rangePhrase } from './support/range.js';

/** The mean of the non-missing values lies between min_value and max_value. */
export const expectColumnMeanToBeBetween = defineExpectation({
  type: 'expect_column_mean_to_be_between',
  description: 'The mean of the non-missing values is between min_value and max_value.',
  domain: 'column',
  accepts: NUMERIC,
  kwargs: z
    .strictObject({
      ...columnAggregateKeys,
      min_value: numericBound,
      max_value: numericBound,
      strict_min: z.boolean().default(false),
      strict_max: z.boolean().default(false),
    })
    .refine(minLeMax, minLeMaxIssue)
    .refine(hasABound, hasABoundIssue),
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
