import { z } from 'zod';
import { ANY } from '../arrow/types.js';
import { defineExpectation } from '../engine/expectation.js';
import { col, json } from '../engine/expr.js';
import { columnMapKeys } from '../suite/kwargs.js';
import { valuesSentence } from './support/range.js';

/** Each non-missing value is a string that parses as JSON. */
export const expectColumnValuesToBeJsonParseable = defineExpectation({
  type: 'expect_column_values_to_be_json_parseable',
  description:
    "Each value is a string that Python's json.loads parses (standard JSON, plus NaN and Infinity); values of other types are unexpected, as in GX. Nulls are left out.",
  domain: 'column',
  accepts: ANY,
  kwargs: z.strictObject({ ...columnMapKeys }),
  sentence: (k) => valuesSentence(k.column, 'are JSON', k.mostly),
  examples: [{ kwargs: { column: 'payload' } }],
  map: { predicate: (k) => json(col(k.column)) },
});
