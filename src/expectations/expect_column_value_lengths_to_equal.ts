import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { cmp, col, length, lit } from '../engine/expr.js';
import { columnMapKeys } from '../suite/kwargs.js';
import { valuesSentence } from './support/range.js';
import { TEXT } from './support/text.js';

/** Each non-missing string has exactly `value` characters. */
export const expectColumnValueLengthsToEqual = defineExpectation({
  type: 'expect_column_value_lengths_to_equal',
  description:
    'Each string is exactly value characters long (code points, as Python counts them); nulls are left out.',
  domain: 'column',
  accepts: TEXT,
  kwargs: z.strictObject({
    ...columnMapKeys,
    value: z.number().int('value must be a whole number of characters').min(0, 'value must be >= 0'),
  }),
  sentence: (k) =>
    valuesSentence(k.column, `are exactly ${k.value} character${k.value === 1 ? '' : 's'} long`, k.mostly),
  examples: [{ kwargs: { column: 'country_code', value: 2 } }],
  map: { predicate: (k) => cmp('==', length(col(k.column)), lit(k.value)) },
});
