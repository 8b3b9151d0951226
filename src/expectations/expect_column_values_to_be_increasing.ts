import { defineExpectation } from '../engine/expectation.js';
import { MONOTONIC_FAMILIES, monotonicKwargs, monotonicMap, monotonicSentence } from './support/monotonic.js';

/** Each non-missing value is at least (strictly: greater than) the previous non-missing value. */
export const expectColumnValuesToBeIncreasing = defineExpectation({
  type: 'expect_column_values_to_be_increasing',
  description:
    'Each value is at least the previous non-missing value (greater than it with strictly), in row order across batches and files; the first value passes and nulls are left out.',
  domain: 'column',
  accepts: MONOTONIC_FAMILIES,
  kwargs: monotonicKwargs,
  sentence: monotonicSentence('increasing'),
  examples: [
    { kwargs: { column: 'event_time' } },
    { kwargs: { column: 'invoice_no', strictly: true }, note: 'No number is repeated or goes back.' },
  ],
  map: monotonicMap('increasing'),
});
