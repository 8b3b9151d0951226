import { z } from 'zod';
import type { AggregateOutcome, AggregateSpec, PlanContext } from '../../engine/expectation.js';
import type { Metric } from '../../engine/metric.js';
import { compareCodePoints } from '../../metrics/min-max.js';
import {
  columnAggregateKeys,
  hasABound,
  hasABoundIssue,
  minLeMax,
  minLeMaxIssue,
  numericRangeKeys,
  rangeKeys,
} from '../../suite/kwargs.js';

/** Bounds as aggregate expectations take them. */
export interface RangeKwargs {
  min_value?: number | string | null;
  max_value?: number | string | null;
  strict_min?: boolean;
  strict_max?: boolean;
}

function cmp(a: number | bigint | string, b: number | string): number {
  if (typeof a === 'string' || typeof b === 'string') return compareCodePoints(String(a), String(b));
  if (typeof a === 'bigint') {
    if (!Number.isFinite(b)) return b > 0 ? -1 : 1;
    const fl = BigInt(Math.floor(b));
    return a < fl ? -1 : a > fl ? 1 : Number.isInteger(b) ? 0 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * GX's range rule for an observed value: above min_value (or strictly, with strict_min) and below
 * max_value; an open bound always holds; a missing or NaN observation (an empty column's mean) fails
 * even with both bounds open, as GX's `_validate_metric_value_between` does.
 */
export function inRange(observed: number | bigint | string | null | undefined, k: RangeKwargs): boolean {
  const { min_value: lo, max_value: hi } = k;
  if (observed == null || (typeof observed === 'number' && Number.isNaN(observed))) return false;
  if (lo != null) {
    const c = cmp(observed, lo);
    if (k.strict_min ? c <= 0 : c < 0) return false;
  }
  if (hi != null) {
    const c = cmp(observed, hi);
    if (k.strict_max ? c >= 0 : c > 0) return false;
  }
  return true;
}

/** GX's outcome of a range check of an observed value (a statistic, a count): the value is observed_value. */
export function inRangeOutcome(observed: number | bigint | null, k: RangeKwargs): AggregateOutcome {
  return { success: inRange(observed, k), result: { observed_value: observed } };
}

/** Kwargs of a column statistic checked against numeric bounds (either may be open, min <= max). */
export const statRangeKwargs = z
  .strictObject({ ...columnAggregateKeys, ...numericRangeKeys })
  .refine(minLeMax, minLeMaxIssue);

/**
 * Kwargs of `keys` with bounds that may also be ISO dates or strings: min <= max, and at least one bound
 * (GX refuses a range with neither).
 */
export function boundedRangeKwargs<S extends typeof columnAggregateKeys>(keys: S) {
  return z
    .strictObject({ ...keys, ...rangeKeys })
    .refine(minLeMax, minLeMaxIssue)
    .refine(hasABound, hasABoundIssue);
}

/**
 * An aggregate expectation that checks one statistic of a column against min_value/max_value: `metric`
 * computes what `stat` reads the statistic from.
 */
export function statInRange<V>(
  metric: (column: string, ctx: PlanContext) => Metric<unknown, V>,
  stat: (value: V) => number | bigint | null,
): AggregateSpec<RangeKwargs & { column: string }> {
  return {
    metrics: (k, ctx) => ({ v: metric(k.column, ctx) }),
    evaluate: ({ v }, k) => inRangeOutcome(stat(v as V), k),
  };
}

/** The sentence of a statistic's range: "the mean of `fare` is between 1 and 5". */
export function statSentence(statistic: string): (k: RangeKwargs & { column: string }) => string {
  return (k) => `the ${statistic} of \`${k.column}\` is ${rangePhrase(k)}`;
}

/** "between 0 and 100", "at least 5", "greater than 5", "at most 3", "less than 3", in words. */
export function rangePhrase(k: RangeKwargs): string {
  const lo = k.min_value;
  const hi = k.max_value;
  const f = (v: unknown) => (typeof v === 'string' ? v : String(v));
  if (lo != null && hi != null) {
    const excl = [k.strict_min ? 'exclusive' : '', k.strict_max ? 'exclusive' : ''];
    const suffix =
      excl[0] && excl[1]
        ? ' (both exclusive)'
        : excl[0]
          ? ' (min exclusive)'
          : excl[1]
            ? ' (max exclusive)'
            : '';
    return `between ${f(lo)} and ${f(hi)}${suffix}`;
  }
  if (lo != null) return k.strict_min ? `greater than ${f(lo)}` : `at least ${f(lo)}`;
  if (hi != null) return k.strict_max ? `less than ${f(hi)}` : `at most ${f(hi)}`;
  return 'any value';
}

/** ", at least 95% of the time" for mostly < 1, else "". */
export function mostlyPhrase(mostly: number | undefined): string {
  if (mostly === undefined || mostly >= 1) return '';
  const pct = Math.round(mostly * 10000) / 100;
  return `, at least ${pct}% of the time`;
}

/** The sentence of a row-wise expectation on a column: "values in `fare` are at least 0, at least 95% of the time". */
export function valuesSentence(column: string, predicate: string, mostly: number | undefined): string {
  return `values in \`${column}\` ${predicate}${mostlyPhrase(mostly)}`;
}
