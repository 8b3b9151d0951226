/**
 * Histogram bin edges and bin lookup as numpy computes them: `np.histogram_bin_edges(a, bins=n)` (n
 * equal-width bins over [min, max], widened by 0.5 each way when min == max; edges from numpy's
 * linspace: start + i * step, the last edge exactly stop) and `np.digitize(x, edges) - 1`.
 */

/** The n + 1 edges of n equal-width bins over [min, max]. */
export function histogramEdges(min: number, max: number, n: number): Float64Array {
  const [lo, hi] = min === max ? [min - 0.5, max + 0.5] : [min, max];
  const step = (hi - lo) / n;
  const edges = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) edges[i] = i * step + lo;
  edges[n] = hi;
  return edges;
}

/** The bin of x: the number of edges <= x, minus 1 (-1 below the first edge, edges.length - 1 at or above the last). */
export function binIndex(edges: Float64Array, x: number): number {
  let lo = 0;
  let hi = edges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((edges[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
