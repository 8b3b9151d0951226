import { z } from 'zod';
import { ORDERED } from '../arrow/types.js';
import { defineExpectation } from '../engine/expectation.js';
import { between, col } from '../engine/expr.js';
import {
  columnMapKeys,
  hasABound,
  hasABoundIssue,
  minLeMax,
  minLeMaxIssue,
  rangeKeys,
} from '../suite/kwargs.js';
import { mostlyPhrase, rangePhrase } from './support/range.js';

/** Each non-missing value lies between min_value and max_value. */
export const expectColumnValuesToBeBetween = defineExpectation({
  type: 'expect_column_values_to_be_between',
  description:
    'Each value is between min_value and max_value (inclusive unless strict_min/strict_max); nulls are left out.',
  domain: 'column',
  // an all-null column of Arrow's null type meets any range vacuously, as in GX
  accepts: [...ORDERED, 'null'],
  kwargs: z
    .strictObject({ ...columnMapKeys, ...rangeKeys })
    .refine(minLeMax, minLeMaxIssue)
    .refine(hasABound, hasABoundIssue),
  sentence: (k) => `values in \`${k.column}\` are ${rangePhrase(k)}${mostlyPhrase(k.mostly)}`,
  examples: [{ kwargs: { column: 'fare_amount', min_value: 0, max_value: 500, mostly: 0.99 } }],
  map: {
    predicate: (k) => between(col(k.column), k.min_value, k.max_value, k.strict_min, k.strict_max),
  },
});
