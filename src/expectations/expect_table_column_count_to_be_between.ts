import { defineExpectation } from '../engine/expectation.js';
import { countRangeKwargs, countRangeSentence } from './support/count.js';
import { inRangeOutcome } from './support/range.js';

/** The table has between min_value and max_value columns. */
export const expectTableColumnCountToBeBetween = defineExpectation({
  type: 'expect_table_column_count_to_be_between',
  description:
    'The number of columns is between min_value and max_value (inclusive unless strict_min/strict_max); either bound may be open, and with neither any count passes. Read from the schema.',
  domain: 'table',
  kwargs: countRangeKwargs,
  sentence: (k) => countRangeSentence(k, 'column'),
  examples: [{ kwargs: { min_value: 5, max_value: 20 } }],
  aggregate: {
    metrics: () => ({}),
    evaluate: (_values, k, ctx) => inRangeOutcome(ctx.schema.fields.length, k),
  },
});
