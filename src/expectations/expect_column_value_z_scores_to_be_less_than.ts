import { z } from 'zod';
import { NUMERIC } from '../arrow/types.js';
import { defineExpectation } from '../engine/expectation.js';
import { zScoreMetric } from '../metrics/zscores.js';
import { columnMapKeys } from '../suite/kwargs.js';
import { valuesSentence } from './support/range.js';

/** Each non-missing value's z-score lies under a threshold (its absolute value, when double-sided). */
export const expectColumnValueZScoresToBeLessThan = defineExpectation({
  type: 'expect_column_value_z_scores_to_be_less_than',
  description:
    "Each value's z-score, (value - mean) / sample standard deviation, is below threshold; with double_sided its absolute value is below |threshold|. A column of one value or no spread has no z-scores, so its values fail, as in GX. Nulls are left out. Keeps every value until the end of the pass (12 bytes each).",
  domain: 'column',
  accepts: [...NUMERIC, 'null'],
  kwargs: z.strictObject({ ...columnMapKeys, threshold: z.number(), double_sided: z.boolean() }),
  sentence: (k) =>
    valuesSentence(
      k.column,
      k.double_sided
        ? `have z-scores between -${Math.abs(k.threshold)} and ${Math.abs(k.threshold)} (exclusive)`
        : `have z-scores less than ${k.threshold}`,
      k.mostly,
    ),
  examples: [
    { kwargs: { column: 'trip_distance', threshold: 3, double_sided: true, mostly: 0.99 } },
    { kwargs: { column: 'latency_ms', threshold: 4, double_sided: false }, note: 'Only high outliers fail.' },
  ],
  map: {
    metric: (k, capture) =>
      zScoreMetric({ column: k.column, threshold: k.threshold, doubleSided: k.double_sided, capture }),
  },
});
