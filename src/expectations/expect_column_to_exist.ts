import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { columnName, runtimeKeys } from '../suite/kwargs.js';
import { tableColumns } from './support/columns.js';

/** "3rd", "11th", "22nd". */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** Where column_index points, in words: "the 3rd column", "the last column", "the 2nd column from the end". */
function positionPhrase(index: number): string {
  if (index >= 0) return `the ${ordinal(index + 1)} column`;
  return index === -1 ? 'the last column' : `the ${ordinal(-index)} column from the end`;
}

/** The column exists; with column_index, at that position. */
export const expectColumnToExist = defineExpectation({
  type: 'expect_column_to_exist',
  description:
    'The column exists. With column_index (0-based; negative counts from the end, as in Python) it must be at that position. Read from the schema.',
  // a table-level expectation: a missing column is its failure, not an error
  domain: 'table',
  kwargs: z.strictObject({
    column: columnName,
    column_index: z.number().int().nullable().default(null),
    ...runtimeKeys,
  }),
  sentence: (k) =>
    k.column_index === null
      ? `column \`${k.column}\` exists`
      : `column \`${k.column}\` exists as ${positionPhrase(k.column_index)}`,
  examples: [{ kwargs: { column: 'fare' } }, { kwargs: { column: 'id', column_index: 0 } }],
  aggregate: {
    metrics: () => ({}),
    evaluate: (_values, k, ctx) => {
      const columns = tableColumns(ctx);
      const i = k.column_index;
      const success = i === null ? columns.includes(k.column) : columns.at(i) === k.column;
      return { success, result: {} };
    },
  },
});
