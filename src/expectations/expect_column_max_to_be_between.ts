import { defineExpectation } from '../engine/expectation.js';
import { EXTREME_FAMILIES, extremeInRange, extremeKwargs } from './support/extreme.js';
import { statSentence } from './support/range.js';

/** The largest non-missing value lies between min_value and max_value. */
export const expectColumnMaxToBeBetween = defineExpectation({
  type: 'expect_column_max_to_be_between',
  description:
    'The largest non-missing value is between min_value and max_value (ISO strings bound dates and timestamps).',
  domain: 'column',
  accepts: EXTREME_FAMILIES,
  kwargs: extremeKwargs,
  sentence: statSentence('maximum'),
  examples: [
    { kwargs: { column: 'fare_amount', max_value: 500 } },
    {
      kwargs: { column: 'pickup_datetime', min_value: '2024-01-31', max_value: '2024-02-01' },
      note: 'dates and timestamps compare with ISO strings',
    },
  ],
  aggregate: extremeInRange('max'),
});
