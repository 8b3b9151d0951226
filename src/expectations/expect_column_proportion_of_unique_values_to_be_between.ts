import { defineExpectation } from '../engine/expectation.js';
import { DISTINCT_FAMILIES } from '../metrics/distinct.js';
import { distinctMetric } from './support/distinct.js';
import { rangePhrase, statInRange, statRangeKwargs } from './support/range.js';

/** Distinct non-missing values per non-missing value lie between min_value and max_value. */
export const expectColumnProportionOfUniqueValuesToBeBetween = defineExpectation({
  type: 'expect_column_proportion_of_unique_values_to_be_between',
  description:
    'The number of distinct non-missing values divided by the number of non-missing values (0 when there are none) is between min_value and max_value.',
  domain: 'column',
  accepts: DISTINCT_FAMILIES,
  kwargs: statRangeKwargs,
  sentence: (k) => `the proportion of distinct values in \`${k.column}\` is ${rangePhrase(k)}`,
  examples: [{ kwargs: { column: 'trip_id', min_value: 1 }, note: 'every value distinct' }],
  // GX reports 0, not NaN, when every value is missing
  aggregate: statInRange(distinctMetric, (d) => (d.nonMissing ? d.distinct / d.nonMissing : 0)),
});
