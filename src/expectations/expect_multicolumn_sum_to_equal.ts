import { z } from 'zod';
import { NUMERIC } from '../arrow/types.js';
import { defineExpectation } from '../engine/expectation.js';
import { add, cmp, col, lit } from '../engine/expr.js';
import { multicolumnMapKeys } from '../suite/kwargs.js';
import { columnList } from './support/columns.js';
import { ignoreRowIf } from './support/ignore.js';
import { mostlyPhrase } from './support/range.js';

/** In each row, the values in column_list add up to sum_total. */
export const expectMulticolumnSumToEqual = defineExpectation({
  type: 'expect_multicolumn_sum_to_equal',
  description:
    'In each row, the values in column_list add up exactly to sum_total. A row with a missing value does not add up, unless ignore_row_if leaves it out.',
  domain: 'multicolumn',
  accepts: NUMERIC,
  kwargs: z.strictObject({ ...multicolumnMapKeys, sum_total: z.number() }),
  sentence: (k) =>
    `the sum of ${columnList(k.column_list)} is ${k.sum_total} in each row${mostlyPhrase(k.mostly)}`,
  examples: [{ kwargs: { column_list: ['share_a', 'share_b', 'share_c'], sum_total: 100 } }],
  map: {
    predicate: (k) => cmp('==', add(...k.column_list.map(col)), lit(k.sum_total)),
    ignoreIf: ignoreRowIf,
  },
});
