import { z } from 'zod';
import { ORDERED } from '../arrow/types.js';
import { defineExpectation } from '../engine/expectation.js';
import { keyBounds, type MinMax, minMax } from '../metrics/min-max.js';
import {
  columnAggregateKeys,
  hasABound,
  hasABoundIssue,
  minLeMax,
  minLeMaxIssue,
  rangeKeys,
} from '../suite/kwargs.js';
import { inRange, rangePhrase } from './support/range.js';
import { columnType } from './support/schema.js';

/** The largest non-missing value lies between min_value and max_value. */
export const expectColumnMaxToBeBetween = defineExpectation({
  type: 'expect_column_max_to_be_between',
  description:
    'The largest non-missing value is between min_value and max_value (ISO strings bound dates and timestamps).',
  domain: 'column',
  // a null-typed column has no values: its extreme is missing, a failure rather than an error
  accepts: [...ORDERED, 'null'],
  kwargs: z
    .strictObject({ ...columnAggregateKeys, ...rangeKeys })
    .refine(minLeMax, minLeMaxIssue)
    .refine(hasABound, hasABoundIssue),
  sentence: (k) => `the maximum of \`${k.column}\` is ${rangePhrase(k)}`,
  examples: [
    { kwargs: { column: 'fare_amount', max_value: 500 } },
    {
      kwargs: { column: 'pickup_datetime', min_value: '2024-01-31', max_value: '2024-02-01' },
      note: 'dates and timestamps compare with ISO strings',
    },
  ],
  aggregate: {
    metrics: (k) => ({ m: minMax(k.column) }),
    evaluate: ({ m }, k, ctx) => {
      const { maxKey, max } = m as MinMax;
      return {
        success: inRange(maxKey, keyBounds(columnType(ctx, k.column), k.column, k)),
        result: { observed_value: max },
      };
    },
  },
});
