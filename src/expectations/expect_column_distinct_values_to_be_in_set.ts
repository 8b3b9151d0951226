import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { DISTINCT_FAMILIES } from '../metrics/distinct.js';
import { columnAggregateKeys, valueSet } from '../suite/kwargs.js';
import { distinctSetCheck, setPhrase } from './support/distinct.js';

/** Every distinct non-missing value is in value_set. */
export const expectColumnDistinctValuesToBeInSet = defineExpectation({
  type: 'expect_column_distinct_values_to_be_in_set',
  description:
    'Every distinct non-missing value is in value_set (null: any value); reports the sorted distinct values and their counts.',
  domain: 'column',
  accepts: DISTINCT_FAMILIES,
  kwargs: z.strictObject({ ...columnAggregateKeys, value_set: valueSet.nullable() }),
  sentence: (k) =>
    k.value_set
      ? `distinct values of \`${k.column}\` are all in ${setPhrase(k.value_set)}`
      : `distinct values of \`${k.column}\` may be anything`,
  examples: [{ kwargs: { column: 'payment_type', value_set: [1, 2, 3, 4] } }],
  aggregate: distinctSetCheck((d, set) => d.notIn(set).length === 0),
});
