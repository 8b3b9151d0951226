import type { BatchView } from '../engine/batch.js';
import type { Metric } from '../engine/metric.js';
import { capacityFor, type KllState, kllAdd, kllInit, kllMerge } from './kll.js';
import { type SortedValuesState, sortedValues } from './quantiles.js';

/** Above this many non-missing values, quantiles come from the sketch unless a run says otherwise. */
export const DEFAULT_EXACT_QUANTILE_LIMIT = 10_000_000;

/** Rank error the sketch keeps below when a run asks for approximation without saying how much. */
export const DEFAULT_RELATIVE_ERROR = 0.001;

/** How quantiles are computed: exactly up to `exactLimit` values, else from a sketch within `epsilon`. */
export interface QuantileMode {
  /** Most non-missing values held exactly (8 bytes each); 0 sketches from the start. */
  readonly exactLimit: number;
  /** Normalized rank error the sketch stays below. */
  readonly epsilon: number;
}

/** Either the exact values (while within the limit) or the sketch. */
export interface QuantileValuesState {
  exact: SortedValuesState | null;
  sketch: KllState | null;
}

/** The finished values: sorted exactly, or a sketch to query. */
export type QuantileValues =
  | { readonly method: 'exact'; readonly sorted: Float64Array }
  | { readonly method: 'kll'; readonly sketch: KllState };

/**
 * The non-missing numeric values of a column for quantiles (nulls and NaN skipped): held exactly while
 * there are at most `exactLimit` of them, then folded into a KLL sketch (src/metrics/kll.ts) within
 * `epsilon`. The switch depends only on the total count, so whether a result is exact never depends
 * on how the rows are batched or merged; sketched answers agree across batchings within the bound.
 */
export function quantileValues(
  column: string,
  mode: QuantileMode,
): Metric<QuantileValuesState, QuantileValues> {
  const exact = sortedValues(column);
  const k = capacityFor(mode.epsilon);
  const toSketch = (s: QuantileValuesState): KllState => {
    if (s.sketch) return s.sketch;
    const sketch = kllInit(k);
    for (const chunk of s.exact?.chunks ?? []) kllAdd(sketch, chunk, null, chunk.length);
    return sketch;
  };
  return {
    id: `column.quantile_values(${column},${mode.exactLimit},${mode.epsilon})`,
    columns: [column],
    approximateMergeAbove: mode.exactLimit,
    init: () =>
      mode.exactLimit > 0 ? { exact: exact.init(), sketch: null } : { exact: null, sketch: kllInit(k) },
    update(s, b: BatchView) {
      if (s.exact) {
        exact.update(s.exact, b);
        return s.exact.n > mode.exactLimit ? { exact: null, sketch: toSketch(s) } : s;
      }
      const col = b.column(column);
      if (col.missingCount() === b.numRows) return s;
      kllAdd(s.sketch as KllState, col.numbers().values, col.validity(), b.numRows);
      return s;
    },
    merge(a, b) {
      if (a.exact && b.exact && a.exact.n + b.exact.n <= mode.exactLimit) {
        return { exact: exact.merge(a.exact, b.exact), sketch: null };
      }
      return { exact: null, sketch: kllMerge(toSketch(a), toSketch(b)) };
    },
    finish: (s) =>
      s.exact ? { method: 'exact', sorted: exact.finish(s.exact) } : { method: 'kll', sketch: toSketch(s) },
  };
}
