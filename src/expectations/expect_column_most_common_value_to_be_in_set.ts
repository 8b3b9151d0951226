import { z } from 'zod';
import type { ResultValue } from '../arrow/column.js';
import { defineExpectation } from '../engine/expectation.js';
import { DISTINCT_FAMILIES, type DistinctValues } from '../metrics/distinct.js';
import { columnAggregateKeys, valueSet } from '../suite/kwargs.js';
import { distinctMetric, setPhrase } from './support/distinct.js';

/** The most common non-missing values (every value tied for the highest count), sorted as pandas' mode sorts them. */
function modes(d: DistinctValues): ResultValue[] {
  const counts = d.valueCounts();
  let top = 0;
  for (const vc of counts) if (vc.count > top) top = vc.count;
  return counts.filter((vc) => vc.count === top).map((vc) => vc.value);
}

/** The most common value (all of them, when tied) is in value_set. */
export const expectColumnMostCommonValueToBeInSet = defineExpectation({
  type: 'expect_column_most_common_value_to_be_in_set',
  description:
    'The most common non-missing value is in value_set; with a tie for most common, ties_okay decides: false (default) fails any tie, true passes when one of the tied values is in value_set. Reports every most common value, sorted.',
  domain: 'column',
  accepts: DISTINCT_FAMILIES,
  kwargs: z.strictObject({
    ...columnAggregateKeys,
    value_set: valueSet.nullable(),
    ties_okay: z.boolean().nullable().optional(),
  }),
  sentence: (k) =>
    `the most common value of \`${k.column}\` is in ${setPhrase(k.value_set ?? [])}${
      k.ties_okay ? ', or ties with a value in it' : ''
    }`,
  examples: [
    { kwargs: { column: 'payment_type', value_set: [1] } },
    { kwargs: { column: 'vendor', value_set: ['CMT', 'VTS'], ties_okay: true } },
  ],
  aggregate: {
    metrics: (k, ctx) => ({ d: distinctMetric(k.column, ctx) }),
    evaluate: ({ d }, k) => {
      const values = d as DistinctValues;
      const top = modes(values);
      // GX intersects the modes with set(value_set) under Python equality (1 == 1.0 == True); notIn
      // applies that equality in the column's own key space
      const outside = new Set(values.notIn(k.value_set ?? []));
      const hits = top.filter((v) => !outside.has(v)).length;
      const success = k.ties_okay ? hits > 0 : top.length === 1 && hits === 1;
      return { success, result: { observed_value: top } };
    },
  },
});
