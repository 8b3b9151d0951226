import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { not, or } from '../engine/expr.js';
import { columnMapKeys, patternList } from '../suite/kwargs.js';
import { likeMatch, matchPhrase } from './support/patterns.js';
import { valuesSentence } from './support/range.js';
import { TEXT } from './support/text.js';

/** No non-missing string matches any of several SQL LIKE patterns. */
export const expectColumnValuesToNotMatchLikePatternList = defineExpectation({
  type: 'expect_column_values_to_not_match_like_pattern_list',
  description:
    'No string matches any of the SQL LIKE patterns in like_pattern_list (% any run, _ one character, a backslash escapes). Nulls are left out. (GX runs it on SQL sources only; here it runs on every source.)',
  domain: 'column',
  accepts: TEXT,
  kwargs: z.strictObject({ ...columnMapKeys, like_pattern_list: patternList('like_pattern_list') }),
  sentence: (k) =>
    valuesSentence(k.column, matchPhrase('LIKE pattern', k.like_pattern_list, 'any', true), k.mostly),
  examples: [{ kwargs: { column: 'url', like_pattern_list: ['http://%', '%localhost%'] } }],
  map: { predicate: (k) => not(or(...k.like_pattern_list.map((p) => likeMatch(k.column, p)))) },
});
