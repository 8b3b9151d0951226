import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { not } from '../engine/expr.js';
import { columnMapKeys } from '../suite/kwargs.js';
import { valuesSentence } from './support/range.js';
import { regexSearch, TEXT } from './support/text.js';

/** No non-missing string contains a match of a Python regular expression. */
export const expectColumnValuesToNotMatchRegex = defineExpectation({
  type: 'expect_column_values_to_not_match_regex',
  description:
    'No string contains a match of regex (Python re syntax, searched anywhere); nulls are left out.',
  domain: 'column',
  accepts: TEXT,
  kwargs: z.strictObject({ ...columnMapKeys, regex: z.string() }),
  sentence: (k) => valuesSentence(k.column, `do not match the regular expression \`${k.regex}\``, k.mostly),
  examples: [{ kwargs: { column: 'comment', regex: '<script' }, note: 'no HTML injection' }],
  map: { predicate: (k) => not(regexSearch(k.column, k.regex)) },
});
