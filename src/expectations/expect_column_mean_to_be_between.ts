import { defineExpectation } from '../engine/expectation.js';
import { moments, QUANTITIES } from '../metrics/moments.js';
import { statInRange, statRangeKwargs, statSentence } from './support/range.js';

/** The mean of the non-missing values lies between min_value and max_value. */
export const expectColumnMeanToBeBetween = defineExpectation({
  type: 'expect_column_mean_to_be_between',
  description:
    'The mean of the non-missing values is between min_value and max_value (no bounds: any mean of a non-empty column).',
  domain: 'column',
  accepts: QUANTITIES,
  kwargs: statRangeKwargs,
  sentence: statSentence('mean'),
  examples: [{ kwargs: { column: 'trip_distance', min_value: 1, max_value: 5 } }],
  aggregate: statInRange(moments, (m) => m.mean),
});
