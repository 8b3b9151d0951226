import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { columnMapKeys } from '../suite/kwargs.js';
import {
  columnHeldAsObjects,
  columnTypeOutcome,
  typeCheckPredicate,
  typeNameKwarg,
} from './support/dtypes.js';

/** "int32, int64 or float64". */
function orPhrase(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
}

/** The column's type is one of type_list (names as in docs/dtypes.md); a null list allows any type. */
export const expectColumnValuesToBeInTypeList = defineExpectation({
  type: 'expect_column_values_to_be_in_type_list',
  description:
    "The column is of one of the types in type_list, judged from the schema (nulls do not matter), with names as docs/dtypes.md lists them; a null type_list allows any type. An unknown name is an error. observed_value is pandas' dtype name (int64, object_, datetime64, Timestamp) with the Arrow type in details.arrow_type. As in GX, a column pandas holds as object (strings, bytes, decimals, dates, nested values) is checked value by value when type_list is given (a row-wise result with mostly).",
  domain: 'column',
  kwargs: z.strictObject({ ...columnMapKeys, type_list: z.array(typeNameKwarg).nullable().default(null) }),
  sentence: (k) =>
    k.type_list === null
      ? `values in \`${k.column}\` may be of any type`
      : k.type_list.length === 0
        ? `values in \`${k.column}\` are of a type in an empty list (never true)`
        : `values in \`${k.column}\` are of type ${orPhrase(k.type_list)}`,
  examples: [{ kwargs: { column: 'trip_distance', type_list: ['float32', 'float64', 'decimal'] } }],
  map: {
    when: (k, ctx) => k.type_list !== null && columnHeldAsObjects(ctx, k.column),
    predicate: (k, ctx) => typeCheckPredicate(ctx, k.column, k.type_list),
  },
  aggregate: {
    metrics: () => ({}),
    evaluate: (_values, k, ctx) => columnTypeOutcome(ctx, k.column, k.type_list),
  },
});
