import type { ColumnView } from '../arrow/column.js';

/**
 * A scan over a column's values with a weight per value: 0 skips it, otherwise it counts that many
 * times (`w` null: every value once).
 */
export type WeightedScan<T> = (values: ColumnView, w: ArrayLike<number> | null, n: number) => T;

/**
 * Runs `scan` over the first `len` rows of a column with their validity flags as weights or, for a
 * dictionary column, over its entries weighted by how many present rows use each, so that every distinct
 * dictionary value is looked at once.
 */
export function scanWeighted<T>(col: ColumnView, len: number, scan: WeightedScan<T>): T {
  const valid = col.validity();
  if (!col.isDictionary) return scan(col, valid, len);
  const dict = col.dictionary();
  const idx = col.indices();
  const counts = new Float64Array(dict.length);
  for (let i = 0; i < len; i++) {
    if (valid && !valid[i]) continue;
    const j = idx[i] as number;
    counts[j] = (counts[j] as number) + 1;
  }
  return scan(dict, counts, dict.length);
}
