import { z } from 'zod';
import { ANY } from '../arrow/types.js';
import { defineExpectation } from '../engine/expectation.js';
import { col, distinctInRow } from '../engine/expr.js';
import { multicolumnMapKeys } from '../suite/kwargs.js';
import { columnList } from './support/columns.js';
import { ignoreRowIf } from './support/ignore.js';
import { mostlyPhrase } from './support/range.js';

/** In each row, the values of column_list differ from one another. */
export const expectSelectColumnValuesToBeUniqueWithinRecord = defineExpectation({
  type: 'expect_select_column_values_to_be_unique_within_record',
  description:
    "In each row, no two of the columns in column_list hold the same value (1 equals 1.0; two missing values count as equal, as pandas' nunique(dropna=False)). ignore_row_if leaves out rows with all (default) or any values missing.",
  domain: 'multicolumn',
  accepts: ANY,
  kwargs: z.strictObject({ ...multicolumnMapKeys }),
  sentence: (k) =>
    `the values of ${columnList(k.column_list)} differ from one another in each row${mostlyPhrase(k.mostly)}`,
  examples: [
    { kwargs: { column_list: ['home_team', 'away_team'] } },
    {
      kwargs: {
        column_list: ['first_choice', 'second_choice', 'third_choice'],
        ignore_row_if: 'any_value_is_missing',
      },
    },
  ],
  map: {
    predicate: (k) => distinctInRow(...k.column_list.map(col)),
    ignoreIf: ignoreRowIf,
  },
});
