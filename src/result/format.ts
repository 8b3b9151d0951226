import type { ResultValue } from '../arrow/column.js';
import type { MapOutcome, ResultFormatLevel, ResultFormatOptions } from './types.js';

const LEVELS: readonly ResultFormatLevel[] = ['BOOLEAN_ONLY', 'BASIC', 'SUMMARY', 'COMPLETE'];

/** GX's default result_format. */
export const DEFAULT_RESULT_FORMAT: ResultFormatOptions = {
  result_format: 'SUMMARY',
  partial_unexpected_count: 20,
};

/** Normalises a result_format given as a level or a dict (GX accepts both). */
export function normalizeResultFormat(
  rf: ResultFormatLevel | ResultFormatOptions | undefined,
): ResultFormatOptions {
  if (rf === undefined) return DEFAULT_RESULT_FORMAT;
  const o = typeof rf === 'string' ? { result_format: rf } : rf;
  if (!LEVELS.includes(o.result_format))
    throw new Error(`unknown result_format ${JSON.stringify(o.result_format)}`);
  return { partial_unexpected_count: 20, ...o };
}

/** True when level a includes the detail of level b. */
export function atLeast(rf: ResultFormatOptions, level: ResultFormatLevel): boolean {
  return LEVELS.indexOf(rf.result_format) >= LEVELS.indexOf(level);
}

/** How many unexpected rows to capture for a result_format (COMPLETE: up to the cap). */
export function captureLimit(rf: ResultFormatOptions, completeCap: number): number {
  if (rf.result_format === 'BOOLEAN_ONLY') return 0;
  if (rf.result_format === 'COMPLETE') return completeCap;
  return rf.partial_unexpected_count ?? 20;
}

/** A stable string form for sorting and counting values of any shape. */
export function valueKey(v: ResultValue): string {
  return typeof v === 'string'
    ? `s:${v}`
    : JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
}

function compareValues(a: ResultValue, b: ResultValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  const x = valueKey(a);
  const y = valueKey(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * GX's partial_unexpected_counts: the `top` most common values as Python's Counter.most_common picks them
 * (ties at the cut go to the value seen first), then sorted most common first, ties by value.
 */
export function valueCounts(
  values: readonly ResultValue[],
  top: number,
): { value: ResultValue; count: number }[] {
  const counts = new Map<string, { value: ResultValue; count: number }>();
  for (const v of values) {
    const k = valueKey(v);
    const e = counts.get(k);
    if (e) e.count++;
    else counts.set(k, { value: v, count: 1 });
  }
  // the sort is stable: equal counts keep their first-seen order
  return [...counts.values()]
    .sort((a, b) => b.count - a.count)
    .slice(0, top)
    .sort((a, b) => b.count - a.count || compareValues(a.value, b.value));
}

/**
 * GX's result object for a map expectation at a result_format level: element_count, missing_count and
 * percents, unexpected_count and percents, partial lists and counts (SUMMARY), full lists (COMPLETE).
 */
export function formatMapResult(o: MapOutcome, rf: ResultFormatOptions): Record<string, unknown> {
  if (rf.result_format === 'BOOLEAN_ONLY') return {};
  const partial = rf.partial_unexpected_count ?? 20;
  const element = o.elementCount;
  const nonnull = o.missingCount === null ? null : element - o.missingCount;
  const pctTotal = element > 0 ? (o.unexpectedCount / element) * 100 : null;
  const pctNonMissing =
    nonnull === null ? pctTotal : nonnull > 0 ? (o.unexpectedCount / nonnull) * 100 : null;
  const withValues = !rf.exclude_unexpected_values;
  const withIndex = rf.return_unexpected_index_query !== false;
  const indexList: unknown[] = o.indexRecords ?? o.rows;
  const r: Record<string, unknown> = {
    element_count: element,
    unexpected_count: o.unexpectedCount,
    unexpected_percent: element > 0 ? pctNonMissing : null,
  };
  if (withValues) r.partial_unexpected_list = o.values.slice(0, partial);
  if (rf.unexpected_index_column_names) r.unexpected_index_column_names = rf.unexpected_index_column_names;
  if (o.missingCount !== null) {
    r.missing_count = o.missingCount;
    r.missing_percent = element > 0 ? (o.missingCount / element) * 100 : null;
    r.unexpected_percent_total = pctTotal;
    r.unexpected_percent_nonmissing = element > 0 ? pctNonMissing : null;
  }
  if (rf.result_format === 'BASIC') return r;
  if (withValues && partial > 0)
    // GX counts the unexpected values it fetched: the partial list, or every one at COMPLETE
    r.partial_unexpected_counts = valueCounts(
      rf.result_format === 'COMPLETE' ? o.values : o.values.slice(0, partial),
      partial,
    );
  if (withIndex && partial > 0) r.partial_unexpected_index_list = indexList.slice(0, partial);
  if (rf.result_format === 'SUMMARY') return r;
  if (withValues) r.unexpected_list = o.values;
  if (withIndex) r.unexpected_index_list = indexList;
  if (o.truncated) r.unexpected_list_truncated = true;
  return r;
}

/** GX's `mostly` rule: success when the expected share of considered rows reaches mostly. */
export function mostlySuccess(o: MapOutcome, mostly: number): boolean {
  const considered = o.missingCount === null ? o.elementCount : o.elementCount - o.missingCount;
  if (o.elementCount === 0 || considered === 0) return true;
  return (considered - o.unexpectedCount) / considered >= mostly;
}
