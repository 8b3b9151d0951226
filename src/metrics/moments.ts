import type { ColumnView } from '../arrow/column.js';
import { NUMERIC, type TypeFamily } from '../arrow/types.js';
import type { BatchView } from '../engine/batch.js';
import type { Metric } from '../engine/metric.js';
import {
  addExact,
  addExactAll,
  addSquares,
  type ExactSquares,
  type ExactSum,
  exactSquares,
  exactSum,
  exactToBigInt,
  mergeExact,
  mergeSquares,
  ratioToNumber,
  squaresToBigInt,
} from './exact-sum.js';

/**
 * Families read as quantities (ColumnView.numbers): numeric ones, booleans (True = 1, as in pandas) and
 * the null type (a column with no values, whose aggregates are missing).
 */
export const QUANTITIES: readonly TypeFamily[] = [...NUMERIC, 'boolean', 'null'];

/** Count, exact sums of the values and of their squares, infinities, and an exact integer sum. */
export interface MomentsState {
  n: number;
  /** Exact sum of the finite values. */
  sum: ExactSum;
  /** Exact sum of the squares of the finite values. */
  squares: ExactSquares;
  /** How many values are +Infinity and -Infinity. */
  posInf: number;
  negInf: number;
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
  return {
    n: a.n + b.n,
    sum: mergeExact(a.sum, b.sum),
    squares: mergeSquares(a.squares, b.squares),
    posInf: a.posInf + b.posInf,
    negInf: a.negInf + b.negInf,
    intSum: a.intSum !== null && b.intSum !== null ? a.intSum + b.intSum : null,
  };
}

/** What a batch added: its count of values, their largest magnitude and their plain double sum. */
interface BatchFigures {
  n: number;
  maxAbs: number;
  sum: number;
}

let finite = new Float64Array(0);

/** Adds a batch's values one by one to the exact sums and the infinity counts. */
function addEach(
  s: MomentsState,
  values: ArrayLike<number>,
  valid: Uint8Array | null,
  len: number,
): BatchFigures {
  if (finite.length < len) finite = new Float64Array(len);
  let m = 0;
  let n = 0;
  let sum = 0;
  let maxAbs = 0;
  for (let i = 0; i < len; i++) {
    if (valid && !valid[i]) continue;
    const x = values[i] as number;
    n++;
    if (x === Number.POSITIVE_INFINITY) s.posInf++;
    else if (x === Number.NEGATIVE_INFINITY) s.negInf++;
    else {
      finite[m++] = x;
      sum += x;
      const ax = x < 0 ? -x : x;
      if (ax > maxAbs) maxAbs = ax;
    }
  }
  addExactAll(s.sum, finite, m);
  addSquares(s.squares, finite, m);
  return { n, maxAbs, sum };
}

/**
 * Adds a batch of exact integers (or booleans): when their plain double sums cannot have rounded, each
 * sum goes in once; otherwise value by value.
 */
function addIntegers(
  s: MomentsState,
  values: ArrayLike<number>,
  valid: Uint8Array | null,
  len: number,
): BatchFigures {
  let n = 0;
  let sum = 0;
  let squares = 0;
  let maxAbs = 0;
  for (let i = 0; i < len; i++) {
    if (valid && !valid[i]) continue;
    const x = values[i] as number;
    n++;
    sum += x;
    squares += x * x;
    const ax = x < 0 ? -x : x;
    if (ax > maxAbs) maxAbs = ax;
  }
  if (maxAbs * maxAbs * n >= SAFE) return addEach(s, values, valid, len);
  addExact(s.sum, sum);
  addExact(s.squares.normal, squares);
  return { n, maxAbs, sum };
}

/**
 * Moments of a numeric column (count, sum, mean, sample variance), skipping nulls and NaN. The sums of
 * the values and of their squares are exact (see exact-sum.ts) and rounded once at the end, so the
 * figures do not depend on how the data is split or in which order states merge. Integer sums are exact
 * (BigInt beyond 2^53).
 */
export function moments(column: string): Metric<MomentsState, Moments> {
  return {
    id: `column.moments(${column})`,
    columns: [column],
    init: () => ({ n: 0, sum: exactSum(), squares: exactSquares(), posInf: 0, negInf: 0, intSum: 0n }),
    update(s, b: BatchView) {
      const col = b.column(column);
      // a batch without values (the null type has no numbers at all) leaves the state as it is
      if (col.missingCount() === b.numRows) return s;
      const { values, exact } = col.numbers();
      const valid = col.validity();
      const len = b.numRows;
      const integer = col.family === 'integer';
      const { n, maxAbs, sum } =
        exact && (integer || col.family === 'boolean')
          ? addIntegers(s, values, valid, len)
          : addEach(s, values, valid, len);
      s.n += n;
      if (s.intSum !== null && !integer) s.intSum = null;
      else if (s.intSum !== null) {
        // the float sum is exact while no partial sum can pass 2^53
        const part = exact && maxAbs * n < SAFE ? BigInt(sum) : exactIntSum(col, valid, len);
        s.intSum = part === null ? null : s.intSum + part;
      }
      return s;
    },
    merge: mergeMoments,
    finish(s) {
      const { n } = s;
      let sum: number | bigint = 0;
      let mean: number | null = null;
      let variance: number | null = null;
      if (s.posInf || s.negInf) {
        // pandas: inf - inf is NaN, and so is the variance of anything with an infinity
        sum =
          s.posInf && s.negInf ? Number.NaN : s.posInf ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
        mean = sum;
        variance = n > 1 ? Number.NaN : null;
      } else if (n > 0) {
        const a = exactToBigInt(s.sum);
        const count = BigInt(n);
        sum = ratioToNumber(a, 1n, -1074);
        mean = s.intSum !== null ? ratioToNumber(s.intSum, count, 0) : ratioToNumber(a, count, -1074);
        if (n > 1) {
          // sum of squared deviations = (n * sum(x^2) - sum(x)^2) / n, in units of 2^-2148, exactly
          const deviations = ((count * squaresToBigInt(s.squares)) << 1074n) - a * a;
          variance = deviations > 0n ? ratioToNumber(deviations, count * (count - 1n), -2148) : 0;
        }
      }
      if (s.intSum !== null)
        sum = s.intSum >= -BigInt(SAFE - 1) && s.intSum <= BigInt(SAFE - 1) ? Number(s.intSum) : s.intSum;
      return {
        count: n,
        sum,
        mean,
        variance,
        stdev: variance === null ? null : Math.sqrt(variance),
      };
    },
  };
}
