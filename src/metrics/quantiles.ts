import type { BatchView } from '../engine/batch.js';
import type { Metric } from '../engine/metric.js';

/** Mergeable state of the sorted-values metric: each batch's non-missing values, in arrival order. */
export interface SortedValuesState {
  n: number;
  chunks: Float64Array[];
}

/**
 * The non-missing numeric values of a column (nulls and NaN skipped), sorted ascending, for exact
 * quantiles. Each batch is compacted into a Float64Array chunk; merging concatenates the chunk lists and
 * `finish` sorts once. Memory: 8 bytes per non-missing value. 64-bit integers beyond 2^53 and decimals
 * are held as the nearest double, as ColumnView.numbers gives them.
 */
export function sortedValues(column: string): Metric<SortedValuesState, Float64Array> {
  return {
    id: `column.sorted_values(${column})`,
    columns: [column],
    init: () => ({ n: 0, chunks: [] }),
    update(s, b: BatchView) {
      const col = b.column(column);
      const len = b.numRows;
      const count = len - col.missingCount();
      if (count === 0) return s;
      const { values } = col.numbers();
      const valid = col.validity();
      const chunk = new Float64Array(count);
      if (!valid) {
        for (let i = 0; i < len; i++) chunk[i] = values[i] as number;
      } else {
        let j = 0;
        for (let i = 0; i < len; i++) if (valid[i]) chunk[j++] = values[i] as number;
      }
      s.chunks.push(chunk);
      s.n += count;
      return s;
    },
    merge: (a, b) => ({ n: a.n + b.n, chunks: a.chunks.concat(b.chunks) }),
    finish(s) {
      const out = new Float64Array(s.n);
      let at = 0;
      for (const c of s.chunks) {
        out.set(c, at);
        at += c.length;
      }
      return out.sort();
    },
  };
}

/** pandas/numpy interpolation methods for a quantile that falls between two values. */
export type Interpolation = 'linear' | 'lower' | 'higher' | 'midpoint' | 'nearest';

/**
 * The q-th quantile (0 <= q <= 1) of ascending values, as pandas' `Series.quantile(q, interpolation)`
 * computes it (numpy's virtual index `(n - 1) q` and its lerp); null when there are no values.
 */
export function quantile(
  sorted: Float64Array,
  q: number,
  interpolation: Interpolation = 'linear',
): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  // pandas hands numpy q * 100 and numpy divides by 100 again: keep that rounding, then numpy's
  // virtual index (n - 1) q
  const virtual = (n - 1) * ((q * 100) / 100);
  if (virtual <= 0) return sorted[0] as number;
  if (virtual >= n - 1) return sorted[n - 1] as number;
  const prev = Math.floor(virtual);
  const a = sorted[prev] as number;
  const b = sorted[prev + 1] as number;
  const gamma = virtual - prev;
  switch (interpolation) {
    case 'lower':
      return a;
    case 'higher':
      return gamma > 0 ? b : a;
    case 'midpoint':
      return gamma > 0 ? b - (b - a) * 0.5 : a;
    case 'nearest':
      // numpy rounds half to even on the index
      return gamma > 0.5 || (gamma === 0.5 && prev % 2 === 1) ? b : a;
    default: {
      const diff = b - a;
      return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
    }
  }
}

/** The median as pandas computes it: the middle value, or the mean of the two middle values. */
export function median(sorted: Float64Array): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const mid = n >> 1;
  return n % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
