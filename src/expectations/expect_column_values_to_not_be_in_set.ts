import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { not } from '../engine/expr.js';
import { columnMapKeys } from '../suite/kwargs.js';
import { valuesSentence } from './support/range.js';
import { inSet, memberPhrase, SET_FAMILIES, valueSetKwarg } from './support/set.js';

/** No non-missing value is one of value_set. */
export const expectColumnValuesToNotBeInSet = defineExpectation({
  type: 'expect_column_values_to_not_be_in_set',
  description:
    'No value is one of value_set, compared as Python does (1 equals 1.0, "1" does not equal 1; dates as ISO strings); nulls are left out.',
  domain: 'column',
  accepts: SET_FAMILIES,
  kwargs: z.strictObject({ ...columnMapKeys, value_set: valueSetKwarg }),
  sentence: (k) => valuesSentence(k.column, `are ${memberPhrase(k.value_set, true)}`, k.mostly),
  examples: [{ kwargs: { column: 'vendor_id', value_set: [0, -1] }, note: 'placeholder ids never appear' }],
  map: { predicate: (k, ctx) => not(inSet(k.column, k.value_set, ctx)) },
});
