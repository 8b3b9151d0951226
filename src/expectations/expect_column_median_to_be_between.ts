import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { QUANTITIES } from '../metrics/moments.js';
import { median, sortedValues } from '../metrics/quantiles.js';
import { columnAggregateKeys, minLeMax, minLeMaxIssue, numericRangeKeys } from '../suite/kwargs.js';
import { inRange, rangePhrase } from './support/range.js';

/** The median of the non-missing values lies between min_value and max_value. */
export const expectColumnMedianToBeBetween = defineExpectation({
  type: 'expect_column_median_to_be_between',
  description:
    'The median of the non-missing values (the mean of the two middle values for an even count) is between min_value and max_value.',
  domain: 'column',
  accepts: QUANTITIES,
  kwargs: z.strictObject({ ...columnAggregateKeys, ...numericRangeKeys }).refine(minLeMax, minLeMaxIssue),
  sentence: (k) => `the median of \`${k.column}\` is ${rangePhrase(k)}`,
  examples: [{ kwargs: { column: 'fare', min_value: 5, max_value: 20 } }],
  aggregate: {
    metrics: (k) => ({ v: sortedValues(k.column) }),
    evaluate: ({ v }, k) => {
      const m = median(v as Float64Array);
      return { success: inRange(m, k), result: { observed_value: m } };
    },
  },
});
