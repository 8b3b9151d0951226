import { z } from 'zod';
import { ANY } from '../arrow/types.js';
import { defineExpectation } from '../engine/expectation.js';
import { duplicatesMetric } from '../metrics/duplicates.js';
import { multicolumnMapKeys } from '../suite/kwargs.js';
import { columnList } from './support/columns.js';
import { ignoreRowIf } from './support/ignore.js';
import { mostlyPhrase } from './support/range.js';

/** No combination of values across column_list occurs in two rows. */
export const expectCompoundColumnsToBeUnique = defineExpectation({
  type: 'expect_compound_columns_to_be_unique',
  description:
    'The combination of values in column_list occurs in one row only; every row of a repeated combination is unexpected. Missing values take part in the combination unless ignore_row_if leaves the row out.',
  domain: 'multicolumn',
  accepts: ANY,
  kwargs: z.strictObject({ ...multicolumnMapKeys }),
  sentence: (k) =>
    `the combination of ${columnList(k.column_list)} is unique per row${mostlyPhrase(k.mostly)}`,
  examples: [
    { kwargs: { column_list: ['vendor_id', 'pickup_datetime', 'pickup_location_id'] } },
    {
      kwargs: { column_list: ['order_id', 'line_no'], ignore_row_if: 'any_value_is_missing' },
      note: 'Rows missing either key are left out.',
    },
  ],
  heavy: true,
  map: {
    metric: (k, capture, ctx) =>
      duplicatesMetric({
        domain: k.column_list,
        ignoreIf: ignoreRowIf(k),
        capture,
        schema: ctx.schema,
        records: true,
      }),
  },
});
