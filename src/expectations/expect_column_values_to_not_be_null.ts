import { z } from 'zod';
import { ANY } from '../arrow/types.js';
import { defineExpectation } from '../engine/expectation.js';
import { col, isNull, not } from '../engine/expr.js';
import { columnMapKeys } from '../suite/kwargs.js';
import { valuesSentence } from './support/range.js';

/** Values are not null (nor NaN); `mostly` counts over all rows. */
export const expectColumnValuesToNotBeNull = defineExpectation({
  type: 'expect_column_values_to_not_be_null',
  description: 'Values are present: not null and, in float columns, not NaN. mostly counts over all rows.',
  domain: 'column',
  accepts: ANY,
  kwargs: z.strictObject({ ...columnMapKeys }),
  sentence: (k) => valuesSentence(k.column, 'are never null', k.mostly),
  examples: [{ kwargs: { column: 'passenger_count', mostly: 0.99 } }],
  map: {
    predicate: (k) => not(isNull(col(k.column))),
    nullsAreValues: true,
  },
});
