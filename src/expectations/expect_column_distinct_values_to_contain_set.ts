import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { DISTINCT_FAMILIES } from '../metrics/distinct.js';
import { columnAggregateKeys, valueSet } from '../suite/kwargs.js';
import { distinctSetCheck, setPhrase } from './support/distinct.js';

/** Every value of value_set occurs among the non-missing values. */
export const expectColumnDistinctValuesToContainSet = defineExpectation({
  type: 'expect_column_distinct_values_to_contain_set',
  description:
    'Every value of value_set occurs in the column (other values may occur too); reports the sorted distinct values and their counts.',
  domain: 'column',
  accepts: DISTINCT_FAMILIES,
  kwargs: z.strictObject({ ...columnAggregateKeys, value_set: valueSet }),
  sentence: (k) => `distinct values of \`${k.column}\` include ${setPhrase(k.value_set)}`,
  examples: [{ kwargs: { column: 'payment_type', value_set: [1, 2] } }],
  aggregate: distinctSetCheck((d, set) => d.absentFrom(set).length === 0),
});
