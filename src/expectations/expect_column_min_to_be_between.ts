import { defineExpectation } from '../engine/expectation.js';
import { EXTREME_FAMILIES, extremeInRange, extremeKwargs } from './support/extreme.js';
import { statSentence } from './support/range.js';

/** The smallest non-missing value lies between min_value and max_value. */
export const expectColumnMinToBeBetween = defineExpectation({
  type: 'expect_column_min_to_be_between',
  description:
    'The smallest non-missing value is between min_value and max_value (ISO strings bound dates and timestamps).',
  domain: 'column',
  accepts: EXTREME_FAMILIES,
  kwargs: extremeKwargs,
  sentence: statSentence('minimum'),
  examples: [
    { kwargs: { column: 'fare_amount', min_value: 0 } },
    {
      kwargs: { column: 'pickup_datetime', min_value: '2024-01-01', max_value: '2024-01-02' },
      note: 'dates and timestamps compare with ISO strings',
    },
  ],
  aggregate: extremeInRange('min'),
});
