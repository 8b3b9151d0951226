import { z } from 'zod';
import { ORDERED } from '../arrow/types.js';
import { defineExpectation } from '../engine/expectation.js';
import { cmp, col } from '../engine/expr.js';
import { columnPairMapKeys } from '../suite/kwargs.js';
import { ignoreRowIf } from './support/ignore.js';
import { valuesSentence } from './support/range.js';

/** In each row, the value in column_A is greater than (or, with or_equal, equal to) the one in column_B. */
export const expectColumnPairValuesAToBeGreaterThanB = defineExpectation({
  type: 'expect_column_pair_values_a_to_be_greater_than_b',
  description:
    'In each row, column_A is greater than column_B (or equal, with or_equal): numbers, strings, dates and timestamps of any unit. A row with one value missing is unexpected unless ignore_row_if leaves it out.',
  domain: 'column_pair',
  accepts: ORDERED,
  kwargs: z.strictObject({
    ...columnPairMapKeys,
    or_equal: z.boolean().nullable().default(false),
  }),
  sentence: (k) =>
    valuesSentence(
      k.column_A,
      `are greater than ${k.or_equal ? 'or equal to ' : ''}\`${k.column_B}\``,
      k.mostly,
    ),
  examples: [
    {
      kwargs: { column_A: 'dropoff_datetime', column_B: 'pickup_datetime' },
      note: 'Every trip ends after it starts.',
    },
    { kwargs: { column_A: 'total_amount', column_B: 'fare_amount', or_equal: true, mostly: 0.99 } },
  ],
  map: {
    predicate: (k) => cmp(k.or_equal ? '>=' : '>', col(k.column_A), col(k.column_B)),
    ignoreIf: ignoreRowIf,
  },
});
