import { defineExpectation } from '../engine/expectation.js';
import { DISTINCT_FAMILIES } from '../metrics/distinct.js';
import { distinctMetric } from './support/distinct.js';
import { rangePhrase, statInRange, statRangeKwargs } from './support/range.js';

/** The number of distinct non-missing values lies between min_value and max_value. */
export const expectColumnUniqueValueCountToBeBetween = defineExpectation({
  type: 'expect_column_unique_value_count_to_be_between',
  description: 'The number of distinct non-missing values is between min_value and max_value.',
  domain: 'column',
  accepts: DISTINCT_FAMILIES,
  kwargs: statRangeKwargs,
  sentence: (k) => `\`${k.column}\` has ${rangePhrase(k)} distinct values`,
  examples: [{ kwargs: { column: 'payment_type', min_value: 1, max_value: 6 } }],
  aggregate: statInRange(distinctMetric, (d) => d.distinct),
});
