import { z } from 'zod';
import { defineExpectation } from '../engine/expectation.js';
import { kllQuantiles, kllRankErrorBound } from '../metrics/kll.js';
import { QUANTITIES } from '../metrics/moments.js';
import {
  DEFAULT_EXACT_QUANTILE_LIMIT,
  DEFAULT_RELATIVE_ERROR,
  type QuantileMode,
  type QuantileValues,
  quantileValues,
} from '../metrics/quantile-values.js';
import { type Interpolation, quantile } from '../metrics/quantiles.js';
import { columnAggregateKeys, numericBound } from '../suite/kwargs.js';
import { rangePhrase } from './support/range.js';

const INTERPOLATIONS = ['linear', 'lower', 'higher', 'midpoint', 'nearest'] as const;

/** A [min, max] pair; null is an open bound. */
const valueRange = z.tuple([numericBound.unwrap(), numericBound.unwrap()]);
type ValueRange = z.output<typeof valueRange>;

const quantileRanges = z
  .strictObject({
    quantiles: z.array(
      z.number().min(0, 'quantiles must be between 0 and 1').max(1, 'quantiles must be between 0 and 1'),
    ),
    value_ranges: z.array(valueRange),
  })
  .refine((r) => r.quantiles.length === r.value_ranges.length, {
    message: 'quantile_values and quantiles must have the same number of elements',
    path: ['value_ranges'],
  })
  .refine((r) => r.value_ranges.every(([lo, hi]) => lo === null || hi === null || lo <= hi), {
    message: 'quantile_ranges must consist of ordered pairs',
    path: ['value_ranges'],
  });

const kwargs = z.strictObject({
  ...columnAggregateKeys,
  quantile_ranges: quantileRanges,
  // GX's pandas path takes false or an interpolation name; true or a relative error (as Spark takes it)
  // asks for the sketch here
  allow_relative_error: z
    .union([z.boolean(), z.number().min(0).max(1), z.enum(INTERPOLATIONS)])
    .default(false),
});
type Kwargs = z.output<typeof kwargs>;

/** The sketch's rank error when the kwargs ask for approximation, else undefined. */
function requestedError(k: Kwargs): number | undefined {
  const a = k.allow_relative_error;
  if (a === true) return DEFAULT_RELATIVE_ERROR;
  return typeof a === 'number' && a > 0 ? a : undefined;
}

/** np.isclose(a, b, rtol, atol = 1e-8): |a - b| <= atol + rtol |b|, infinities close only to themselves. */
function isClose(a: number, b: number, rtol: number): boolean {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= 1e-8 + rtol * Math.abs(b);
}

/**
 * GX's check of one quantile: inside [min, max] (null bounds open), or within a relative 1e-4 of either
 * bound; a missing quantile (empty column) is never in range.
 */
function quantileInRange(value: number | null, [lo, hi]: ValueRange): boolean {
  if (value === null || Number.isNaN(value)) return false;
  const min = lo ?? Number.NEGATIVE_INFINITY;
  const max = hi ?? Number.POSITIVE_INFINITY;
  return isClose(value, min, 1e-4) || isClose(value, max, 1e-4) || (min <= value && value <= max);
}

/** "the 0.25 quantile" / "the median". */
function quantileName(q: number): string {
  return q === 0.5 ? 'the median' : q === 0 ? 'the minimum' : q === 1 ? 'the maximum' : `the ${q} quantile`;
}

/** Each listed quantile of the non-missing values lies in its value range. */
export const expectColumnQuantileValuesToBeBetween = defineExpectation({
  type: 'expect_column_quantile_values_to_be_between',
  description:
    "Each quantile in quantile_ranges.quantiles of the non-missing values lies in its [min, max] of value_ranges (null: open; inclusive, and within a relative 1e-4 of a bound counts as in). Exact by default, as pandas' quantile with interpolation 'nearest' (or the interpolation named by allow_relative_error); allow_relative_error true or a rank error in (0, 1], or a column above the run's exact-quantile limit (10 million values by default), uses a KLL sketch whose certified rank-error bound details report.",
  domain: 'column',
  accepts: QUANTITIES,
  kwargs,
  sentence: (k) => {
    const { quantiles, value_ranges } = k.quantile_ranges;
    const parts = quantiles.map((q, i) => {
      const [min_value, max_value] = value_ranges[i] as ValueRange;
      return `${quantileName(q)} is ${rangePhrase({ min_value, max_value })}`;
    });
    const eps = requestedError(k);
    const approx = eps === undefined ? '' : ` (approximately: within ${eps * 100}% of the rows in rank)`;
    return `in \`${k.column}\`, ${parts.join(', ')}${approx}`;
  },
  examples: [
    {
      kwargs: {
        column: 'fare',
        quantile_ranges: {
          quantiles: [0.25, 0.5, 0.75],
          value_ranges: [
            [5, 8],
            [8, 12],
            [12, null],
          ],
        },
      },
    },
    {
      kwargs: {
        column: 'trip_distance',
        quantile_ranges: { quantiles: [0.99], value_ranges: [[null, 40]] },
        allow_relative_error: 0.001,
      },
      note: 'from a sketch: each quantile is exact for some rank within 0.1% of the rows of the requested one',
    },
  ],
  aggregate: {
    metrics: (k, ctx) => {
      const eps = requestedError(k);
      const mode: QuantileMode =
        eps === undefined
          ? {
              exactLimit: ctx.exactQuantileLimit ?? DEFAULT_EXACT_QUANTILE_LIMIT,
              epsilon: DEFAULT_RELATIVE_ERROR,
            }
          : { exactLimit: 0, epsilon: eps };
      return { v: quantileValues(k.column, mode) };
    },
    evaluate: ({ v }, k) => {
      const qv = v as QuantileValues;
      const { quantiles, value_ranges } = k.quantile_ranges;
      const interpolation: Interpolation =
        typeof k.allow_relative_error === 'string' ? k.allow_relative_error : 'nearest';
      const values =
        qv.method === 'exact'
          ? quantiles.map((q) => quantile(qv.sorted, q, interpolation))
          : kllQuantiles(qv.sketch, quantiles);
      const successDetails = values.map((x, i) => quantileInRange(x, value_ranges[i] as ValueRange));
      const method =
        qv.method === 'exact'
          ? { method: 'exact' }
          : { method: 'kll', rank_error_bound: kllRankErrorBound(qv.sketch), count: qv.sketch.n };
      return {
        success: successDetails.every(Boolean),
        result: {
          observed_value: { quantiles, values },
          details: { success_details: successDetails, ...method },
        },
      };
    },
  },
});
