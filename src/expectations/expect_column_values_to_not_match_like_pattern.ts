import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { not } from '../engine/expr.js';
import { columnMapKeys } from '../suite/kwargs.js';
import { likeMatch, matchPhrase } from './support/patterns.js';
import { valuesSentence } from './support/range.js';
import { TEXT } from './support/text.js';

/** No non-missing string matches a SQL LIKE pattern. */
export const expectColumnValuesToNotMatchLikePattern = defineExpectation({
  type: 'expect_column_values_to_not_match_like_pattern',
  description:
    'No string matches like_pattern as a whole, as SQL LIKE reads it: % any run of characters, _ one character, a backslash escapes the next; case-sensitive. Nulls are left out. (GX runs it on SQL sources only; here it runs on every source.)',
  domain: 'column',
  accepts: TEXT,
  kwargs: z.strictObject({ ...columnMapKeys, like_pattern: z.string() }),
  sentence: (k) =>
    valuesSentence(k.column, matchPhrase('LIKE pattern', [k.like_pattern], 'any', true), k.mostly),
  examples: [{ kwargs: { column: 'username', like_pattern: '% %' }, note: 'no spaces' }],
  map: { predicate: (k) => not(likeMatch(k.column, k.like_pattern)) },
});
