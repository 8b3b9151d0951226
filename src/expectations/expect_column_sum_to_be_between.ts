import { defineExpectation } from '../engine/expectation.js';
import { moments, QUANTITIES } from '../metrics/moments.js';
import { hasABound, hasABoundIssue } from '../suite/kwargs.js';
import { statInRange, statRangeKwargs, statSentence } from './support/range.js';

/** The sum of the non-missing values lies between min_value and max_value. */
export const expectColumnSumToBeBetween = defineExpectation({
  type: 'expect_column_sum_to_be_between',
  description:
    'The sum of the non-missing values is between min_value and max_value (exact for integers; 0 for an empty column).',
  domain: 'column',
  accepts: QUANTITIES,
  kwargs: statRangeKwargs.refine(hasABound, hasABoundIssue),
  sentence: statSentence('sum'),
  examples: [{ kwargs: { column: 'passenger_count', min_value: 1 } }],
  aggregate: statInRange(moments, (m) => m.sum),
});
