import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { col, pairIn } from '../engine/expr.js';
import { columnPairMapKeys, literal } from '../suite/kwargs.js';
import { ignoreRowIf } from './support/ignore.js';
import { mostlyPhrase } from './support/range.js';
import { checkTemporalSet, listPhrase, SET_FAMILIES } from './support/set.js';

/** In each row, the pair (column_A, column_B) is one of value_pairs_set. */
export const expectColumnPairValuesToBeInSet = defineExpectation({
  type: 'expect_column_pair_values_to_be_in_set',
  description:
    'In each row, the pair of values (column_A, column_B) is one of value_pairs_set, compared as Python does (1 equals 1.0, "1" does not equal 1; dates as ISO strings). A missing value compares as null, so [1, null] in the set admits a row with column_B missing; ignore_row_if leaves rows out.',
  domain: 'column_pair',
  accepts: SET_FAMILIES,
  kwargs: z.strictObject({
    ...columnPairMapKeys,
    value_pairs_set: z.array(z.tuple([literal, literal]), {
      error: 'value_pairs_set must be a list of pairs',
    }),
  }),
  sentence: (k) =>
    `pairs of \`${k.column_A}\` and \`${k.column_B}\` are one of ${
      k.value_pairs_set.length
        ? listPhrase(k.value_pairs_set.map(([a, b]) => `(${show(a)}, ${show(b)})`))
        : 'an empty set'
    }${mostlyPhrase(k.mostly)}`,
  examples: [
    {
      kwargs: {
        column_A: 'country',
        column_B: 'currency',
        value_pairs_set: [
          ['FR', 'EUR'],
          ['DE', 'EUR'],
          ['GB', 'GBP'],
        ],
      },
    },
  ],
  map: {
    predicate: (k, ctx) => {
      checkTemporalSet(
        k.column_A,
        k.value_pairs_set.map((p) => p[0]),
        ctx,
      );
      checkTemporalSet(
        k.column_B,
        k.value_pairs_set.map((p) => p[1]),
        ctx,
      );
      return pairIn(col(k.column_A), col(k.column_B), k.value_pairs_set);
    },
    ignoreIf: ignoreRowIf,
  },
});

function show(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}
