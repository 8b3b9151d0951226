import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { columnMapKeys } from '../suite/kwargs.js';
import { columnTypeOutcome, typeNameKwarg } from './support/dtypes.js';

/** The column's type is type_ (an Arrow, NumPy, pandas, Python, Spark or SQL name; see docs/dtypes.md). */
export const expectColumnValuesToBeOfType = defineExpectation({
  type: 'expect_column_values_to_be_of_type',
  description:
    'The column is of type type_, judged from the schema (nulls do not matter): an Arrow, NumPy, pandas, Python, Spark or SQL type name, exact (int32, Int64, LongType) or broad (int, float, str, datetime64), as docs/dtypes.md lists them. An unknown name is an error. mostly is accepted but has no effect: an Arrow column has one type.',
  domain: 'column',
  kwargs: z.strictObject({ ...columnMapKeys, type_: typeNameKwarg }),
  sentence: (k) => `values in \`${k.column}\` are of type ${k.type_}`,
  examples: [
    { kwargs: { column: 'passenger_count', type_: 'int64' } },
    { kwargs: { column: 'vendor', type_: 'str' } },
  ],
  aggregate: {
    metrics: () => ({}),
    evaluate: (_values, k, ctx) => columnTypeOutcome(ctx, k.column, [k.type_]),
  },
});
