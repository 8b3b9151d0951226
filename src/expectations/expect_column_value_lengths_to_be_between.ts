import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { between, col, length } from '../engine/expr.js';
import { columnMapKeys, hasABound, hasABoundIssue } from '../suite/kwargs.js';
import { rangePhrase, valuesSentence } from './support/range.js';
import { TEXT } from './support/text.js';

const MUST_BE_INT = 'min_value and max_value must be integers';
const lengthBound = z.number({ error: MUST_BE_INT }).int(MUST_BE_INT).nullable().optional();

/** The length of each non-missing string lies between min_value and max_value. */
export const expectColumnValueLengthsToBeBetween = defineExpectation({
  type: 'expect_column_value_lengths_to_be_between',
  description:
    'The length of each string, in characters (code points, as Python counts them), is between min_value and max_value (inclusive unless strict_min/strict_max); nulls are left out.',
  domain: 'column',
  accepts: TEXT,
  // GX does not reject min_value > max_value here: every value then fails
  kwargs: z
    .strictObject({
      ...columnMapKeys,
      min_value: lengthBound,
      max_value: lengthBound,
      strict_min: z.boolean().default(false),
      strict_max: z.boolean().default(false),
    })
    .refine(hasABound, hasABoundIssue),
  sentence: (k) => valuesSentence(k.column, `are ${rangePhrase(k)} characters long`, k.mostly),
  examples: [
    { kwargs: { column: 'zip_code', min_value: 5, max_value: 10 } },
    { kwargs: { column: 'comment', max_value: 500, mostly: 0.999 } },
  ],
  map: {
    predicate: (k) => between(length(col(k.column)), k.min_value, k.max_value, k.strict_min, k.strict_max),
  },
});
