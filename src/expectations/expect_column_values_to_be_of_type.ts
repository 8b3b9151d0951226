import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { columnMapKeys } from '../suite/kwargs.js';
import {
  columnHeldAsObjects,
  columnTypeOutcome,
  OBJECT_DTYPE_NAMES,
  typeCheckPredicate,
  typeNameKwarg,
} from './support/dtypes.js';

/** The column's type is type_ (an Arrow, NumPy, pandas, Python, Spark or SQL name; see docs/dtypes.md). */
export const expectColumnValuesToBeOfType = defineExpectation({
  type: 'expect_column_values_to_be_of_type',
  description:
    "The column is of type type_, judged from the schema (nulls do not matter): an Arrow, NumPy, pandas, Python, Spark or SQL type name, exact (int32, Int64, LongType) or broad (int, float, str, datetime64), as docs/dtypes.md lists them. An unknown name is an error. observed_value is pandas' dtype name (int64, object_, datetime64, Timestamp) with the Arrow type in details.arrow_type. As in GX, a column pandas holds as object (strings, bytes, decimals, dates, nested values) is checked value by value (a row-wise result with mostly), unless type_ is object itself.",
  domain: 'column',
  kwargs: z.strictObject({ ...columnMapKeys, type_: typeNameKwarg }),
  sentence: (k) => `values in \`${k.column}\` are of type ${k.type_}`,
  examples: [
    { kwargs: { column: 'passenger_count', type_: 'int64' } },
    { kwargs: { column: 'vendor', type_: 'str' } },
  ],
  map: {
    when: (k, ctx) => columnHeldAsObjects(ctx, k.column) && !OBJECT_DTYPE_NAMES.has(k.type_),
    predicate: (k, ctx) => typeCheckPredicate(ctx, k.column, [k.type_]),
  },
  aggregate: {
    metrics: () => ({}),
    evaluate: (_values, k, ctx) => columnTypeOutcome(ctx, k.column, [k.type_]),
  },
});
