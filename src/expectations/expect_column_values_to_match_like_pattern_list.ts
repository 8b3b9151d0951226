import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { columnMapKeys, matchOn, patternList } from '../suite/kwargs.js';
import { combine, likeMatch, matchPhrase } from './support/patterns.js';
import { valuesSentence } from './support/range.js';
import { TEXT } from './support/text.js';

/** Each non-missing string matches any (or all) of several SQL LIKE patterns. */
export const expectColumnValuesToMatchLikePatternList = defineExpectation({
  type: 'expect_column_values_to_match_like_pattern_list',
  description:
    'Each string matches any of the SQL LIKE patterns in like_pattern_list, or all of them with match_on "all" (% any run, _ one character, a backslash escapes). Nulls are left out. (GX runs it on SQL sources only; here it runs on every source.)',
  domain: 'column',
  accepts: TEXT,
  kwargs: z.strictObject({
    ...columnMapKeys,
    like_pattern_list: patternList('like_pattern_list'),
    match_on: matchOn,
  }),
  sentence: (k) =>
    valuesSentence(k.column, matchPhrase('LIKE pattern', k.like_pattern_list, k.match_on, false), k.mostly),
  examples: [{ kwargs: { column: 'file_name', like_pattern_list: ['%.csv', '%.parquet'] } }],
  map: {
    predicate: (k) =>
      combine(
        k.like_pattern_list.map((p) => likeMatch(k.column, p)),
        k.match_on,
      ),
  },
});
