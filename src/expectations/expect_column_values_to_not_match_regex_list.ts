import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { not, or } from '../engine/expr.js';
import { columnMapKeys, patternList } from '../suite/kwargs.js';
import { matchPhrase } from './support/patterns.js';
import { valuesSentence } from './support/range.js';
import { regexSearch, TEXT } from './support/text.js';

/** No non-missing string contains a match of any of several Python regular expressions. */
export const expectColumnValuesToNotMatchRegexList = defineExpectation({
  type: 'expect_column_values_to_not_match_regex_list',
  description:
    'No string contains a match of any of the regular expressions in regex_list (Python re syntax, searched anywhere); nulls are left out.',
  domain: 'column',
  accepts: TEXT,
  kwargs: z.strictObject({ ...columnMapKeys, regex_list: patternList('regex_list') }),
  sentence: (k) =>
    valuesSentence(k.column, matchPhrase('regular expression', k.regex_list, 'any', true), k.mostly),
  examples: [
    { kwargs: { column: 'comment', regex_list: ['<script', 'javascript:'] }, note: 'no HTML injection' },
  ],
  map: { predicate: (k) => not(or(...k.regex_list.map((r) => regexSearch(k.column, r)))) },
});
