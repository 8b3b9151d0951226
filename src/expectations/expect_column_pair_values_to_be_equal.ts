import { z } from 'zod';
import { ORDERED } from '../arrow/types.js';
import { defineExpectation } from '../engine/expectation.js';
import { cmp, col } from '../engine/expr.js';
import { columnPairMapKeys } from '../suite/kwargs.js';
import { ignoreRowIf } from './support/ignore.js';
import { valuesSentence } from './support/range.js';

/** In each row, the values in column_A and column_B are equal. */
export const expectColumnPairValuesToBeEqual = defineExpectation({
  type: 'expect_column_pair_values_to_be_equal',
  description:
    'In each row, column_A equals column_B. A row with one value missing is unexpected unless ignore_row_if leaves it out.',
  domain: 'column_pair',
  accepts: ORDERED,
  kwargs: z.strictObject({ ...columnPairMapKeys }),
  sentence: (k) => valuesSentence(k.column_A, `are equal to \`${k.column_B}\``, k.mostly),
  examples: [
    { kwargs: { column_A: 'billed_amount', column_B: 'paid_amount' } },
    {
      kwargs: {
        column_A: 'ship_country',
        column_B: 'bill_country',
        ignore_row_if: 'either_value_is_missing',
      },
    },
  ],
  map: {
    predicate: (k) => cmp('==', col(k.column_A), col(k.column_B)),
    ignoreIf: ignoreRowIf,
  },
});
