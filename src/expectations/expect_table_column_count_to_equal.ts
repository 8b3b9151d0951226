import { defineExpectation } from '../engine/expectation.js';
import { countEqualKwargs, countEqualSentence, countEquals } from './support/count.js';

/** The table has exactly `value` columns. */
export const expectTableColumnCountToEqual = defineExpectation({
  type: 'expect_table_column_count_to_equal',
  description: 'The number of columns equals value. Read from the schema.',
  domain: 'table',
  kwargs: countEqualKwargs,
  sentence: (k) => countEqualSentence(k.value, 'column'),
  examples: [{ kwargs: { value: 19 } }],
  aggregate: {
    metrics: () => ({}),
    evaluate: (_values, k, ctx) => countEquals(ctx.schema.fields.length, k.value),
  },
});
