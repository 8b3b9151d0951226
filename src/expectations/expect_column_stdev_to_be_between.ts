import { defineExpectation } from '../engine/expectation.js';
import { moments, QUANTITIES } from '../metrics/moments.js';
import { statInRange, statRangeKwargs, statSentence } from './support/range.js';

/** The sample standard deviation of the non-missing values lies between min_value and max_value. */
export const expectColumnStdevToBeBetween = defineExpectation({
  type: 'expect_column_stdev_to_be_between',
  description:
    'The sample standard deviation (n - 1) of the non-missing values is between min_value and max_value; fewer than two values fail.',
  domain: 'column',
  accepts: QUANTITIES,
  kwargs: statRangeKwargs,
  sentence: statSentence('standard deviation'),
  examples: [{ kwargs: { column: 'fare_amount', min_value: 1, max_value: 50 } }],
  aggregate: statInRange(moments, (m) => m.stdev),
});
