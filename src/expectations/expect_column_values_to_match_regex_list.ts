import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { columnMapKeys, matchOn, patternList } from '../suite/kwargs.js';
import { combine, matchPhrase } from './support/patterns.js';
import { valuesSentence } from './support/range.js';
import { regexSearch, TEXT } from './support/text.js';

/** Each non-missing string contains a match of any (or all) of several Python regular expressions. */
export const expectColumnValuesToMatchRegexList = defineExpectation({
  type: 'expect_column_values_to_match_regex_list',
  description:
    'Each string contains a match of any of the regular expressions in regex_list, or of all of them with match_on "all" (Python re syntax, searched anywhere); nulls are left out.',
  domain: 'column',
  accepts: TEXT,
  kwargs: z.strictObject({ ...columnMapKeys, regex_list: patternList('regex_list'), match_on: matchOn }),
  sentence: (k) =>
    valuesSentence(k.column, matchPhrase('regular expression', k.regex_list, k.match_on, false), k.mostly),
  examples: [
    { kwargs: { column: 'phone', regex_list: ['^\\+\\d{6,15}$', '^0\\d{9}$'] } },
    {
      kwargs: { column: 'password_hint', regex_list: ['[A-Z]', '[a-z]', '\\d'], match_on: 'all' },
      note: 'Every value has an upper-case letter, a lower-case letter and a digit.',
    },
  ],
  map: {
    predicate: (k) =>
      combine(
        k.regex_list.map((r) => regexSearch(k.column, r)),
        k.match_on,
      ),
  },
});
