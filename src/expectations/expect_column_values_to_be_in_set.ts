import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { columnMapKeys } from '../suite/kwargs.js';
import { valuesSentence } from './support/range.js';
import { inSet, memberPhrase, SET_FAMILIES, valueSetKwarg } from './support/set.js';

/** Each non-missing value is one of value_set. */
export const expectColumnValuesToBeInSet = defineExpectation({
  type: 'expect_column_values_to_be_in_set',
  description:
    'Each value is one of value_set, compared as Python does (1 equals 1.0, "1" does not equal 1; dates as ISO strings); nulls are left out.',
  domain: 'column',
  accepts: SET_FAMILIES,
  kwargs: z.strictObject({ ...columnMapKeys, value_set: valueSetKwarg }),
  sentence: (k) => valuesSentence(k.column, `are ${memberPhrase(k.value_set, false)}`, k.mostly),
  examples: [
    { kwargs: { column: 'payment_type', value_set: [1, 2, 3, 4, 5, 6] } },
    { kwargs: { column: 'store_and_fwd_flag', value_set: ['Y', 'N'], mostly: 0.99 } },
  ],
  map: { predicate: (k, ctx) => inSet(k.column, k.value_set, ctx) },
});
