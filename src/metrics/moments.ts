import type { ColumnView } from '../arrow/column.js';
import { NUMERIC, type TypeFamily } from '../arrow/types.js';
import type { BatchView } from '../engine/batch.js';
import type { Metric } from '../engine/metric.js';

/**
 * Families read as quantities (ColumnView.numbers): numeric ones, booleans (True = 1, as in pandas) and
 * the null type (a column with no values, whose aggregates are missing).
 */
export const QUANTITIES: readonly TypeFamily[] = [...NUMERIC, 'boolean', 'null'];

/** Count, mean and sum of squared deviations (Chan et al.), plus an exact integer sum when it applies. */
export interface MomentsState {
  n: number;
  mean: number;
  m2: number;
  sum: number;
  /** Exact sum of an integer column (null once a non-integer column or overflow of exactness). */
  intSum: bigint | null;
}

/** Finished moments of a numeric column's non-missing values. */
export interface Moments {
  count: number;
  sum: number | bigint | null;
  mean: number | null;
  /** Sample variance (n - 1), as pandas and GX use. */
  variance: number | null;
  /** Sample standard deviation. */
  stdev: number | null;
}

const SAFE = 2 ** 53;
const HALF_SAFE = 2 ** 52;
const TWO32 = 4294967296n;
/** Rows per chunk when summing 32-bit halves: 2^20 values below 2^32 sum below 2^52. */
const HALVES_CHUNK = 1 << 20;

/**
 * Exact sum of an integer column chunk without a BigInt per row: 64-bit values are summed as their
 * 32-bit halves in chunks that stay exact in doubles; other integers accumulate in a double that is
 * flushed into a BigInt before it could pass 2^53. Null when the values are not exactly known (a
 * dictionary of int64 values beyond 2^53).
 */
function exactIntSum(col: ColumnView, valid: Uint8Array | null, len: number): bigint | null {
  const raw = col.bigints();
  if (raw) {
    const halves = new Int32Array(raw.buffer, raw.byteOffset, len * 2);
    const unsigned = raw instanceof BigUint64Array;
    let total = 0n;
    for (let start = 0; start < len; start += HALVES_CHUNK) {
      const end = Math.min(len, start + HALVES_CHUNK);
      let lo = 0;
      let hi = 0;
      for (let i = start; i < end; i++) {
        if (valid && !valid[i]) continue;
        lo += (halves[2 * i] as number) >>> 0;
        hi += unsigned ? (halves[2 * i + 1] as number) >>> 0 : (halves[2 * i + 1] as number);
      }
      total += BigInt(hi) * TWO32 + BigInt(lo);
    }
    return total;
  }
  const { values, exact } = col.numbers();
  if (!exact) return null;
  let big = 0n;
  let acc = 0;
  for (let i = 0; i < len; i++) {
    if (valid && !valid[i]) continue;
    const x = values[i] as number;
    if (acc >= HALF_SAFE || acc <= -HALF_SAFE) {
      big += BigInt(acc);
      acc = 0;
    }
    if (x >= HALF_SAFE || x <= -HALF_SAFE) big += BigInt(x);
    else acc += x;
  }
  return big + BigInt(acc);
}

function mergeMoments(a: MomentsState, b: MomentsState): MomentsState {
  if (a.n === 0) return { ...b };
  if (b.n === 0) return { ...a };
  const n = a.n + b.n;
  const delta = b.mean - a.mean;
  return {
    n,
    mean: a.mean + (delta * b.n) / n,
    m2: a.m2 + b.m2 + (delta * delta * a.n * b.n) / n,
    sum: a.sum + b.sum,
    intSum: a.intSum !== null && b.intSum !== null ? a.intSum + b.intSum : null,
  };
}

/**
 * Moments of a numeric column (count, sum, mean, sample variance), skipping nulls and NaN. Batches are
 * summarised with a two-pass loop and merged with Chan's formula, so the figures do not depend on how
 * the data is split. Integer sums are exact (BigInt beyond 2^53).
 */
export function moments(column: string): Metric<MomentsState, Moments> {
  return {
    id: `column.moments(${column})`,
    columns: [column],
    init: () => ({ n: 0, mean: 0, m2: 0, sum: 0, intSum: 0n }),
    update(s, b: BatchView) {
      const col = b.column(column);
      // a batch without values (the null type has no numbers at all) leaves the state as it is
      if (col.missingCount() === b.numRows) return s;
      const { values, exact } = col.numbers();
      const valid = col.validity();
      const len = b.numRows;
      let n = 0;
      let sum = 0;
      let maxAbs = 0;
      for (let i = 0; i < len; i++) {
        if (valid && !valid[i]) continue;
        const x = values[i] as number;
        n++;
        sum += x;
        const ax = x < 0 ? -x : x;
        if (ax > maxAbs) maxAbs = ax;
      }
      if (n === 0) return s;
      const mean = sum / n;
      let m2 = 0;
      for (let i = 0; i < len; i++) {
        if (valid && !valid[i]) continue;
        const d = (values[i] as number) - mean;
        m2 += d * d;
      }
      let intSum: bigint | null = null;
      if (s.intSum !== null && col.family === 'integer') {
        // the float sum is exact while no partial sum can pass 2^53
        intSum = exact && maxAbs * n < SAFE ? BigInt(sum) : exactIntSum(col, valid, len);
      }
      return mergeMoments(s, { n, mean, m2, sum, intSum });
    },
    merge: mergeMoments,
    finish(s) {
      const variance = s.n > 1 ? s.m2 / (s.n - 1) : null;
      let sum: number | bigint | null = s.n ? s.sum : 0;
      if (s.intSum !== null)
        sum = s.intSum >= -BigInt(SAFE - 1) && s.intSum <= BigInt(SAFE - 1) ? Number(s.intSum) : s.intSum;
      return {
        count: s.n,
        sum,
        mean: s.n ? s.mean : null,
        variance,
        stdev: variance === null ? null : Math.sqrt(variance),
      };
    },
  };
}
