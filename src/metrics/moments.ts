import type { ColumnView } from '../arrow/column.js';
import { NUMERIC, type TypeFamily } from '../arrow/types.js';
import type { BatchView } from '../engine/batch.js';
import type { Metric } from '../engine/metric.js';
import {
  addExact,
  addMoments,
  type ExactMoments,
  exactMoments,
  exactToBigInt,
  mergeMoments,
  ratioToNumber,
} from './exact-sum.js';
import { numpySum } from './numpy-sum.js';

/**
 * Families read as quantities (ColumnView.numbers): numeric ones, booleans (True = 1, as in pandas) and
 * the null type (a column with no values, whose aggregates are missing).
 */
export const QUANTITIES: readonly TypeFamily[] = [...NUMERIC, 'boolean', 'null'];

/**
 * Counts, then either the rows themselves (while few) or exact sums of the values, and an exact integer
 * sum. Which of the two a finished state holds depends on the row count alone, never on the batches.
 */
export interface MomentsState {
  n: number;
  /** Rows seen, missing ones included. */
  rows: number;
  /**
   * While rows is at most the buffer limit: each batch's rows, NaN where missing, by the row number of its
   * first row (pandas' sums hold the missing rows, as zeros, in their places).
   */
  buffered: { at: number; values: Float64Array }[] | null;
  /** Past the limit: exact sums of every value. */
  exact: ExactMoments | null;
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

/**
 * Columns of at most this many rows keep their values (8 bytes a row, missing rows included) and get
 * pandas' two-pass figures over them in row order, bit for bit what GX's pandas engine computes; larger
 * ones get exact sums rounded once, which no split or merge order can change either.
 */
export const MOMENTS_BUFFER_LIMIT = 65_536;

/** Plain double sums of a batch's present values and of their squares, and their largest magnitude. */
interface PlainSums {
  sum: number;
  squares: number;
  maxAbs: number;
}

function plainSums(values: ArrayLike<number>, valid: Uint8Array | null, len: number): PlainSums {
  let sum = 0;
  let squares = 0;
  let maxAbs = 0;
  for (let i = 0; i < len; i++) {
    if (valid !== null && valid[i] === 0) continue;
    const x = values[i] as number;
    sum += x;
    squares += x * x;
    const ax = x < 0 ? -x : x;
    if (ax > maxAbs) maxAbs = ax;
  }
  return { sum, squares, maxAbs };
}

let widened = new Float64Array(0);

/** The first len values as a Float64Array: the array itself, or a copy into a buffer reused per call. */
function float64s(values: ArrayLike<number>, len: number): Float64Array {
  if (values instanceof Float64Array) return values;
  if (widened.length < len) widened = new Float64Array(len);
  for (let i = 0; i < len; i++) widened[i] = values[i] as number;
  return widened;
}

/**
 * Adds a batch's present values to exact moments; whole numbers whose plain double sums cannot have
 * rounded (`plain`, given for integer and boolean columns) go in as one sum each.
 */
function addToExact(
  e: ExactMoments,
  values: ArrayLike<number>,
  valid: Uint8Array | null,
  len: number,
  count: number,
  plain: PlainSums | null,
): void {
  if (plain && plain.maxAbs * plain.maxAbs * count < SAFE) {
    addExact(e.sum, plain.sum);
    addExact(e.squares, plain.squares);
  } else {
    addMoments(e, float64s(values, len), valid, len);
  }
}

/** Turns a buffering state into an exact one (no-op when it is exact already). */
function spill(s: MomentsState): ExactMoments {
  if (!s.exact) {
    s.exact = exactMoments();
    // the missing rows are NaN, which addMoments skips
    for (const chunk of s.buffered ?? []) addMoments(s.exact, chunk.values, null, chunk.values.length);
    s.buffered = null;
  }
  return s.exact;
}

/** A batch's rows as numbers, NaN where missing. */
function rowsOf(values: ArrayLike<number>, valid: Uint8Array | null, len: number): Float64Array {
  const out = new Float64Array(len);
  for (let i = 0; i < len; i++) out[i] = valid && !valid[i] ? Number.NaN : (values[i] as number);
  return out;
}

/**
 * pandas' figures over the rows in row order (nanvar's two passes, with numpy's summation and the
 * missing rows as zeros in their places): the sum, its mean over the n values, and the sum of squared
 * deviations from that mean.
 */
function twoPass(
  chunks: { at: number; values: Float64Array }[],
  n: number,
): { sum: number; mean: number; m2: number } {
  const rows = chunks.reduce((k, c) => k + c.values.length, 0);
  const xs = new Float64Array(rows);
  let k = 0;
  for (const { values } of [...chunks].sort((a, b) => a.at - b.at)) {
    xs.set(values, k);
    k += values.length;
  }
  const missing = xs.map((x) => (Number.isNaN(x) ? 1 : 0));
  for (let i = 0; i < rows; i++) if (missing[i]) xs[i] = 0;
  const sum = numpySum(xs);
  const mean = sum / n;
  for (let i = 0; i < rows; i++) {
    const d = (xs[i] as number) - mean;
    xs[i] = missing[i] ? 0 : d * d;
  }
  return { sum, mean, m2: numpySum(xs) };
}

/** Sum, mean and sample variance from exact sums, each rounded once (NaN and infinities as pandas has them). */
function fromExact(
  e: ExactMoments,
  n: number,
  intSum: bigint | null,
): { sum: number; mean: number; variance: number | null } {
  if (e.posInf || e.negInf) {
    // pandas: inf - inf is NaN, and so is the variance of anything with an infinity
    const special =
      e.posInf && e.negInf ? Number.NaN : e.posInf ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    return { sum: special, mean: special, variance: n > 1 ? Number.NaN : null };
  }
  const a = exactToBigInt(e.sum);
  const count = BigInt(n);
  const mean = intSum !== null ? ratioToNumber(intSum, count, 0) : ratioToNumber(a, count, -1074);
  let variance: number | null = null;
  if (n > 1) {
    // sum of squared deviations = (n * sum(x^2) - sum(x)^2) / n, in units of 2^-2148, exactly
    const deviations = count * exactToBigInt(e.squares) - a * a;
    variance = deviations > 0n ? ratioToNumber(deviations, count * (count - 1n), -2148) : 0;
  }
  return { sum: ratioToNumber(a, 1n, -1074), mean, variance };
}

/**
 * Moments of a numeric column (count, sum, mean, sample variance), skipping nulls and NaN, that do not
 * depend on how the data is split or in which order states merge: up to `bufferLimit` rows they are
 * pandas' two-pass figures over the rows in row order, beyond it exact sums rounded once (see
 * exact-sum.ts). Integer sums are exact (BigInt beyond 2^53).
 */
export function momentsMetric(column: string, bufferLimit: number): Metric<MomentsState, Moments> {
  return {
    id: `column.moments(${column})`,
    columns: [column],
    init: () => ({ n: 0, rows: 0, buffered: [], exact: null, intSum: 0n }),
    update(s, b: BatchView) {
      const col = b.column(column);
      const len = b.numRows;
      const count = len - col.missingCount();
      s.rows += len;
      // a batch without values (the null type has no numbers at all) only holds places in the buffer
      if (count === 0) {
        if (s.buffered) s.buffered.push({ at: b.rowOffset, values: new Float64Array(len).fill(Number.NaN) });
        if (s.rows > bufferLimit) spill(s);
        return s;
      }
      const { values, exact } = col.numbers();
      const valid = col.validity();
      const integer = col.family === 'integer';
      const plain = integer || col.family === 'boolean' ? plainSums(values, valid, len) : null;
      s.n += count;
      if (s.buffered) {
        s.buffered.push({ at: b.rowOffset, values: rowsOf(values, valid, len) });
        if (s.rows > bufferLimit) spill(s);
      } else {
        addToExact(s.exact as ExactMoments, values, valid, len, count, plain);
      }
      if (s.intSum !== null && !integer) s.intSum = null;
      else if (s.intSum !== null && plain) {
        // the float sum is exact while no partial sum can pass 2^53
        const part = exact && plain.maxAbs * count < SAFE ? BigInt(plain.sum) : exactIntSum(col, valid, len);
        s.intSum = part === null ? null : s.intSum + part;
      }
      return s;
    },
    merge(a, b) {
      const n = a.n + b.n;
      const rows = a.rows + b.rows;
      const intSum = a.intSum !== null && b.intSum !== null ? a.intSum + b.intSum : null;
      if (a.buffered && b.buffered && rows <= bufferLimit)
        return { n, rows, buffered: [...a.buffered, ...b.buffered], exact: null, intSum };
      return { n, rows, buffered: null, exact: mergeMoments(spill(a), spill(b)), intSum };
    },
    finish(s) {
      const { n } = s;
      let sum: number | bigint = 0;
      let mean: number | null = null;
      let variance: number | null = null;
      if (n > 0 && s.buffered) {
        const t = twoPass(s.buffered, n);
        sum = t.sum;
        mean = t.mean;
        variance = n > 1 ? t.m2 / (n - 1) : null;
      } else if (n > 0) {
        ({ sum, mean, variance } = fromExact(s.exact as ExactMoments, n, s.intSum));
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

/** Moments of a numeric column (see momentsMetric), keeping up to MOMENTS_BUFFER_LIMIT values. */
export function moments(column: string): Metric<MomentsState, Moments> {
  return momentsMetric(column, MOMENTS_BUFFER_LIMIT);
}
