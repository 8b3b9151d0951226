import { defineExpectation } from '../engine/expectation.js';
import { rowCount } from '../engine/metric.js';
import { countEqualKwargs, countEqualSentence, countEquals } from './support/count.js';

/** The table has exactly `value` rows. */
export const expectTableRowCountToEqual = defineExpectation({
  type: 'expect_table_row_count_to_equal',
  description: 'The number of rows equals value.',
  domain: 'table',
  kwargs: countEqualKwargs,
  sentence: (k) => countEqualSentence(k.value, 'row'),
  examples: [{ kwargs: { value: 10000 } }],
  aggregate: {
    metrics: () => ({ rows: rowCount }),
    evaluate: ({ rows }, k) => countEquals(rows as number, k.value),
  },
});
