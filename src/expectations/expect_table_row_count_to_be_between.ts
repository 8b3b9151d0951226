import { defineExpectation } from '../engine/expectation.js';
import { rowCount } from '../engine/metric.js';
import { countRangeKwargs, countRangeSentence } from './support/count.js';
import { inRangeOutcome } from './support/range.js';

/** The table has between min_value and max_value rows. */
export const expectTableRowCountToBeBetween = defineExpectation({
  type: 'expect_table_row_count_to_be_between',
  description:
    'The number of rows is between min_value and max_value (inclusive unless strict_min/strict_max); either bound may be open, and with neither any count passes.',
  domain: 'table',
  kwargs: countRangeKwargs,
  sentence: (k) => countRangeSentence(k, 'row'),
  examples: [{ kwargs: { min_value: 1000, max_value: 5_000_000 } }, { kwargs: { min_value: 1 } }],
  aggregate: {
    metrics: () => ({ rows: rowCount }),
    evaluate: ({ rows }, k) => inRangeOutcome(rows as number, k),
  },
});
