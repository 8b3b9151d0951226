import { ORDERED } from '../arrow/types.js';
import { defineExpectation } from '../engine/expectation.js';
import { between, col } from '../engine/expr.js';
import { columnMapKeys } from '../suite/kwargs.js';
import { boundedRangeKwargs, rangePhrase, valuesSentence } from './support/range.js';

/** Each non-missing value lies between min_value and max_value. */
export const expectColumnValuesToBeBetween = defineExpectation({
  type: 'expect_column_values_to_be_between',
  description:
    'Each value is between min_value and max_value (inclusive unless strict_min/strict_max); nulls are left out.',
  domain: 'column',
  // an all-null column of Arrow's null type meets any range vacuously, as in GX
  accepts: [...ORDERED, 'null'],
  kwargs: boundedRangeKwargs(columnMapKeys),
  sentence: (k) => valuesSentence(k.column, `are ${rangePhrase(k)}`, k.mostly),
  examples: [{ kwargs: { column: 'fare_amount', min_value: 0, max_value: 500, mostly: 0.99 } }],
  map: {
    predicate: (k) => between(col(k.column), k.min_value, k.max_value, k.strict_min, k.strict_max),
  },
});
