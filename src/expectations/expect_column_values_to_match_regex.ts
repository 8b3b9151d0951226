import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { columnMapKeys } from '../suite/kwargs.js';
import { valuesSentence } from './support/range.js';
import { regexSearch, TEXT } from './support/text.js';

/** Each non-missing string contains a match of a Python regular expression. */
export const expectColumnValuesToMatchRegex = defineExpectation({
  type: 'expect_column_values_to_match_regex',
  description:
    'Each string contains a match of regex (Python re syntax, searched anywhere: anchor with ^ and $); nulls are left out.',
  domain: 'column',
  accepts: TEXT,
  kwargs: z.strictObject({ ...columnMapKeys, regex: z.string().default('(?s).*') }),
  sentence: (k) => valuesSentence(k.column, `match the regular expression \`${k.regex}\``, k.mostly),
  examples: [
    { kwargs: { column: 'zip_code', regex: '^\\d{5}(-\\d{4})?$' } },
    { kwargs: { column: 'email', regex: '(?i)^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$', mostly: 0.98 } },
  ],
  map: { predicate: (k) => regexSearch(k.column, k.regex) },
});
