import { defineExpectation } from '../engine/expectation.js';
import { QUANTITIES } from '../metrics/moments.js';
import { median, sortedValues } from '../metrics/quantiles.js';
import { statInRange, statRangeKwargs, statSentence } from './support/range.js';

/** The median of the non-missing values lies between min_value and max_value. */
export const expectColumnMedianToBeBetween = defineExpectation({
  type: 'expect_column_median_to_be_between',
  description:
    'The median of the non-missing values (the mean of the two middle values for an even count) is between min_value and max_value.',
  domain: 'column',
  accepts: QUANTITIES,
  kwargs: statRangeKwargs,
  sentence: statSentence('median'),
  examples: [{ kwargs: { column: 'fare', min_value: 5, max_value: 20 } }],
  aggregate: statInRange(sortedValues, median),
});
