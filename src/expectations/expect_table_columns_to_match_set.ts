import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { compareCodePoints } from '../metrics/min-max.js';
import { columnName, runtimeKeys } from '../suite/kwargs.js';
import { columnList, tableColumns } from './support/columns.js';

/** Names in a but not in b, sorted as Python sorts strings (by code point). */
function minus(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  return [...a].filter((x) => !b.has(x)).sort(compareCodePoints);
}

/** The table's columns are column_set in any order; with exact_match false, extra columns are allowed. */
export const expectTableColumnsToMatchSet = defineExpectation({
  type: 'expect_table_columns_to_match_set',
  description:
    'The columns are column_set, in any order. With exact_match false the table may have more columns; missing ones still fail. Details list unexpected and missing columns.',
  domain: 'table',
  kwargs: z.strictObject({
    column_set: z.array(columnName).nullable().default(null),
    exact_match: z.boolean().nullable().default(true),
    ...runtimeKeys,
  }),
  sentence: (k) => {
    const set = k.column_set ?? [];
    if (!k.exact_match) {
      return set.length
        ? `the table has at least the columns ${columnList(set)}`
        : 'the table may have any columns';
    }
    return set.length
      ? `the table has exactly the columns ${columnList(set)}, in any order`
      : 'the table has no columns';
  },
  examples: [
    { kwargs: { column_set: ['id', 'fare', 'pickup_at'] } },
    { kwargs: { column_set: ['id', 'fare'], exact_match: false }, note: 'Other columns may exist too.' },
  ],
  aggregate: {
    metrics: () => ({}),
    evaluate: (_values, k, ctx) => {
      const actual = new Set(tableColumns(ctx));
      const expected = new Set(k.column_set ?? []);
      const observed_value = [...actual].sort(compareCodePoints);
      const unexpected = minus(actual, expected);
      const missing = minus(expected, actual);
      if (unexpected.length === 0 && missing.length === 0)
        return { success: true, result: { observed_value } };
      const mismatched = {
        ...(unexpected.length ? { unexpected } : {}),
        ...(missing.length ? { missing } : {}),
      };
      // GX: exact_match null counts as false here, as Python's `if exact_match` does
      return {
        success: !k.exact_match && missing.length === 0,
        result: { observed_value, details: { mismatched } },
      };
    },
  },
});
