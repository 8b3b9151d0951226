import type { BatchView } from '../engine/batch.js';
import type { Metric } from '../engine/metric.js';

/**
 * Counts of a numeric column's values in the bins of a partition, as numpy.histogram counts them
 * (each bin [e_i, e_i+1) half-open, the last one closed), with the values below the first edge and
 * above the last one counted apart, and the non-missing values in all.
 */
export interface Histogram {
  /** Values per bin: one fewer than the edges. */
  readonly counts: Float64Array;
  /** Values below the first edge. */
  readonly below: number;
  /** Values above the last edge. */
  readonly above: number;
  /** Non-missing values (nulls and NaN skipped; infinities count). */
  readonly n: number;
}

/** Mergeable state of the histogram metric (the finished histogram has the same shape). */
export interface HistogramState {
  counts: Float64Array;
  below: number;
  above: number;
  n: number;
}

/**
 * The bin of x among ascending edges, or -1 below the first edge and `edges.length - 1` above the
 * last; x equal to the last edge falls in the last bin, as in numpy.histogram.
 */
export function binOf(edges: ArrayLike<number>, x: number): number {
  const last = edges.length - 1;
  if (x < (edges[0] as number)) return -1;
  if (x > (edges[last] as number)) return last;
  // the largest i with edges[i] <= x, capped at the last bin
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((edges[mid] as number) <= x) lo = mid;
    else hi = mid;
  }
  return lo;
}

function emptyHistogram(bins: number): HistogramState {
  return { counts: new Float64Array(bins), below: 0, above: 0, n: 0 };
}

function addValue(s: HistogramState, edges: readonly number[], x: number): void {
  const b = binOf(edges, x);
  if (b < 0) s.below++;
  else if (b >= s.counts.length) s.above++;
  else s.counts[b] = (s.counts[b] as number) + 1;
}

/** The histogram of ascending (or any) present values, for expectations that already hold the values. */
export function histogramOf(values: ArrayLike<number>, edges: readonly number[]): Histogram {
  const s = emptyHistogram(edges.length - 1);
  for (let i = 0; i < values.length; i++) addValue(s, edges, values[i] as number);
  s.n = values.length;
  return s;
}

/**
 * The histogram of a numeric column over ascending edges (at least two; ±Infinity allowed at the ends),
 * in one pass: a binary search per value, O(bins) state, merged by adding counts.
 */
export function histogram(column: string, edges: readonly number[]): Metric<HistogramState, Histogram> {
  return {
    id: `column.histogram(${column}; ${edges.join(', ')})`,
    columns: [column],
    init: () => emptyHistogram(edges.length - 1),
    update(s, b: BatchView) {
      const col = b.column(column);
      const len = b.numRows;
      const present = len - col.missingCount();
      if (present === 0) return s;
      const { values } = col.numbers();
      const valid = col.validity();
      if (!valid) {
        for (let i = 0; i < len; i++) addValue(s, edges, values[i] as number);
      } else {
        for (let i = 0; i < len; i++) if (valid[i]) addValue(s, edges, values[i] as number);
      }
      s.n += present;
      return s;
    },
    merge(a, b) {
      const counts = new Float64Array(a.counts.length);
      for (let i = 0; i < counts.length; i++) counts[i] = (a.counts[i] as number) + (b.counts[i] as number);
      return { counts, below: a.below + b.below, above: a.above + b.above, n: a.n + b.n };
    },
    finish: (s) => s,
  };
}
