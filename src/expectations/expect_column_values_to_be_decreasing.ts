import { defineExpectation } from '../engine/expectation.js';
import { MONOTONIC_FAMILIES, monotonicKwargs, monotonicMap, monotonicSentence } from './support/monotonic.js';

/** Each non-missing value is at most (strictly: less than) the previous non-missing value. */
export const expectColumnValuesToBeDecreasing = defineExpectation({
  type: 'expect_column_values_to_be_decreasing',
  description:
    'Each value is at most the previous non-missing value (less than it with strictly), in row order across batches and files; the first value passes and nulls are left out.',
  domain: 'column',
  accepts: MONOTONIC_FAMILIES,
  kwargs: monotonicKwargs,
  sentence: monotonicSentence('decreasing'),
  examples: [
    { kwargs: { column: 'remaining_stock' } },
    { kwargs: { column: 'countdown', strictly: true, mostly: 0.99 } },
  ],
  map: monotonicMap('decreasing'),
});
