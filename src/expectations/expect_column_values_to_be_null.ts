import { z } from 'zod';
import { ANY } from '../arrow/types.js';
import { defineExpectation } from '../engine/expectation.js';
import { col, isNull } from '../engine/expr.js';
import { columnMapKeys } from '../suite/kwargs.js';
import { valuesSentence } from './support/range.js';

/** Values are null (or NaN); `mostly` counts over all rows. */
export const expectColumnValuesToBeNull = defineExpectation({
  type: 'expect_column_values_to_be_null',
  description:
    'Values are missing: null or, in float columns, NaN. Present values are unexpected; mostly counts over all rows.',
  domain: 'column',
  accepts: ANY,
  kwargs: z.strictObject({ ...columnMapKeys }),
  sentence: (k) => valuesSentence(k.column, 'are null', k.mostly),
  examples: [
    { kwargs: { column: 'cancellation_reason', mostly: 0.95 }, note: 'most trips are not cancelled' },
  ],
  map: {
    predicate: (k) => isNull(col(k.column)),
    // nulls are the expected values here, so they stay in the domain and the denominator
    nullsAreValues: true,
  },
});
