import { z } from 'zod';
import { ANY } from '../arrow/types.js';
import { defineExpectation } from '../engine/expectation.js';
import { duplicatesMetric } from '../metrics/duplicates.js';
import { columnMapKeys } from '../suite/kwargs.js';
import { valuesSentence } from './support/range.js';

/** No non-missing value occurs twice; every occurrence of a repeated value is unexpected. */
export const expectColumnValuesToBeUnique = defineExpectation({
  type: 'expect_column_values_to_be_unique',
  description:
    'Each value occurs once; every occurrence of a repeated value counts as unexpected, the first included. Nulls are left out.',
  domain: 'column',
  accepts: ANY,
  kwargs: z.strictObject({ ...columnMapKeys }),
  sentence: (k) => valuesSentence(k.column, 'are unique', k.mostly),
  examples: [{ kwargs: { column: 'trip_id' } }, { kwargs: { column: 'vendor_trip_ref', mostly: 0.999 } }],
  heavy: true,
  map: {
    metric: (k, capture, ctx) =>
      duplicatesMetric({ domain: [k.column], ignoreIf: 'any', capture, schema: ctx.schema }),
  },
});
