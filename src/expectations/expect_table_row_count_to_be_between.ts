import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { rowCount } from '../engine/metric.js';
import { hasABound, hasABoundIssue, minLeMax, minLeMaxIssue, runtimeKeys } from '../suite/kwargs.js';
import { inRange, rangePhrase } from './support/range.js';

const count = z.union([z.number().int().min(0), z.null()]).optional();

/** The table has between min_value and max_value rows. */
export const expectTableRowCountToBeBetween = defineExpectation({
  type: 'expect_table_row_count_to_be_between',
  description: 'The number of rows is between min_value and max_value (either may be open).',
  domain: 'table',
  kwargs: z
    .strictObject({
      min_value: count,
      max_value: count,
      strict_min: z.boolean().default(false),
      strict_max: z.boolean().default(false),
      ...runtimeKeys,
    })
    .refine(minLeMax, minLeMaxIssue)
    .refine(hasABound, hasABoundIssue),
  sentence: (k) => `the table has ${rangePhrase(k)} rows`,
  examples: [{ kwargs: { min_value: 1000, max_value: 5_000_000 } }],
  aggregate: {
    metrics: () => ({ rows: rowCount }),
    evaluate: ({ rows }, k) => ({ success: inRange(rows as number, k), result: { observed_value: rows } }),
  },
});
