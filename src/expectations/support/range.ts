import { compareCodePoints } from '../../metrics/min-max.js';

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
