import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { columnName, runtimeKeys } from '../suite/kwargs.js';
import { columnList, tableColumns } from './support/columns.js';

/** One position where the expected and the actual column lists differ, as GX reports it. */
interface Mismatch {
  'Expected Column Position': number;
  Expected: string | null;
  Found: string | null;
}

/** The positions (0-based) where the lists differ; the shorter list reads as null past its end. */
function mismatches(expected: readonly string[], actual: readonly string[]): Mismatch[] {
  const out: Mismatch[] = [];
  for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
    const e = expected[i] ?? null;
    const f = actual[i] ?? null;
    if (e !== f) out.push({ 'Expected Column Position': i, Expected: e, Found: f });
  }
  return out;
}

/** The table's columns are exactly column_list, in that order. */
export const expectTableColumnsToMatchOrderedList = defineExpectation({
  type: 'expect_table_columns_to_match_ordered_list',
  description:
    'The columns are exactly column_list, in that order; details list each mismatched position. A null column_list passes.',
  domain: 'table',
  kwargs: z.strictObject({ column_list: z.array(columnName).nullable().default(null), ...runtimeKeys }),
  sentence: (k) =>
    k.column_list === null
      ? 'the table may have any columns, in any order'
      : k.column_list.length === 0
        ? 'the table has no columns'
        : `the table's columns are, in this order, ${columnList(k.column_list)}`,
  examples: [{ kwargs: { column_list: ['id', 'pickup_at', 'fare'] } }],
  aggregate: {
    metrics: () => ({}),
    evaluate: (_values, k, ctx) => {
      const actual = tableColumns(ctx);
      const mismatched = k.column_list === null ? [] : mismatches(k.column_list, actual);
      return mismatched.length === 0
        ? { success: true, result: { observed_value: actual } }
        : { success: false, result: { observed_value: actual, details: { mismatched } } };
    },
  },
});
