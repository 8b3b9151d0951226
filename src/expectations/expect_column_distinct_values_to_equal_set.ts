import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { DISTINCT_FAMILIES } from '../metrics/distinct.js';
import { columnAggregateKeys, valueSet } from '../suite/kwargs.js';
import { distinctSetCheck, setPhrase } from './support/distinct.js';

/** The set of distinct non-missing values is exactly value_set. */
export const expectColumnDistinctValuesToEqualSet = defineExpectation({
  type: 'expect_column_distinct_values_to_equal_set',
  description:
    'The distinct non-missing values are exactly value_set, no more and no fewer; reports the sorted distinct values and their counts.',
  domain: 'column',
  accepts: DISTINCT_FAMILIES,
  kwargs: z.strictObject({ ...columnAggregateKeys, value_set: valueSet }),
  sentence: (k) => `distinct values of \`${k.column}\` are exactly ${setPhrase(k.value_set)}`,
  examples: [{ kwargs: { column: 'vendor_id', value_set: [1, 2] } }],
  aggregate: distinctSetCheck((d, set) => d.notIn(set).length === 0 && d.absentFrom(set).length === 0),
});
